/**
 * Tracking a round's roadmap: every member sees who owns each item, by when and how far it is;
 * owners and facilitators set them. The next round's results page shows what was tracked here.
 */
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { recommendationNames } from '$lib/domain/results-view';
import { ROADMAP_STATUSES } from '$lib/domain/roadmap';
import { QUARTER } from '$lib/domain/roadmap-page';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getRound } from '$lib/server/db/rounds';
import { loadRoadmapPage } from '$lib/server/roadmap-page';
import { getModel } from '$lib/server/db/models';
import { recordAudit } from '$lib/server/db/audit';
import { listTrackedItems, trackItem, type TrackedItem } from '$lib/server/db/roadmap-items';
import { parseForm } from '$lib/server/forms';
import { requireMember, requireReader } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, role } = await requireReader(locals, url, params.orgId);
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	return loadRoadmapPage(db, round, role, currentLocale());
};

const trackSchema = z.object({
	recommendationId: z
		.string({ error: () => m.tracking_unknown_item() })
		.min(1, { error: () => m.tracking_unknown_item() }),
	// '' (or no value, as a browser sends for a disabled choice) is no owner.
	ownerId: z
		.string()
		.optional()
		.transform((v) => (v ? v : null)),
	dueQuarter: z
		.string({ error: () => m.tracking_bad_quarter() })
		.refine((v) => v === '' || QUARTER.test(v), { error: () => m.tracking_bad_quarter() })
		.optional()
		.transform((v) => (v ? v : null)),
	status: z.enum(ROADMAP_STATUSES, { error: () => m.tracking_bad_status() })
});

export const actions: Actions = {
	track: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const round = await getRound(db, params.orgId, params.roundId);
		if (!round) error(404, { message: 'Not found' });
		const stored = await getModel(db, round.modelId);
		if (!stored) error(500, { message: m.error_model_missing() });
		const data = await request.formData();
		// Only an id of the model is handed back (so the page shows the message at that item).
		const posted = data.get('recommendationId');
		const item =
			typeof posted === 'string'
				? recommendationNames(stored.model, currentLocale()).get(posted)
				: undefined;
		const recommendationId = item && typeof posted === 'string' ? posted : undefined;

		const form = parseForm(trackSchema, data);
		if (!form.ok) return fail(400, { message: form.message, recommendationId });
		if (!item || !recommendationId) return fail(400, { message: m.tracking_unknown_item() });

		const tracked = (items: Map<string, TrackedItem>) => {
			const t = items.get(recommendationId);
			return t && { owner: t.ownerName, dueQuarter: t.dueQuarter, status: t.status };
		};
		const result = await db.transaction().execute(async (trx) => {
			const before = tracked(await listTrackedItems(trx, round.organisationId, round.id));
			const saved = await trackItem(trx, round.organisationId, round.id, form.data);
			if (saved !== 'ok') return saved;
			const after = tracked(await listTrackedItems(trx, round.organisationId, round.id));
			if (JSON.stringify(before) !== JSON.stringify(after))
				await recordAudit(trx, {
					organisationId: round.organisationId,
					actorId: user.id,
					action: 'roadmap.item',
					subjectType: 'roadmapItem',
					subjectId: `${round.id}/${recommendationId}`,
					subjectLabel: `${round.name}: ${item.title}`,
					before: before ?? null,
					after: after ?? null
				});
			return saved;
		});
		if (result === 'not-found') error(404, { message: 'Not found' });
		if (result === 'not-member')
			return fail(400, { message: m.tracking_unknown_owner(), recommendationId });
		return { ok: true, message: m.tracking_saved({ title: item.title }), recommendationId };
	}
};
