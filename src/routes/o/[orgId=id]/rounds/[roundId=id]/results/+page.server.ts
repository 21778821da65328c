import { error } from '@sveltejs/kit';
import { dashboardView } from '$lib/domain/dashboard-view';
import { trackedItemsView } from '$lib/domain/results-view';
import { localize } from '$lib/domain/model';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { filterQuery, loadDashboard } from '$lib/server/dashboard';
import { listEvidenceNotes } from '$lib/server/db/evidence-notes';
import { getRound, getPreviousRound } from '$lib/server/db/rounds';
import { getModel } from '$lib/server/db/models';
import { listTrackedItems } from '$lib/server/db/roadmap-items';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId);
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const { stored, dashboard, departments, roleLevels, unknownFilter } = await loadDashboard(
		db,
		round,
		url.searchParams
	);
	const locale = currentLocale();
	const model = stored.model;
	const view = dashboardView(
		model,
		dashboard,
		{
			departments: new Map(departments.map((d) => [d.id, d.name])),
			roleLevels: new Map(roleLevels.map((r) => [r.id, r.name])),
			noDepartment: m.heatmap_no_department(),
			noRoleLevel: m.lens_no_role_level()
		},
		locale
	);

	// Evidence notes only for groups of at least twice the threshold, never with names.
	const notes = dashboard.notesAllowed
		? await listEvidenceNotes(db, round.id, dashboard.filter)
		: [];
	const notesByQuestion = new Map<string, string[]>();
	for (const n of notes)
		notesByQuestion.set(n.questionId, [...(notesByQuestion.get(n.questionId) ?? []), n.note]);
	const evidence = model.areas
		.map((area) => ({
			area: localize(area.name, locale),
			questions: area.questions
				.filter((q) => notesByQuestion.has(q.id))
				.map((q) => ({ text: localize(q.text, locale), notes: notesByQuestion.get(q.id) ?? [] }))
		}))
		.map((a) => ({ ...a, count: a.questions.reduce((n, q) => n + q.notes.length, 0) }))
		.filter((a) => a.questions.length > 0);

	return {
		round: { id: round.id, name: round.name, threshold: round.anonymityThreshold },
		filter: dashboard.filter,
		query: filterQuery(dashboard.filter),
		unknownFilter,
		departmentOptions: departments.map((d) => ({ id: d.id, name: d.name })),
		roleLevelOptions: roleLevels.map((r) => ({ id: r.id, name: r.name })),
		view,
		evidence,
		previous: await previousRoadmap(db, round)
	};
};

/** The previous round's tracked roadmap, shown on this round's dashboard. */
async function previousRoadmap(
	db: Parameters<typeof getRound>[0],
	round: NonNullable<Awaited<ReturnType<typeof getRound>>>
) {
	const previous = await getPreviousRound(db, round.organisationId, round);
	if (!previous) return null;
	const [tracked, stored] = await Promise.all([
		listTrackedItems(db, round.organisationId, previous.id),
		getModel(db, previous.modelId)
	]);
	if (!stored || tracked.size === 0) return null;
	return {
		round: { id: previous.id, name: previous.name },
		items: trackedItemsView(stored.model, tracked.values(), currentLocale())
	};
}
