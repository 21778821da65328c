import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	createResponseLink,
	getAssessment,
	listResponseLinks,
	revokeResponseLink,
	setLinkInvited,
	setAssessmentStatus,
	updateAssessmentSettings
} from '$lib/server/db/assessments';
import { listGroups } from '$lib/server/db/organisations';
import { getOwnResponseStatus, startResponse } from '$lib/server/db/responses';
import { can } from '$lib/domain/permissions';
import { roundPageView } from '$lib/domain/round-page';
import { invitedField, nameField, parseForm, thresholdField } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, user, role } = await requireMember(locals, url, params.orgId);
	const round = await getAssessment(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	// Only what this role may see is read at all; roundPageView decides what leaves the server.
	const manages = can(role, 'manageRounds');
	const [links, departments, roleLevels, myStatus] = await Promise.all([
		manages ? listResponseLinks(db, params.orgId, params.roundId) : [],
		manages ? listGroups(db, 'departments', params.orgId) : [],
		manages ? listGroups(db, 'role_levels', params.orgId) : [],
		getOwnResponseStatus(db, round.id, user.id)
	]);
	return {
		...roundPageView({ role, round, myStatus, links, departments, roleLevels }),
		origin: url.origin
	};
};

const optionalId = z
	.string()
	.optional()
	.transform((v) => (v ? v : null));

export const actions: Actions = {
	setStatus: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ status: z.enum(['open', 'closed'], { error: m.error_unknown_status() }) }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		if (!(await setAssessmentStatus(db, params.orgId, params.roundId, form.data.status)))
			error(404, { message: 'Not found' });
		return { ok: true, message: form.data.status === 'open' ? m.round_opened() : m.round_closed() };
	},
	settings: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ name: nameField, threshold: thresholdField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const ok = await updateAssessmentSettings(db, params.orgId, params.roundId, {
			name: form.data.name,
			anonymityThreshold: form.data.threshold
		});
		if (!ok) error(404, { message: 'Not found' });
		return { ok: true, message: m.round_settings_saved() };
	},
	createLink: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({
				departmentId: optionalId,
				roleLevelId: optionalId,
				invited: invitedField
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const token = await createResponseLink(db, {
			organisationId: params.orgId,
			assessmentId: params.roundId,
			departmentId: form.data.departmentId,
			roleLevelId: form.data.roleLevelId,
			invited: form.data.invited
		});
		if (token === 'invalid') return fail(400, { message: m.links_invalid_group() });
		return { ok: true, message: m.links_created() };
	},
	setInvited: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ token: z.string().min(1, m.links_unknown()), invited: invitedField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const ok = await setLinkInvited(
			db,
			params.orgId,
			params.roundId,
			form.data.token,
			form.data.invited
		);
		if (!ok) return fail(404, { message: m.links_unknown() });
		return { ok: true, message: m.links_invited_saved() };
	},
	revokeLink: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ token: z.string().min(1, m.links_unknown()) }),
			await request.formData()
		);
		if (!form.ok || !(await revokeResponseLink(db, params.orgId, params.roundId, form.data.token)))
			return fail(404, { message: m.links_unknown() });
		return { ok: true, message: m.links_revoked() };
	},
	answer: async ({ locals, url, params }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'answer');
		const round = await getAssessment(db, params.orgId, params.roundId);
		if (!round) error(404, { message: 'Not found' });
		if (round.status !== 'open') return fail(409, { message: m.round_not_open() });
		const started = await startResponse(db, {
			assessmentId: round.id,
			userId: user.id,
			linkToken: null,
			departmentId: null,
			roleLevelId: null
		});
		// Only links have a cap; a member's own response always starts.
		if (started === 'full') return fail(409, { message: m.join_link_full() });
		redirect(303, `/answer/${started.resumeToken}`);
	}
};
