/** What the first-run guide reads (lib/domain/first-run.ts), and hiding it. */
import type { FirstRunFacts, GuideOrganisationFacts, GuideRoundFacts } from '$lib/domain/first-run';
import { clientRoleOf, isPracticeRole } from '$lib/domain/practice-permissions';
import type { Db } from './connection';

/**
 * The person's organisations (their own, and the clients of their practices, with the role they
 * act with there) with their rounds: per round its status, its links that are not
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
	// Its own organisations, and the clients of its practices with the role it acts with there.
	const [memberships, practiceClients] = await Promise.all([
		db
			.selectFrom('memberships')
			.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
			.select(['organisations.id', 'memberships.role', 'organisations.created_at as createdAt'])
			.where('memberships.user_id', '=', userId)
			.execute(),
		db
			.selectFrom('practice_members')
			.innerJoin('practice_clients', 'practice_clients.practice_id', 'practice_members.practice_id')
			.innerJoin('organisations', 'organisations.id', 'practice_clients.organisation_id')
			.select([
				'organisations.id',
				'practice_members.role',
				'organisations.created_at as createdAt'
			])
			.where('practice_members.user_id', '=', userId)
			.execute()
	]);
	const organisations = new Map<string, GuideOrganisationFacts & { rounds: GuideRoundFacts[] }>();
	for (const m of memberships) organisations.set(m.id, { ...m, rounds: [] });
	for (const c of practiceClients)
		if (isPracticeRole(c.role) && !organisations.has(c.id))
			organisations.set(c.id, { ...c, role: clientRoleOf(c.role), rounds: [] });
	if (organisations.size === 0) return { dismissed: false, organisations: [] };
	const rows = await db
		.selectFrom('rounds')
		.select((eb) => [
			'rounds.organisation_id as organisationId',
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
		.where('rounds.organisation_id', 'in', [...organisations.keys()])
		.execute();
	for (const row of rows)
		organisations.get(row.organisationId)?.rounds.push({
			id: row.roundId,
			status: row.status,
			createdAt: row.roundCreatedAt,
			activeLinks: Number(row.activeLinks ?? 0),
			answered: Boolean(row.answered)
		});
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
