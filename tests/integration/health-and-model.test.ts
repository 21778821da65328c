import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openSqliteDatabase, type OpenedSqlite } from '../../src/lib/server/db/connection';
import {
	ensureDefaultModel,
	getDefaultModel,
	getModel,
	loadShippedModel
} from '../../src/lib/server/db/models';

const baseURL = inject('baseURL');

describe('the built server', () => {
	it('answers /healthz with the database engine and state', async () => {
		const res = await fetch(`${baseURL}/healthz`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({
			status: 'ok',
			database:
				inject('engine') === 'postgres'
					? {
							engine: 'postgres',
							ok: true,
							canWrite: true,
							serverVersion: expect.stringMatching(/^\d+/),
							pool: {
								total: expect.any(Number),
								idle: expect.any(Number),
								waiting: expect.any(Number)
							}
						}
					: { engine: 'sqlite', ok: true, canWrite: true, journalMode: 'wal' },
			model: 'cx-maturity@1.1.0'
		});
	});

	it('serves the model explorer with every area', async () => {
		const html = await (await fetch(`${baseURL}/model`)).text();
		for (const name of [
			'Customer feedback and complaints',
			'Find and fix',
			'Stand out',
			'Net Promoter Score'
		]) {
			expect(html).toContain(name);
		}
	});

	it('serves an area with its questions, four statements each, and its recommendations', async () => {
		const res = await fetch(`${baseURL}/model/voice-of-customer`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('How does the organisation ask customers for feedback?');
		expect(html.match(/class="levels[ "]/g)?.length).toBeGreaterThanOrEqual(4);
		expect(html).toContain('Quick win');
	});

	it.each(['/model/no-such-area', '/model/Not_An_Id', '/nowhere'])(
		'answers 404 for %s',
		async (path) => {
			const res = await fetch(`${baseURL}${path}`);
			expect(res.status).toBe(404);
		}
	);

	it('sets protective headers', async () => {
		const res = await fetch(`${baseURL}/`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
	});
});

describe('the database on a real SQLite file', () => {
	const dir = mkdtempSync(join(tmpdir(), 'cx-db-'));
	const opened: OpenedSqlite[] = [];
	afterAll(async () => {
		for (const o of opened) await o.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('migrates a new file with WAL, foreign keys and a busy timeout', async () => {
		const o = await openSqliteDatabase(join(dir, 'a.sqlite'));
		opened.push(o);
		expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(o.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		const tables = o.sqlite
			.prepare("select name from sqlite_master where type = 'table' order by name")
			.all()
			.map((r) => (r as { name: string }).name);
		expect(tables).toContain('maturity_models');
		expect(tables).toContain('kysely_migration');
	});

	it('stores each shipped version once, however often it starts, the latest as the default', async () => {
		const path = join(dir, 'b.sqlite');
		const first = await openSqliteDatabase(path);
		await ensureDefaultModel(first.db);
		await ensureDefaultModel(first.db);
		await first.close();
		const second = await openSqliteDatabase(path);
		opened.push(second);
		await ensureDefaultModel(second.db);
		const count = second.sqlite.prepare('select count(*) as n from maturity_models').get() as {
			n: number;
		};
		expect(count.n).toBe(2);
		const stored = await getDefaultModel(second.db);
		expect(stored.id).toBe('cx-maturity@1.1.0');
		expect(stored.model.stageRule).toBe('half-up');
		// Rounds pinned to 1.0.0 keep it.
		const older = await getModel(second.db, 'cx-maturity@1.0.0');
		expect(older?.isDefault).toBe(false);
		expect(older?.model.areas.flatMap((a) => a.questions)).toHaveLength(41);
		expect(stored.model.areas).toHaveLength(9);
		expect(await getModel(second.db, 'nope@1.0.0')).toBeUndefined();
	});

	it("takes a stored version's new translations, but never a change to its questions", async () => {
		const o = await openSqliteDatabase(join(dir, 'c.sqlite'));
		opened.push(o);
		await ensureDefaultModel(o.db);
		const id = 'cx-maturity@1.1.0';
		const read = () =>
			JSON.parse(
				(
					o.sqlite.prepare('select content from maturity_models where id = ?').get(id) as {
						content: string;
					}
				).content
			);
		const write = (content: unknown) =>
			o.sqlite
				.prepare('update maturity_models set content = ? where id = ?')
				.run(JSON.stringify(content), id);

		// A stored copy without a translation gets it from the shipped file.
		const untranslated = read();
		untranslated.name = { en: untranslated.name.en };
		write(untranslated);
		await ensureDefaultModel(o.db);
		expect(read().name).toEqual(loadShippedModel('1.1.0').name);

		// A stored copy whose statements differ is the version its rounds were answered with: kept.
		const answeredWith = read();
		answeredWith.areas[0].questions[0].levels[0].en = 'What the respondents read.';
		write(answeredWith);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		await ensureDefaultModel(o.db);
		expect(read().areas[0].questions[0].levels[0].en).toBe('What the respondents read.');
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('new version number'));
		warn.mockRestore();
	});
});
