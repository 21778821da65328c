/**
 * Tracking a round's roadmap: every member sees who owns each item, by when and how far it is;
 * owners and facilitators set them. The next round's results page shows what was tracked here.
 */
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { can } from '$lib/domain/permissions';
import { resultsView } from '$lib/domain/results-view';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { loadDashboard } from '$lib/server/dashboard';
import { getAssessment } from '$lib/server/db/assessments';
import { getModel } from '$lib/server/db/models';
import { listMembers } from '$lib/server/db/members';
import { recordAudit } from '$lib/server/db/audit';
import { listTrackedItems, trackItem, type TrackedItem } from '$lib/server/db/roadmap-items';
import { HORIZONS, ROADMAP_STATUSES } from '$lib/domain/roadmap';
import { recommendationNames } from '$lib/domain/results-view';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/** "2027-Q1" */
const QUARTER = /^\d{4}-Q[1-4]$/;

/** How many quarters the due-quarter list offers, starting with the current one. */
const QUARTERS_OFFERED = 8;

/** The current quarter (UTC) and the ones after it: ["2026-Q4", "2027-Q1", …]. */
function upcomingQuarters(now: Date, count = QUARTERS_OFFERED): string[] {
	const first = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
	return Array.from({ length: count }, (_, i) => {
		const q = first + i;
		return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
	});
}

/** The quarters offered for an item: the upcoming ones, plus its stored one when outside them. */
function quarterOptions(upcoming: readonly string[], stored: string | null): string[] {
	if (stored === null || upcoming.includes(stored)) return [...upcoming];
	// "YYYY-Qn" sorts as text in time order.
	return [...upcoming, stored].sort();
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, role } = await requireMember(locals, url, params.orgId);
	const round = await getAssessment(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const canEdit = can(role, 'manageRounds');
	const [{ stored, dashboard }, tracked, members] = await Promise.all([
		loadDashboard(db, round),
		listTrackedItems(db, round.organisationId, round.id),
		canEdit ? listMembers(db, round.organisationId) : Promise.resolve([])
	]);
	const upcoming = upcomingQuarters(new Date());
	const memberIds = new Set(members.map((mb) => mb.userId));

	const tracking = (id: string) => {
		const t = tracked.get(id);
		return {
			ownerId: t?.ownerId ?? null,
			ownerName: t?.ownerName ?? null,
			// Owners who have since left the organisation are shown, but cannot be chosen again.
			formerOwner: canEdit && !!t?.ownerId && !memberIds.has(t.ownerId),
			dueQuarter: t?.dueQuarter ?? null,
			status: t?.status ?? 'planned',
			quarters: quarterOptions(upcoming, t?.dueQuarter ?? null)
		};
	};

	const results = dashboard.results;
	const view = results ? resultsView(stored.model, results, currentLocale()) : null;
	const horizons = view
		? HORIZONS.map((days) => ({
				days,
				items: view.roadmap[days].map((item) => ({
					id: item.id,
					rank: item.rank,
					title: item.title,
					areaName: item.areaName,
					quickWin: item.quickWin,
					...tracking(item.id)
				}))
			})).filter((h) => h.items.length > 0)
		: [];

	// Items tracked earlier that later responses moved off the roadmap: still tracked, still shown
	// by the next round, so still listed (only while the roadmap itself can be shown).
	const onRoadmap = new Set(horizons.flatMap((h) => h.items.map((i) => i.id)));
	const recommendations = recommendationNames(stored.model, currentLocale());
	const others = view
		? [...tracked.keys()]
				.filter((id) => !onRoadmap.has(id))
				.flatMap((id) => {
					const rec = recommendations.get(id);
					if (!rec) return [];
					const { position: _position, ...named } = rec;
					return [{ ...named, ...tracking(id) }];
				})
				.sort((a, b) => a.title.localeCompare(b.title))
		: [];

	// Names can repeat within an organisation; the e-mail address tells such members apart.
	const nameCount = new Map<string, number>();
	for (const mb of members) nameCount.set(mb.displayName, (nameCount.get(mb.displayName) ?? 0) + 1);

	return {
		round: { id: round.id, name: round.name, threshold: round.anonymityThreshold },
		hidden: results === null,
		canEdit,
		horizons,
		others,
		members: members.map((mb) => ({
			id: mb.userId,
			name:
				(nameCount.get(mb.displayName) ?? 0) > 1
					? `${mb.displayName} (${mb.email})`
					: mb.displayName
		})),
		statuses: ROADMAP_STATUSES
	};
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
		const round = await getAssessment(db, params.orgId, params.roundId);
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
