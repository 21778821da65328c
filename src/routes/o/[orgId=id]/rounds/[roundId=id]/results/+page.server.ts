import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { meetsThreshold, teamResults } from '$lib/domain/results';
import { resultsView } from '$lib/domain/results-view';
import { currentLocale } from '$lib/i18n';
import { getAssessment } from '$lib/server/db/assessments';
import { getModel } from '$lib/server/db/models';
import { listSubmittedResponses } from '$lib/server/db/responses';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId);
	const round = await getAssessment(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const stored = await getModel(db, round.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	const responses = await listSubmittedResponses(db, params.orgId, params.roundId);
	const visible = meetsThreshold(responses.length, round.anonymityThreshold);
	return {
		round: { id: round.id, name: round.name, threshold: round.anonymityThreshold },
		submitted: responses.length,
		results: visible
			? resultsView(stored.model, teamResults(stored.model, responses), currentLocale())
			: null
	};
};
