import { answeringRuleOf } from '$lib/domain/questionnaire';
import { currentLocale } from '$lib/i18n';
import { openResponse } from '$lib/server/respondent';
import type { PageServerLoad } from './$types';

/** The first page: the whole answering rule, which the steps then only recall (step 1). */
export const load: PageServerLoad = async ({ params, request }) => {
	const { model } = await openResponse(params.token, request);
	return { answeringRule: answeringRuleOf(model, currentLocale())?.full ?? null };
};
