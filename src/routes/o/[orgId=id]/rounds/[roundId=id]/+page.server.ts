import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	createResponseLink,
	getCoverNote,
	getRound,
	listResponseLinks,
	revokeResponseLink,
	setCoverNote,
	setLinkInvited,
	setRoundStatus,
	updateRoundSettings
} from '$lib/server/db/rounds';
import { loadAreaImportance, saveAreaImportance } from '$lib/server/db/area-importance';
import { recordAudit } from '$lib/server/db/audit';
import { inTransaction, type Db } from '$lib/server/db/connection';
import { listGroups } from '$lib/server/db/groups';
import { getModel } from '$lib/server/db/models';
import { getOwnResponseStatus, startResponse } from '$lib/server/db/responses';
import { MAX_COVER_NOTE } from '$lib/domain/limits';
import { localize } from '$lib/domain/model';
import { can } from '$lib/domain/permissions';
import { roundPageView } from '$lib/domain/round-page';
import {
	coverNoteField,
	importanceFormSchema,
	invitedField,
	nameField,
	optionalLocaleField,
	parseForm,
	thresholdField
} from '$lib/server/forms';
import { loadFirstRunGuide } from '$lib/server/first-run';
import { requireMember, requireReader } from '$lib/server/guards';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, user, role, demo } = await requireReader(locals, url, params.orgId);
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	// Only what this role may see is read at all; roundPageView decides what leaves the server.
	const manages = can(role, 'manageRounds');
	const [links, departments, roleLevels, myStatus, stored, importance, guide, coverNote] =
		await Promise.all([
			manages ? listResponseLinks(db, params.orgId, params.roundId) : [],
			manages ? listGroups(db, 'departments', params.orgId) : [],
			manages ? listGroups(db, 'role_levels', params.orgId) : [],
			user ? getOwnResponseStatus(db, round.id, user.id) : null,
			getModel(db, round.modelId),
			loadAreaImportance(db, round.id),
			loadFirstRunGuide(db, demo === 'visitor' ? null : user),
			manages ? getCoverNote(db, params.orgId, params.roundId) : null
		]);
	if (!stored) error(500, { message: m.error_model_missing() });
	return {
		...roundPageView({
			role,
			round,
			myStatus,
			links,
			departments,
			roleLevels,
			model: stored.model,
			importance,
			locale: currentLocale()
		}),
		origin: url.origin,
		guide,
		/** The report's cover note, for those who manage rounds only (they write it). */
		coverNote: manages ? { text: coverNote ?? '', max: MAX_COVER_NOTE } : null
	};
};

const optionalId = z
	.string()
	.optional()
	.transform((v) => (v ? v : null));

