/**
 * The respondent's hot queries are built once and run as SQL text with new values
 * (lib/server/db/compiled-query.ts): they answer what the same Kysely query answers, each call with
 * its own values, in a transaction too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledQuery } from '../../src/lib/server/db/compiled-query';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { adminUrl, createTestDatabase } from '../support/postgres';

let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'cx-compiled-'));
	opened = await openDatabase(join(dir, 'compiled.sqlite'));
	await opened.db
		.insertInto('users')
		.values(
			['ana', 'bo', 'cy'].map((name) => ({
				id: `user-${name}`,
				email: `${name}@example.com`,
				display_name: name,
				password_hash: 'x'
			}))
		)
		.execute();
});

afterAll(async () => {
	await opened?.close();
	rmSync(dir, { recursive: true, force: true });
});

const byEmail = compiledQuery<{ email: string }, { id: string; display_name: string }>((db, arg) =>
	db
		.selectFrom('users')
		.select(['id', 'display_name'])
		.where('email', '=', arg('email'))
		// A constant of the query, not an argument: it stays what it was built with.
		.where('display_name', '!=', 'nobody')
);

const rename = compiledQuery<{ id: string; name: string }, never>((db, arg) =>
	db
		.updateTable('users')
		.set({ display_name: arg('name') })
		.where('id', '=', arg('id'))
);

describe('a compiled query', () => {
	it('answers as the Kysely query does, with each call’s own values', async () => {
		const { db } = opened;
		for (const name of ['ana', 'bo', 'cy']) {
			const email = `${name}@example.com`;
			const kysely = await db
				.selectFrom('users')
				.select(['id', 'display_name'])
				.where('email', '=', email)
				.where('display_name', '!=', 'nobody')
				.execute();
			expect(await byEmail.all(db, { email })).toEqual(kysely);
			expect(await byEmail.first(db, { email })).toEqual({
				id: `user-${name}`,
				display_name: name
			});
		}
		expect(await byEmail.first(db, { email: 'nobody@example.com' })).toBeUndefined();
		expect(byEmail.sql(db)).toMatch(/where "email" = \? and "display_name" != \?/);
	});

	it('writes, and takes part in a transaction (rolled back with it)', async () => {
		const { db } = opened;
		await rename.all(db, { id: 'user-bo', name: 'Bo' });
		expect(await byEmail.first(db, { email: 'bo@example.com' })).toMatchObject({
			display_name: 'Bo'
		});
		await expect(
			db.transaction().execute(async (trx) => {
				await rename.all(trx, { id: 'user-cy', name: 'Cy' });
				expect(await byEmail.first(trx, { email: 'cy@example.com' })).toMatchObject({
					display_name: 'Cy'
				});
				throw new Error('undo');
			})
		).rejects.toThrow('undo');
		expect(await byEmail.first(db, { email: 'cy@example.com' })).toMatchObject({
			display_name: 'cy'
		});
	});
});

// One process that opens both engines (the dashboard bench): each runs the query with
// its own SQL text, however the other compiled it first. Runs when TEST_DATABASE_URL names a
// PostgreSQL server (`npm run test:integration:pg`).
const admin = adminUrl();
describe.skipIf(!admin)('a compiled query on both engines in one process', () => {
	it('runs on PostgreSQL after SQLite, and on SQLite again', async () => {
		const database = await createTestDatabase(admin!, 'cx_compiled');
		try {
			const postgres = await openDatabase(database.url);
			try {
				expect(await byEmail.first(opened.db, { email: 'ana@example.com' })).toMatchObject({
					id: 'user-ana'
				});
				await postgres.db
					.insertInto('users')
					.values({
						id: 'user-pg',
						email: 'pg@example.com',
						display_name: 'pg',
						password_hash: 'x'
					})
					.execute();
				expect(await byEmail.first(postgres.db, { email: 'pg@example.com' })).toEqual({
					id: 'user-pg',
					display_name: 'pg'
				});
				expect(byEmail.sql(postgres.db)).toMatch(/where "email" = \$1 and "display_name" != \$2/);
				expect(byEmail.sql(opened.db)).toMatch(/where "email" = \? and "display_name" != \?/);
				expect(await byEmail.first(opened.db, { email: 'pg@example.com' })).toBeUndefined();
			} finally {
				await postgres.close();
			}
		} finally {
			await database.drop();
		}
	});
});
