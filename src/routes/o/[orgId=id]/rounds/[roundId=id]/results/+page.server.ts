import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { departmentHeatmap } from '$lib/domain/heatmap';
import { localize } from '$lib/domain/model';
import { meetsThreshold, teamResults } from '$lib/domain/results';
import { round as roundTo } from '$lib/domain/scoring';
import { resultsView } from '$lib/domain/results-view';
import { currentLocale } from '$lib/i18n';
import { getAssessment } from '$lib/server/db/assessments';
import { getModel } from '$lib/server/db/models';
import { listGroups } from '$lib/server/db/organisations';
import { listSubmittedResponses } from '$lib/server/db/responses';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId);
	const round = await getAssessment(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const stored = await getModel(db, round.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	const [responses, departments] = await Promise.all([
		listSubmittedResponses(db, params.orgId, params.roundId),
		listGroups(db, 'departments', params.orgId)
	]);
	const visible = meetsThreshold(responses.length, round.anonymityThreshold);
	const locale = currentLocale();
	const departmentName = new Map(departments.map((d) => [d.id, d.name]));
	const heatmap = visible
		? departmentHeatmap(
				stored.model,
				responses,
				departments.map((d) => d.id),
				round.anonymityThreshold
			).map((row) => ({
				...row,
				name: row.departmentId === null ? null : (departmentName.get(row.departmentId) ?? null),
				cells: row.cells.map((c) => ({
					...c,
					score: c.score === null ? null : roundTo(c.score, 0)
				}))
			}))
		: [];
	return {
		areaNames: stored.model.areas.map((a) => localize(a.name, locale)),
		heatmap,
		round: { id: round.id, name: round.name, threshold: round.anonymityThreshold },
		submitted: responses.length,
		results: visible
			? resultsView(stored.model, teamResults(stored.model, responses), currentLocale())
			: null
	};
};