export const actions: Actions = {
	setStatus: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ status: z.enum(['open', 'closed'], { error: m.error_unknown_status() }) }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const changed = await inTransaction(db, async (trx) => {
			const before = await getRound(trx, params.orgId, params.roundId);
			if (!before) return false;
			await setRoundStatus(trx, params.orgId, params.roundId, form.data.status);
			if (before.status !== form.data.status)
				await recordAudit(trx, {
					...roundSubject(params.orgId, user.id, before),
					action: 'round.status',
					before: { status: before.status },
					after: { status: form.data.status }
				});
			return true;
		});
		if (!changed) error(404, { message: 'Not found' });
		return { ok: true, message: form.data.status === 'open' ? m.round_opened() : m.round_closed() };
	},
	settings: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ name: nameField, threshold: thresholdField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const ok = await inTransaction(db, async (trx) => {
			const before = await getRound(trx, params.orgId, params.roundId);
			if (!before) return false;
			await updateRoundSettings(trx, params.orgId, params.roundId, {
				name: form.data.name,
				anonymityThreshold: form.data.threshold
			});
			const after = await getRound(trx, params.orgId, params.roundId);
			if (
				after &&
				(after.name !== before.name || after.anonymityThreshold !== before.anonymityThreshold)
			)
				await recordAudit(trx, {
					...roundSubject(params.orgId, user.id, after),
					action: 'round.settings',
					before: { name: before.name, threshold: before.anonymityThreshold },
					after: { name: after.name, threshold: after.anonymityThreshold }
				});
			return true;
		});
		if (!ok) error(404, { message: 'Not found' });
		return { ok: true, message: m.round_settings_saved() };
	},
	coverNote: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(z.object({ coverNote: coverNoteField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message, coverNoteError: true });
		const note = form.data.coverNote;
		const ok = await inTransaction(db, async (trx) => {
			const before = await getRound(trx, params.orgId, params.roundId);
			if (!before) return false;
			const old = (await getCoverNote(trx, params.orgId, params.roundId)) ?? null;
			if (old === note) return true;
			await setCoverNote(trx, params.orgId, params.roundId, note);
			await recordAudit(trx, {
				...roundSubject(params.orgId, user.id, before),
				action: 'round.cover_note',
				before: { coverNote: old },
				after: { coverNote: note }
			});
			return true;
		});
		if (!ok) error(404, { message: 'Not found' });
		return { ok: true, message: m.cover_note_saved() };
	},
	importance: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const round = await getRound(db, params.orgId, params.roundId);
		if (!round) error(404, { message: 'Not found' });
		const stored = await getModel(db, round.modelId);
		if (!stored) error(500, { message: m.error_model_missing() });
		const locale = currentLocale();
		const areas = stored.model.areas.map((a) => ({ id: a.id, name: localize(a.name, locale) }));
		const form = parseForm(importanceFormSchema(areas), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const ok = await inTransaction(db, async (trx) => {
			const before = await getRound(trx, params.orgId, params.roundId);
			if (!before) return false;
			const change = await saveAreaImportance(trx, before.id, form.data);
			// Per changed area id, its rating before and after (null: not rated).
			if (Object.keys(change.after).length > 0)
				await recordAudit(trx, {
					...roundSubject(params.orgId, user.id, before),
					action: 'round.importance',
					before: change.before,
					after: change.after
				});
			return true;
		});
		if (!ok) error(404, { message: 'Not found' });
		return { ok: true, message: m.round_importance_saved() };
	},
	createLink: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({
				departmentId: optionalId,
				roleLevelId: optionalId,
				invited: invitedField,
				locale: optionalLocaleField
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const token = await inTransaction(db, async (trx) => {
			const created = await createResponseLink(trx, {
				organisationId: params.orgId,
				roundId: params.roundId,
				departmentId: form.data.departmentId,
				roleLevelId: form.data.roleLevelId,
				invited: form.data.invited,
				locale: form.data.locale
			});
			if (created !== 'invalid')
				await recordLinkAudit(trx, params, user.id, created, 'link.create', null, {
					invited: form.data.invited,
					locale: form.data.locale
				});
			return created;
		});
		if (token === 'invalid') return fail(400, { message: m.links_invalid_group() });
		return { ok: true, message: m.links_created() };
	},
	setInvited: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ token: z.string().min(1, m.links_unknown()), invited: invitedField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const ok = await inTransaction(db, async (trx) => {
			const before = await findLink(trx, params, form.data.token);
			if (!before) return false;
			await setLinkInvited(trx, params.orgId, params.roundId, form.data.token, form.data.invited);
			if (before.invited !== form.data.invited)
				await recordLinkAudit(
					trx,
					params,
					user.id,
					form.data.token,
					'link.cap',
					{ invited: before.invited },
					{ invited: form.data.invited }
				);
			return true;
		});
		if (!ok) return fail(404, { message: m.links_unknown() });
		return { ok: true, message: m.links_invited_saved() };
	},
	revokeLink: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({ token: z.string().min(1, m.links_unknown()) }),
			await request.formData()
		);
		const revoked =
			form.ok &&
			(await inTransaction(db, async (trx) => {
				const before = await findLink(trx, params, form.data.token);
				if (!before) return false;
				await revokeResponseLink(trx, params.orgId, params.roundId, form.data.token);
				if (!before.revoked)
					await recordLinkAudit(trx, params, user.id, form.data.token, 'link.revoke', null, null);
				return true;
			}));
		if (!revoked) return fail(404, { message: m.links_unknown() });
		return { ok: true, message: m.links_revoked() };
	},
	answer: async ({ locals, url, params }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'answer');
		const round = await getRound(db, params.orgId, params.roundId);
		if (!round) error(404, { message: 'Not found' });
		if (round.status !== 'open') return fail(409, { message: m.round_not_open() });
		const started = await startResponse(db, {
			roundId: round.id,
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

type RoundParams = { orgId: string; roundId: string };

/** Who changed which round, for the audit log. */
function roundSubject(
	organisationId: string,
	actorId: string,
	round: { id: string; name: string }
) {
	return {
		organisationId,
		actorId,
		subjectType: 'round',
		subjectId: round.id,
		subjectLabel: round.name
	};
}

/** A link of this round, if the token is one. */
async function findLink(db: Db, params: RoundParams, token: string) {
	const links = await listResponseLinks(db, params.orgId, params.roundId);
	return links.find((l) => l.token === token);
}

/**
 * Records a change to a link, named by its round and group: the audit log never holds the token,
 * which would let anyone who reads it answer through the link.
 */
async function recordLinkAudit(
	trx: Db,
	params: RoundParams,
	actorId: string,
	token: string,
	action: 'link.create' | 'link.cap' | 'link.revoke',
	before: Record<string, unknown> | null,
	after: Record<string, unknown> | null
) {
	const [link, round] = await Promise.all([
		findLink(trx, params, token),
		getRound(trx, params.orgId, params.roundId)
	]);
	await recordAudit(trx, {
		organisationId: params.orgId,
		actorId,
		action,
		subjectType: 'link',
		subjectId: null,
		subjectLabel: `${round?.name ?? ''} · ${link?.departmentName ?? m.links_any_department()} · ${link?.roleLevelName ?? m.links_any_role_level()}`,
		before,
		after
	});
}
