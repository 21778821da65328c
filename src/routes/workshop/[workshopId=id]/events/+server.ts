import { error } from '@sveltejs/kit';
import { participantOfRequest } from '$lib/server/workshop-access';
import { eventStream, liveWorkshops } from '$lib/server/workshop-live';
import type { RequestHandler } from './$types';

/**
 * The room as a participant sees it, live: server-sent events of room views in the participant's
 * language, the current view first; once the workshop has ended, its final view and the stream
 * closes. Only the participant's cookie for this workshop opens it.
 */
export const GET: RequestHandler = async ({ params, cookies, locals, request }) => {
	const found = await participantOfRequest(cookies, params.workshopId);
	if (!found) error(404, { message: 'Not found' });
	const { db, workshop } = found;
	return eventStream(request.signal, (write, close) =>
		liveWorkshops().join(db, workshop, {
			kind: 'room',
			locale: locals.locale,
			send: (_, frame) => write(frame),
			end: close
		})
	);
};
