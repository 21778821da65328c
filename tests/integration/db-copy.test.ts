/**
 * `npm run db:copy` (src/lib/server/db/copy.ts): a SQLite installation moves into an empty
 * PostgreSQL database with every row (a logo's bytes included), parents before children; a target
 * that holds rows is refused and left as it was. Runs when TEST_DATABASE_URL names a server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/lib/server/db/connection';
import { copySqliteToPostgres, dependencyOrder } from '../../src/lib/server/db/copy';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/postgres';

const admin = adminUrl();

describe('dependency order', () => {
	it('puts every table after the tables it refers to', () => {
		const parents: Record<string, string[]> = {
			answers: ['responses'],
			responses: ['rounds', 'users'],
			rounds: ['organisations'],
			users: [],
			organisations: [],
			self: ['self']
		};
		const order = dependencyOrder(Object.keys(parents), (t) => parents[t] ?? []);
		for (const [table, ps] of Object.entries(parents))
			for (const parent of ps)
				if (parent !== table) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(table));
		expect([...order].sort()).toEqual(Object.keys(parents).sort());
	});
});

describe.skipIf(!admin)('db:copy from SQLite to PostgreSQL', () => {
	const dir = mkdtempSync(join(tmpdir(), 'cx-copy-'));
	const file = join(dir, 'source.sqlite');
	let target: TestDatabase;
	const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);

	beforeAll(async () => {
		target = await createTestDatabase(admin!, 'cx_copy');
		const source = await openSqliteDatabase(file);
		source.sqlite.exec(`
			insert into users (id, email, display_name, password_hash) values ('u1', 'a@example.com', 'A', 'x');
			insert into organisations (id, name) values ('o1', 'Org');
			insert into memberships (organisation_id, user_id, role) values ('o1', 'u1', 'owner');
			insert into sessions (id, user_id, expires_at) values ('s1', 'u1', 4102444800);
		`);
		for (let i = 0; i < 1200; i++)
			source.sqlite
				.prepare(
					'insert into audit_events (id, organisation_id, action, subject_type, created_at) values (?, ?, ?, ?, ?)'
				)
				.run(`e${i}`, 'o1', 'test', 'organisation', new Date(0).toISOString());
		source.sqlite
			.prepare("update organisations set logo = ?, logo_type = 'png' where id = 'o1'")
			.run(logo);
		await source.close();
	});
	afterAll(async () => {
		await target?.drop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('copies every row, in batches, and the counts match', async () => {
		const { counts } = await copySqliteToPostgres(file, target.url);
		for (const [table, { source, target: copied }] of Object.entries(counts))
			expect([table, copied]).toEqual([table, source]);
		expect(counts.audit_events).toEqual({ source: 1200, target: 1200 });
		expect(counts.memberships).toEqual({ source: 1, target: 1 });
		const client = new pg.Client({ connectionString: target.url });
		await client.connect();
		try {
			const { rows } = await client.query('select logo, accent_color from organisations');
			expect(rows).toEqual([{ logo, accent_color: '#0f3d5e' }]);
			const session = await client.query('select expires_at::text as at from sessions');
			expect(session.rows).toEqual([{ at: '4102444800' }]);
		} finally {
			await client.end();
		}
	});

	it('refuses a target that holds rows, and changes nothing', async () => {
		await expect(copySqliteToPostgres(file, target.url)).rejects.toThrow(/not empty/);
		const client = new pg.Client({ connectionString: target.url });
		await client.connect();
		try {
			const { rows } = await client.query('select count(*)::int as n from audit_events');
			expect(rows).toEqual([{ n: 1200 }]);
		} finally {
			await client.end();
		}
	});
});
