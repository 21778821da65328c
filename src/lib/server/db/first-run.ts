/** What the first-run guide reads (lib/domain/first-run.ts), and hiding it. */
import type { FirstRunFacts, GuideOrganisationFacts, GuideRoundFacts } from '$lib/domain/first-run';
import type { Db } from './connection';

/**
 * The person's organisations with their rounds: per round its status, its links that are not
 * revoked, and whether the person answered a question of it. Nothing is read once the guide is
 * hidden.
 */
export async function loadFirstRunFacts(db: Db, userId: string): Promise<FirstRunFacts> {
	const user = await db
		.selectFrom('users')
		.select('guide_dismissed_at')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user || user.guide_dismissed_at) return { dismissed: true, organisations: [] };
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
		.leftJoin('rounds', 'rounds.organisation_id', 'memberships.organisation_id')
		.select((eb) => [
			'memberships.organisation_id as organisationId',
			'memberships.role',
			'organisations.created_at as organisationCreatedAt',
			'rounds.id as roundId',
			'rounds.status',
			'rounds.created_at as roundCreatedAt',
			eb
				.selectFrom('response_links')
				.select((l) => l.fn.countAll<number>().as('n'))
				.whereRef('response_links.round_id', '=', 'rounds.id')
				.where('response_links.revoked_at', 'is', null)
				.as('activeLinks'),
			eb
				.exists(
					eb
						.selectFrom('responses')
						.innerJoin('answers', 'answers.response_id', 'responses.id')
						.select('answers.question_id')
						.whereRef('responses.round_id', '=', 'rounds.id')
						.where('responses.user_id', '=', userId)
				)
				.as('answered')
		])
		.where('memberships.user_id', '=', userId)
		.execute();
	const organisations = new Map<string, GuideOrganisationFacts & { rounds: GuideRoundFacts[] }>();
	for (const row of rows) {
		let organisation = organisations.get(row.organisationId);
		if (!organisation) {
			organisation = {
				id: row.organisationId,
				role: row.role,
				createdAt: row.organisationCreatedAt,
				rounds: []
			};
			organisations.set(row.organisationId, organisation);
		}
		if (row.roundId && row.status && row.roundCreatedAt)
			organisation.rounds.push({
				id: row.roundId,
				status: row.status,
				createdAt: row.roundCreatedAt,
				activeLinks: Number(row.activeLinks ?? 0),
				answered: Boolean(row.answered)
			});
	}
	return { dismissed: false, organisations: [...organisations.values()] };
}

/** Hides the first-run guide for good (the person can still do every step from the pages). */
export async function dismissGuide(db: Db, userId: string): Promise<void> {
	await db
		.updateTable('users')
		.set({ guide_dismissed_at: new Date().toISOString() })
		.where('id', '=', userId)
		.where('guide_dismissed_at', 'is', null)
		.execute();
}
