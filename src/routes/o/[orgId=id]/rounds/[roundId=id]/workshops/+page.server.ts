import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localize } from '$lib/domain/model';
import { WORKSHOP_PACES } from '$lib/domain/workshop';
import { listGroups } from '$lib/server/db/groups';
import { getModel } from '$lib/server/db/models';
import { getRound } from '$lib/server/db/rounds';
import { createWorkshop, listWorkshops } from '$lib/server/db/workshops';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { refusalMessage } from '$lib/server/workshop-access';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

async function roundAndModel(db: Parameters<typeof getRound>[0], orgId: string, roundId: string) {
	const round = await getRound(db, orgId, roundId);
	if (!round) error(404, { message: 'Not found' });
	const stored = await getModel(db, round.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	return { round, model: stored.model };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'manageRounds');
	const { round, model } = await roundAndModel(db, params.orgId, params.roundId);
	const locale = currentLocale();
	return {
		round: {
			id: round.id,
			name: round.name,
			status: round.status,
			anonymityThreshold: round.anonymityThreshold
		},
		areas: model.areas.map((a) => ({
			id: a.id,
			name: localize(a.name, locale),
			questions: a.questions.length
		})),
		workshops: await listWorkshops(db, round.id)
	};
};

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on');

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const { model } = await roundAndModel(db, params.orgId, params.roundId);
		const areaFields = Object.fromEntries(model.areas.map((a) => [`area:${a.id}`, checkbox]));
		const form = parseForm(
			z.object({
				pace: z.enum(WORKSHOP_PACES as ['question', 'area'], {
					error: () => m.workshop_pace_unknown()
				}),
				requireGroup: checkbox,
				smallGroupOptIn: checkbox,
				...areaFields
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const data = form.data as Record<string, unknown> & {
			pace: 'question' | 'area';
			requireGroup: boolean;
			smallGroupOptIn: boolean;
		};
		const areas = model.areas.map((a) => a.id).filter((id) => data[`area:${id}`] === true);
		if (areas.length === 0) return fail(400, { message: m.workshop_no_areas() });
		if (data.requireGroup) {
			// Nobody could join: the join form would offer an empty list.
			const [departments, roleLevels] = await Promise.all([
				listGroups(db, 'departments', params.orgId),
				listGroups(db, 'role_levels', params.orgId)
			]);
			if (departments.length === 0 || roleLevels.length === 0)
				return fail(400, { message: m.workshop_require_group_no_groups() });
		}
		const created = await createWorkshop(db, {
			organisationId: params.orgId,
			roundId: params.roundId,
			createdBy: user.id,
			areas,
			pace: data.pace,
			requireGroup: data.requireGroup,
			smallGroupOptIn: data.smallGroupOptIn
		});
		if (!created.ok) {
			if (created.reason === 'not-found') error(404, { message: 'Not found' });
			const refusal = refusalMessage(created.reason);
			return fail(refusal.status, { message: refusal.message });
		}
		redirect(303, `/o/${params.orgId}/rounds/${params.roundId}/workshops/${created.value.id}`);
	}
};
