import { currentLocale } from '$lib/i18n';
import { answerOutline } from '$lib/server/answer-views';
import { isEditable, openResponse } from '$lib/server/respondent';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, request }) => {
	const { response, round, organisationName, model, saved } = await openResponse(
		params.token,
		request
	);
	const { stages, areas } = answerOutline(model, currentLocale());
	return {
		token: params.token,
		organisationName,
		round: {
			name: round.name,
			status: round.status,
			threshold: round.anonymityThreshold
		},
		editable: isEditable(round.status),
		response: {
			status: response.status,
			departmentName: response.departmentName,
			roleLevelName: response.roleLevelName
		},
		// Only the outline of the model, in the reader's language (built once per model version and
		// language): each step and the review load the texts they show.
		stages,
		areas,
		answers: saved.answers,
		targets: saved.targets
	};
};
