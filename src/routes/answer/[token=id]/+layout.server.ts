import { localize } from '$lib/domain/model';
import { currentLocale } from '$lib/i18n';
import { isEditable, openResponse } from '$lib/server/respondent';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, request }) => {
	const { response, round, organisationName, model, saved } = await openResponse(
		params.token,
		request
	);
	const locale = currentLocale();
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
		stages: model.stages.map((s) => ({ id: s.id, name: localize(s.name, locale) })),
		// Only the outline of the model, in the reader's language: each step and the review load the
		// texts they show, so a step page does not carry the whole questionnaire.
		areas: model.areas.map((a) => ({
			id: a.id,
			name: localize(a.name, locale),
			questionIds: a.questions.map((q) => q.id)
		})),
		answers: saved.answers,
		targets: saved.targets
	};
};
