/** Opening a response by its resume token, with its round's pinned model: shared by the answer routes. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { getModel } from '$lib/server/db/models';
import {
	getResponseByResumeToken,
	getResponseWithAnswersByResumeToken,
	loadAnswers,
	type FoundResponse,
	type SavedAnswers
} from '$lib/server/db/responses';

type FoundWithAnswers = FoundResponse & { saved: SavedAnswers };

// One look-up of the response per request: the hook that decides the language (it needs the
// link's language), the layout load and the page load of a step all ask for it, and share it. It
// is one query, answers and targets included: every answer page the hook looks up for shows them.
const lookups = new WeakMap<Request, Promise<FoundWithAnswers | undefined>>();
const opened = new WeakMap<Request, ReturnType<typeof openWithAnswers>>();

async function lookUp(token: string): Promise<FoundWithAnswers | undefined> {
	const { db } = await database();
	return getResponseWithAnswersByResumeToken(db, token);
}

/**
 * The response a resume token opens (with its round, organisation, languages and saved answers),
 * or undefined; looked up once per `request`.
 */
export function findResponse(
	token: string,
	request: Request
): Promise<FoundWithAnswers | undefined> {
	let found = lookups.get(request);
	if (!found) {
		found = lookUp(token);
		lookups.set(request, found);
	}
	return found;
}

async function modelOf(found: FoundResponse | undefined) {
	if (!found) error(404, { message: 'Not found' });
	const { db } = await database();
	const stored = await getModel(db, found.round.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	return { db, model: stored.model };
}

async function open(token: string) {
	const { db } = await database();
	const found = await getResponseByResumeToken(db, token);
	return { ...found!, ...(await modelOf(found)) };
}

async function openWithAnswers(token: string, request?: Request) {
	if (request) {
		const found = await findResponse(token, request);
		return { ...found!, ...(await modelOf(found)) };
	}
	const withoutAnswers = await open(token);
	return {
		...withoutAnswers,
		saved: await loadAnswers(withoutAnswers.db, withoutAnswers.response.id)
	};
}

/** The response, its round and model, and its saved answers; 404 for an unknown token. */
export function openResponse(token: string, request?: Request) {
	if (!request) return openWithAnswers(token);
	let opening = opened.get(request);
	if (!opening) {
		opening = openWithAnswers(token, request);
		opened.set(request, opening);
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
