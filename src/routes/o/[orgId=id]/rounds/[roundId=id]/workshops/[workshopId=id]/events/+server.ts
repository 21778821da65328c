import { requireFacilitator } from '$lib/server/workshop-access';
import { eventStream, liveWorkshops } from '$lib/server/workshop-live';
import type { RequestHandler } from './$types';

/**
 * The control view, live, for the facilitator's and the presenter's screens: server-sent events in
 * the reader's language, the current view first. Members who manage rounds only.
 */
export const GET: RequestHandler = async ({ params, locals, url, request }) => {
	const { db, workshop } = await requireFacilitator(locals, url, params);
	return eventStream(request.signal, (write) =>
		liveWorkshops().join(db, workshop, {
			kind: 'control',
			locale: locals.locale,
			send: (_, frame) => write(frame)
		})
	);
};
