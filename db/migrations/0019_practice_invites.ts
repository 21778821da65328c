import { sql, type Kysely } from 'kysely';

// Practice invitation links (issue 13), modelled on member_invites: a partner makes a link, only its
// hash is stored, it is used once before it expires. `kind` says what accepting it does:
// 'consultant' (or 'partner') makes the person a member of the practice with that role; 'client'
// makes an organisation its accepting owner chooses a client of the practice.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('practice_invites')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('practice_id', 'text', (c) =>
			c.notNull().references('practices.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('partner', 'consultant', 'client')`)
		)
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('practice_invites_practice')
		.on('practice_invites')
		.column('practice_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('practice_invites').execute();
}
