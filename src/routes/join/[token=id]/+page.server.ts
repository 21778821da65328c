import { error, fail, redirect } from '@sveltejs/kit';
import { notesMinimum } from '$lib/domain/anonymity';
import { database } from '$lib/server/db';
import { getLinkContext } from '$lib/server/db/rounds';
import { getModel } from '$lib/server/db/models';
import { getResponseByResumeToken, linkIsFull, startResponse } from '$lib/server/db/responses';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

// The resume token of a response started from this link on this device, so a reload of the
// link continues instead of starting over.
const cookieName = (linkToken: string) => `cx_resume_${linkToken.slice(0, 12)}`;

export const load: PageServerLoad = async ({ params, cookies }) => {
	const { db } = await database();
	const link = await getLinkContext(db, params.token);
	if (!link || link.revoked) error(404, { message: 'Not found' });
	const model = await getModel(db, link.round.modelId);
	const questionCount = model?.model.areas.reduce((n, a) => n + a.questions.length, 0) ?? 0;
	const resume = cookies.get(cookieName(params.token));
	const existing = resume ? await getResponseByResumeToken(db, resume) : undefined;
	return {
		organisationName: link.organisationName,
		roundName: link.round.name,
		open: link.round.status === 'open',
		full: await linkIsFull(db, link.token),
		threshold: link.round.anonymityThreshold,
		notesMinimum: notesMinimum(link.round.anonymityThreshold),
		departmentName: link.departmentName,
		roleLevelName: link.roleLevelName,
		areaCount: model?.model.areas.length ?? 0,
		questionCount,
		// About 20 seconds a question, rounded up to 5 minutes.
		minutes: Math.max(5, Math.ceil((questionCount * 20) / 60 / 5) * 5),
		resumeToken: existing && existing.response.roundId === link.round.id ? resume : null
	};
};

export const actions: Actions = {
	default: async ({ params, cookies, url }) => {
		const { db } = await database();
		const link = await getLinkContext(db, params.token);
		if (!link || link.revoked) error(404, { message: 'Not found' });
		if (link.round.status !== 'open') return fail(409, { message: m.round_not_open() });
		const started = await startResponse(db, {
			roundId: link.round.id,
			userId: null,
			linkToken: link.token,
			departmentId: link.departmentId,
			roleLevelId: link.roleLevelId
		});
		if (started === 'full') return fail(409, { message: m.join_link_full() });
		const { resumeToken } = started;
		cookies.set(cookieName(params.token), resumeToken, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 120
		});
		redirect(303, `/answer/${resumeToken}/step/1`);
	}
};
