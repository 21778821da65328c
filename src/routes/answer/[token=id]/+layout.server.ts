import { isEditable, openResponse } from '$lib/server/respondent';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params }) => {
	const { response, assessment, organisationName, model, stored } = await openResponse(
		params.token
	);
	return {
		token: params.token,
		organisationName,
		round: {
			name: assessment.name,
			status: assessment.status,
			threshold: assessment.anonymityThreshold
		},
		editable: isEditable(assessment.status),
		response: {
			status: response.status,
			departmentName: response.departmentName,
			roleLevelName: response.roleLevelName
		},
		stages: model.stages.map((s) => ({ id: s.id, name: s.name })),
		// What the questionnaire needs of the model; recommendations stay on the server.
		areas: model.areas.map((a) => ({
			id: a.id,
			name: a.name,
			description: a.description,
			questions: a.questions
		})),
		answers: stored.answers,
		notes: stored.notes,
		targets: stored.targets
	};
};
