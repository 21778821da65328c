import type { Kysely } from 'kysely';

// The sign-in throttle's counters (lib/server/auth/throttle.ts), kept in the database so that a
// restart does not reset them. One row per scope and subject: the subject is the SHA-256 of what is
// counted (an e-mail and a client address, an address, a user id), so the table holds no e-mail
// addresses. Times are ISO-8601 text, compared as text, like the other tables' expiry times.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sign_in_attempts')
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull())
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('blocked_until', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('sign_in_attempts_pk', ['scope', 'subject'])
		.execute();
	await db.schema
		.createIndex('sign_in_attempts_expires')
		.on('sign_in_attempts')
		.column('expires_at')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sign_in_attempts').execute();
}
