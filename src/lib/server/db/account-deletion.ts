/**
 * A person deleting their own account. What goes: the account, its sessions and memberships, the
 * person's draft responses, and every organisation where they are the only member (with its rounds
 * and responses). Their submitted responses stay in the rounds' results without any link to them
 * (user_id set to null), unless they ask for those to be deleted too. An organisation where they
 * are the last owner while others remain must get another owner first: the deletion is refused.
 *
 * Practices follow the same rule: a practice where the person is the last partner while it has
 * other people (consultants) or clients must get another partner first, so no practice is ever
 * left without one; the deletion is refused. A practice where they are the only person and that
 * has no clients is deleted with the account, unless a round of a former client still pins one of
 * its model versions: then the practice stays, with no people, only for those versions.
 */
import type { Db } from './connection';
import { deleteResponseIn } from './responses';

export interface NamedOrganisation {
	id: string;
	name: string;
}

export interface AccountDeletionPlan {
	/** Organisations where the person is the only member: deleted with the account. */
	deletedWithAccount: NamedOrganisation[];
	/** Organisations where the person is the last owner and others remain: they block the deletion. */
	lastOwnerOf: NamedOrganisation[];
	/** Practices where the person is the only person and that have no clients: deleted with the account. */
	practicesDeletedWithAccount: NamedOrganisation[];
	/** Practices where the person is the last partner and that have other people or clients: they block the deletion. */
	lastPartnerOf: NamedOrganisation[];
}

/** Whether the plan refuses the deletion (a last owner or a last partner). */
export const deletionBlocked = (plan: AccountDeletionPlan) =>
	plan.lastOwnerOf.length > 0 || plan.lastPartnerOf.length > 0;

/** A practice event's stored values with the person's name blanked (`person: null`). */
function withoutPersonName(json: string | null): string | null {
	if (json === null) return null;
	const value: unknown = JSON.parse(json);
	if (typeof value !== 'object' || value === null || Array.isArray(value) || !('person' in value))
		return json;
	return JSON.stringify({ ...value, person: null });
}

/** What deleting the account of `userId` would do to their organisations. */
export async function planAccountDeletion(db: Db, userId: string): Promise<AccountDeletionPlan> {
	const rows = await db
		.selectFrom('memberships as mine')
		.innerJoin('organisations as o', 'o.id', 'mine.organisation_id')
		.innerJoin('memberships as everyone', 'everyone.organisation_id', 'mine.organisation_id')
		.select((eb) => [
			'o.id',
			'o.name',
			eb.fn.countAll<number>().as('members'),
			eb.fn
				.sum<number>(eb.case().when('everyone.role', '=', 'owner').then(1).else(0).end())
				.as('owners')
		])
		.where('mine.user_id', '=', userId)
		.where('mine.role', '=', 'owner')
		.groupBy(['o.id', 'o.name'])
		.orderBy('o.name')
		.execute();
	const plan: AccountDeletionPlan = {
		deletedWithAccount: [],
		lastOwnerOf: [],
		practicesDeletedWithAccount: [],
		lastPartnerOf: []
	};
	for (const row of rows) {
		const org = { id: row.id, name: row.name };
		if (Number(row.members) === 1) plan.deletedWithAccount.push(org);
		else if (Number(row.owners) === 1) plan.lastOwnerOf.push(org);
	}
	const practices = await db
		.selectFrom('practice_members as mine')
		.innerJoin('practices as p', 'p.id', 'mine.practice_id')
		.innerJoin('practice_members as everyone', 'everyone.practice_id', 'mine.practice_id')
		.select((eb) => [
			'p.id',
			'p.name',
			eb.fn.countAll<number>().as('people'),
			eb.fn
				.sum<number>(eb.case().when('everyone.role', '=', 'partner').then(1).else(0).end())
				.as('partners'),
			eb
				.selectFrom('practice_clients')
				.select((c) => c.fn.countAll<number>().as('n'))
				.whereRef('practice_clients.practice_id', '=', 'p.id')
				.as('clients')
		])
		.where('mine.user_id', '=', userId)
		.where('mine.role', '=', 'partner')
		.groupBy(['p.id', 'p.name'])
		.orderBy('p.name')
		.execute();
	for (const row of practices) {
		const practice = { id: row.id, name: row.name };
		const alone = Number(row.people) === 1 && Number(row.clients ?? 0) === 0;
		if (alone) plan.practicesDeletedWithAccount.push(practice);
		else if (Number(row.partners) === 1) plan.lastPartnerOf.push(practice);
	}
	return plan;
}

