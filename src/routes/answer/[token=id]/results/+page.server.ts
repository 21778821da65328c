import { redirect } from '@sveltejs/kit';
import { personalResults } from '$lib/domain/results';
import { currentLocale } from '$lib/i18n';
import { openResponse } from '$lib/server/respondent';
import { resultsView } from '$lib/domain/results-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, request }) => {
	const { response, model, saved, sector } = await openResponse(params.token, request);
	if (response.status !== 'submitted') redirect(303, `/answer/${params.token}/review`);
	return {
		// The respondent's answers below a legal floor of the organisation's sector are in `legal`.
		results: resultsView(model, personalResults(model, saved, undefined, sector), currentLocale())
	};
};
