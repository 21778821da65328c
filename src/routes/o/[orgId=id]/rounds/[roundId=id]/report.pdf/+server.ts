import { error } from '@sveltejs/kit';
import { getRound } from '$lib/server/db/rounds';
import { requireReader } from '$lib/server/guards';
import { askedLocale, withLocale } from '$lib/server/locale';
import { teamReportResponse } from '$lib/server/report-request';
import type { RequestHandler } from './$types';

/**
 * The round's PDF roadmap, for members of its organisation and visitors of the public demo;
 * `?view=1` opens it in the browser, `?language=ro` writes it in another of the app's languages
 * than the reader's.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	// A file link, not a page: an anonymous visitor gets 404 rather than a sign-in redirect.
	const { db } = await requireReader(locals, url, params.orgId, { anonymous: 'notFound' });
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const respond = () =>
		teamReportResponse(db, round, url.searchParams.has('view'), url.searchParams);
	const language = askedLocale(url.searchParams);
	return language ? withLocale(language, respond) : respond();
};