/**
 * Deletes the account of `userId` in one transaction, or refuses (and changes nothing) while they
 * are the last owner of an organisation with other members. Every change to a response goes through
 * `changeResponseIn`, so the rounds' stored sums stay equal to the answers.
 */
export function deleteAccount(
	db: Db,
	userId: string,
	options: { deleteSubmittedAnswers: boolean }
): Promise<
	| { deleted: true }
	| { deleted: false; lastOwnerOf: NamedOrganisation[]; lastPartnerOf: NamedOrganisation[] }
> {
	return db.transaction().execute(async (trx) => {
		const plan = await planAccountDeletion(trx, userId);
		if (deletionBlocked(plan))
			return { deleted: false, lastOwnerOf: plan.lastOwnerOf, lastPartnerOf: plan.lastPartnerOf };

		const responses = await trx
			.selectFrom('responses')
			.select(['id', 'status'])
			.where('user_id', '=', userId)
			.execute();
		for (const response of responses) {
			if (response.status === 'draft' || options.deleteSubmittedAnswers)
				await deleteResponseIn(trx, response.id);
			// Kept answers stay in the round's sums as they are; only the link to the person goes.
			else
				await trx
					.updateTable('responses')
					.set({ user_id: null })
					.where('id', '=', response.id)
					.execute();
		}
		const orgIds = plan.deletedWithAccount.map((o) => o.id);
		if (orgIds.length > 0)
			await trx.deleteFrom('organisations').where('id', 'in', orgIds).execute();
		// Practices with only this person and no clients go too (their models, drafts and invites
		// cascade), except one whose model version a former client's round still pins.
		const practiceIds = plan.practicesDeletedWithAccount.map((p) => p.id);
		if (practiceIds.length > 0)
			await trx
				.deleteFrom('practices')
				.where('id', 'in', practiceIds)
				.where(({ not, exists, selectFrom }) =>
					not(
						exists(
							selectFrom('rounds')
								.innerJoin('maturity_models', 'maturity_models.id', 'rounds.model_id')
								.select('rounds.id')
								.whereRef('maturity_models.owner_practice_id', '=', 'practices.id')
						)
					)
				)
				.execute();
		// Sessions and memberships go with the user (on delete cascade); invites, rounds and roadmap
		// items they created or own keep existing without them (on delete set null).
		// The audit logs keep what was changed, but no longer by whom nor about whom by name: the
		// name is personal data. An organisation's member events name the person as their label; a
		// practice's people events under `person` in the values.
		for (const table of ['audit_events', 'practice_audit_events'] as const)
			await trx
				.updateTable(table)
				.set({ actor_name: null })
				.where('actor_id', '=', userId)
				.execute();
		await trx
			.updateTable('audit_events')
			.set({ subject_label: null })
			.where('subject_type', '=', 'member')
			.where('subject_id', '=', userId)
			.execute();
		const aboutThem = await trx
			.selectFrom('practice_audit_events')
			.select(['id', 'before_json', 'after_json'])
			.where('subject_id', '=', userId)
			.execute();
		for (const event of aboutThem)
			await trx
				.updateTable('practice_audit_events')
				.set({
					before_json: withoutPersonName(event.before_json),
					after_json: withoutPersonName(event.after_json)
				})
				.where('id', '=', event.id)
				.execute();
		await trx.deleteFrom('users').where('id', '=', userId).execute();
		return { deleted: true };
	});
}
