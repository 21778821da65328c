/** Opening a response by its resume token, with its round's pinned model: shared by the answer routes. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { getModel } from '$lib/server/db/models';
import { getResponseByResumeToken, loadAnswers } from '$lib/server/db/responses';

type Found = NonNullable<Awaited<ReturnType<typeof getResponseByResumeToken>>>;

// One look-up of the response per request: the hook that decides the language (it needs the
// link's language), the layout load and the page load of a step all ask for it, and share it.
const lookups = new WeakMap<Request, Promise<Found | undefined>>();
const withAnswers = new WeakMap<Request, ReturnType<typeof openWithAnswers>>();

async function lookUp(token: string): Promise<Found | undefined> {
	const { db } = await database();
	return getResponseByResumeToken(db, token);
}

/**
 * The response a resume token opens (with its round, organisation and languages), or undefined;
 * looked up once per `request` when one is given.
 */
export function findResponse(token: string, request?: Request): Promise<Found | undefined> {
	if (!request) return lookUp(token);
	let found = lookups.get(request);
	if (!found) {
		found = lookUp(token);
		lookups.set(request, found);
	}
	return found;
}

async function open(token: string, request?: Request) {
	const found = await findResponse(token, request);
	if (!found) error(404, { message: 'Not found' });
	const { db } = await database();
	const stored = await getModel(db, found.round.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	return { db, ...found, model: stored.model };
}

async function openWithAnswers(token: string, request?: Request) {
	const opened = await open(token, request);
	return { ...opened, saved: await loadAnswers(opened.db, opened.response.id) };
}

/** The response, its round and model, and its saved answers; 404 for an unknown token. */
export function openResponse(token: string, request?: Request) {
	if (!request) return openWithAnswers(token);
	let opening = withAnswers.get(request);
	if (!opening) {
		opening = openWithAnswers(token, request);
		withAnswers.set(request, opening);
	}
	return opening;
}

/** The response, its round and model, without its answers (for autosave). */
export function openResponseForSave(token: string) {
	return open(token);
}

/** Whether a response can still change: its round must be open. */
export function isEditable(status: 'draft' | 'open' | 'closed'): boolean {
	return status === 'open';
}
