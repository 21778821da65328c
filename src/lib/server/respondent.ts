/** Opening a response by its resume token, with its round's pinned model: shared by the answer routes. */
import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { getModel } from '$lib/server/db/models';
import { getResponseByResumeToken, loadAnswers } from '$lib/server/db/responses';

export async function openResponse(token: string) {
	const { db } = await database();
	const found = await getResponseByResumeToken(db, token);
	if (!found) error(404, { message: 'Not found' });
	const stored = await getModel(db, found.assessment.modelId);
	if (!stored) error(500, { message: m.error_model_missing() });
	const answers = await loadAnswers(db, found.response.id);
	return { db, ...found, model: stored.model, stored: answers };
}

/** Whether a response can still change: its round must be open. */
export function isEditable(status: 'draft' | 'open' | 'closed'): boolean {
	return status === 'open';
}
