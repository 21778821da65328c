/** Opening a response by its resume token, with its round's pinned model: shared by the answer routes. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { getModel } from '$lib/server/db/models';
import { getResponseByResumeToken, loadAnswers } from '$lib/server/db/responses';

async function open(token: string) {
	const { db } = await database();
	const found = await getResponseByResumeToken(db, token);
	if (!found) error(404, { message: 'Not found' });
	const stored = await getModel(db, found.round.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	return { db, ...found, model: stored.model };
}

// A page request runs its layout and page loads together; both open the same response, so the
// work is shared per request instead of done twice.
const perRequest = new WeakMap<Request, ReturnType<typeof openWithAnswers>>();

async function openWithAnswers(token: string) {
	const opened = await open(token);
	return { ...opened, saved: await loadAnswers(opened.db, opened.response.id) };
}

/** The response, its round and model, and its saved answers; 404 for an unknown token. */
export function openResponse(token: string, request?: Request) {
	if (!request) return openWithAnswers(token);
	let opening = perRequest.get(request);
	if (!opening) {
		opening = openWithAnswers(token);
		perRequest.set(request, opening);
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
