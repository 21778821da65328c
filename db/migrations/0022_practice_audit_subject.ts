import type { Kysely } from 'kysely';

// Whom a practice's people event is about (issue 13): `subject_id` is the user id of the person
// named under `person` in its values (joined, role changed, removed), null for other events. When
// that person deletes their account, their name is blanked in those values, as the actor's name is
// (`actor_name`); the id stays, a random id that names no one once the account is gone, as an
// organisation's `audit_events.subject_id` does. Events written before this migration have none.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('practice_audit_events').addColumn('subject_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('practice_audit_events').dropColumn('subject_id').execute();
}
