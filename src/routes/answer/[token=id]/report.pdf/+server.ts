import { text } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { openResponse } from '$lib/server/respondent';
import { personalReportResponse } from '$lib/server/report-request';
import type { RequestHandler } from './$types';

/** One respondent's own PDF, for whoever holds the resume link; `?view=1` opens it in the browser. */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const { db, response, round, saved } = await openResponse(params.token, request);
	if (response.status !== 'submitted') return text(m.report_not_submitted(), { status: 409 });
	return personalReportResponse(db, round, saved, url.searchParams.has('view'));
};
