import { requireFacilitator } from '$lib/server/workshop-access';
import { eventStream, liveWorkshops } from '$lib/server/workshop-live';
import type { RequestHandler } from './$types';

/**
 * The facilitator's screens, live: server-sent events of control views (with the names of who
 * joined), or with `?screen=presenter` of presenter views (the projector's: no names), in the
 * reader's language, the current view first; once the workshop has ended, its final view and the
 * stream closes. Members who manage rounds only.
 */
export const GET: RequestHandler = async ({ params, locals, url, request }) => {
	const { db, workshop } = await requireFacilitator(locals, url, params);
	const kind = url.searchParams.get('screen') === 'presenter' ? 'presenter' : 'control';
	return eventStream(request.signal, (write, close) =>
		liveWorkshops().join(db, workshop, {
			kind,
			locale: locals.locale,
			send: (_, frame) => write(frame),
			end: close
		})
	);
};
