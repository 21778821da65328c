import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { roomViewOf } from '$lib/domain/workshop-view';
import { castVoteAndAnnounce } from '$lib/server/db/workshops';
import { parseForm } from '$lib/server/forms';
import { pubsub } from '$lib/server/pubsub-shared';
import { database } from '$lib/server/db';
import {
	PARTICIPANT_COOKIE,
	participantOfRequest,
	refusalMessage
} from '$lib/server/workshop-access';
import { readSnapshot, workshopModel } from '$lib/server/workshop-live';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/**
 * A participant's screen: the room where it is, and the participant's own votes on the current
 * step (theirs only). Without the cookie for this workshop: back to the code form.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const found = await participantOfRequest(cookies, params.workshopId);
	if (!found) redirect(303, '/workshop');
	const { db, workshop, myVotes, participant } = found;
	const snapshot = await readSnapshot(db, workshop.roundId, workshop.id);
	if (!snapshot) redirect(303, '/workshop');
	const model = await workshopModel(db, workshop, currentLocale());
	return {
		view: roomViewOf(snapshot, model),
		myVotes: { voteRound: workshop.state.voteRound, votes: myVotes },
		/** The name this participant gave, to them only. */
		name: participant.name
	};
};

export const actions: Actions = {
	/** One vote: `questionId` and `level` ("1"-"4", or "dk" for don't know). */
	vote: async ({ params, cookies, request }) => {
		// castVote checks the token itself, and a refused vote writes nothing at all.
		const token = cookies.get(PARTICIPANT_COOKIE);
		if (!token || token.length > 128) return fail(404, { message: m.workshop_refused_not_found() });
		const { db } = await database();
		const form = parseForm(
			z.object({
				questionId: z.string({ error: () => m.workshop_refused_unknown_question() }).max(64),
				level: z.enum(['1', '2', '3', '4', 'dk'], { error: () => m.workshop_refused_level() })
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const level = form.data.level === 'dk' ? null : Number(form.data.level);
		const cast = await castVoteAndAnnounce(db, pubsub(), {
			workshopId: params.workshopId,
			token,
			questionId: form.data.questionId,
			level
		});
		if (!cast.ok) {
			const refusal = refusalMessage(cast.reason);
			return fail(refusal.status, { message: refusal.message, refused: cast.reason });
		}
		return {
			ok: true,
			vote: { questionId: form.data.questionId, level, voteRound: cast.value.vote.voteRound }
		};
	}
};
