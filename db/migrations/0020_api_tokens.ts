import { sql, type Kysely } from 'kysely';

// The read API's tokens (issue 13).
// - `api_tokens`: per organisation, named by an owner, read-only. Only the SHA-256 (hex) of the
//   token is kept; the token itself is shown once, when it is made. Revoking sets `revoked_at`
//   (the row stays, so the list and the audit log still name it). The creator becomes null when
//   their account is deleted; the tokens go with their organisation.
// - `api_token_usage`: one row per token, the fixed-window rate limit counter and the time the
//   token was last used, changed by one upsert per request. `window_start` is whole seconds since
//   the epoch (the start of the current window), so the row needs no date functions of the database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisations.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema
		.createIndex('api_tokens_organisation')
		.on('api_tokens')
		.column('organisation_id')
		.execute();
	await db.schema
		.createTable('api_token_usage')
		.addColumn('token_id', 'text', (c) =>
			c.primaryKey().references('api_tokens.id').onDelete('cascade')
		)
		.addColumn('window_start', 'integer', (c) => c.notNull())
		.addColumn('requests', 'integer', (c) => c.notNull())
		.addColumn('last_used_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('api_token_usage').execute();
	await db.schema.dropTable('api_tokens').execute();
}
