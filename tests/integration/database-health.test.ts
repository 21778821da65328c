/**
 * Honest health and clear failures: /healthz writes (a one-row upsert) and reports 503 with the
 * cause when no write can succeed; a failed transaction reports its own error (SQLITE_FULL), not the
 * "cannot rollback" that followed it; a database that cannot be opened stops the start with one
 * sentence and exit code 1.
 *
 * Making a database unwritable under a running connection: chmod does not stop an open file
 * descriptor (and the tests may run as root, whom file modes do not stop at all). So the probe is
 * tested on real files with `PRAGMA query_only` (SQLite refuses every write with SQLITE_READONLY, as
 * on a read-only file) and on a connection opened read-only; `PRAGMA max_page_count` makes SQLite
 * answer SQLITE_FULL, as on a full disk. When the tests run as root with the right to mount, a real
 * full disk is tested too: the built server on a 16 MB tmpfs that is then filled. Start-up failures
 * run the server as `nobody` when the tests run as root, so file modes apply.
 */
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { SqliteDialect } from 'kysely';
import { execFileSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	unlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseHealth, openSqliteDatabase } from '../../src/lib/server/db/connection';
import { runServerUntilExit, startServer } from '../support/spawn-server';

const root = mkdtempSync(join(tmpdir(), 'cx-health-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
	const dir = join(root, `d${++n}`);
	mkdirSync(dir, { mode: 0o755 });
	return dir;
};

const isRoot = process.getuid?.() === 0;
/** When root, start-up tests run the server as nobody, so that file modes apply. */
const unprivileged = isRoot ? { uid: 65534, gid: 65534 } : {};
const ADVICE = 'Set DATABASE_PATH to a writable file.';

describe('the write probe', () => {
	it('reports a writable database as ok and stores the time of the check', async () => {
		const opened = await openSqliteDatabase(join(freshDir(), 'ok.sqlite'));
		try {
			expect(await databaseHealth(opened)).toEqual({
				engine: 'sqlite',
				ok: true,
				canWrite: true,
				journalMode: 'wal'
			});
			const row = opened.sqlite.prepare('select id, checked_at from health_probe').all();
			expect(row).toEqual([{ id: 1, checked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
			expect(await databaseHealth(opened)).toMatchObject({ ok: true });
			expect(opened.sqlite.prepare('select count(*) as n from health_probe').get()).toEqual({
				n: 1
			});
		} finally {
			await opened.close();
		}
	});

	it('reports a database that refuses writes (query_only) as not ok, naming SQLITE_READONLY', async () => {
		const opened = await openSqliteDatabase(join(freshDir(), 'query-only.sqlite'));
		try {
			opened.sqlite.pragma('query_only = ON');
			// Reads still work: a `select 1` alone would have said ok.
			expect(opened.sqlite.prepare('select 1 as one').get()).toEqual({ one: 1 });
			const health = await databaseHealth(opened);
			expect(health).toEqual({
				engine: 'sqlite',
				ok: false,
				canWrite: false,
				journalMode: 'wal',
				error: expect.stringMatching(/^SQLITE_READONLY: attempt to write a readonly database/)
			});
			expect(opened.sqlite.inTransaction).toBe(false);
		} finally {
			await opened.close();
		}
	});

	it('reports a connection opened read-only as not ok', async () => {
		const path = join(freshDir(), 'readonly.sqlite');
		await (await openSqliteDatabase(path)).close();
		const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
		const db = new Kysely<never>({ dialect: new SqliteDialect({ database: sqlite }) });
		try {
			expect(await databaseHealth({ db: db as never, sqlite })).toMatchObject({
				ok: false,
				canWrite: false,
				error: expect.stringMatching(/^SQLITE_READONLY/)
			});
		} finally {
			await db.destroy();
		}
	});
});

describe('a transaction that fails because the disk is full', () => {
	it('reports SQLITE_FULL, not "cannot rollback - no transaction is active"', async () => {
		const opened = await openSqliteDatabase(join(freshDir(), 'full.sqlite'));
		try {
			const pages = opened.sqlite.pragma('page_count', { simple: true }) as number;
			// SQLite answers SQLITE_FULL once the file would grow past this, as on a full disk, and
			// rolls the whole transaction back itself (the case that used to be masked).
			opened.sqlite.pragma(`max_page_count = ${pages}`);
			const failed = opened.db.transaction().execute(async (trx) => {
				for (let i = 2; i < 200; i++)
					await sql`insert into health_probe (id, checked_at) values (${i}, ${'x'.repeat(4000)})`.execute(
						trx
					);
			});
			await expect(failed).rejects.toMatchObject({
				code: 'SQLITE_FULL',
				message: 'database or disk is full'
			});
			expect(opened.sqlite.inTransaction).toBe(false);
			expect(opened.sqlite.prepare('select count(*) as n from health_probe').get()).toEqual({
				n: 0
			});
			// The connection is still usable once there is room again.
			opened.sqlite.pragma('max_page_count = 1073741823');
			expect(await databaseHealth(opened)).toMatchObject({ ok: true, canWrite: true });
		} finally {
			await opened.close();
		}
	});
});

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN); it is unmounted at once. */
function canMount(): boolean {
	if (!isRoot) return false;
	const dir = freshDir();
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
		execFileSync('umount', [dir], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

describe.skipIf(!canMount())('the built server on a disk that fills up (tmpfs)', () => {
	it('answers /healthz with 503 naming SQLITE_FULL, and logs SQLITE_FULL for a failed write', async () => {
		const disk = freshDir();
		// Room for the migrated database with both shipped models in five languages (about 4 MB with
		// its WAL), then filled below.
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk]);
		const server = await startServer({ databasePath: join(disk, 'cx.sqlite') }).catch(
			(error: unknown) => {
				execFileSync('umount', [disk]);
				throw error;
			}
		);
		try {
			const healthy = await fetch(`${server.baseURL}/healthz`);
			expect(healthy.status).toBe(200);
			expect(await healthy.json()).toMatchObject({ database: { ok: true, canWrite: true } });

			// Empty the WAL first: a WAL left large by the migrations is reused from its start after
			// a checkpoint, so the probe's write would fit in space already taken and not fail.
			const direct = new SQLite(join(disk, 'cx.sqlite'));
			direct.pragma('wal_checkpoint(TRUNCATE)');
			direct.close();
			// Fill the disk: the database file and its WAL can no longer grow.
			try {
				writeFileSync(join(disk, 'filler'), Buffer.alloc(32 * 1024 * 1024));
			} catch {
				// ENOSPC once the tmpfs is full, which is the point
			}
			const res = await fetch(`${server.baseURL}/healthz`);
			expect(res.status).toBe(503);
			expect(res.headers.get('cache-control')).toBe('no-store');
			expect(await res.json()).toEqual({
				status: 'error',
				database: {
					engine: 'sqlite',
					ok: false,
					canWrite: false,
					journalMode: 'wal',
					error: expect.stringMatching(/^SQLITE_FULL: database or disk is full/)
				}
			});

			// A write through the app fails with 500, and the log names the cause.
			const signup = await fetch(`${server.baseURL}/signup`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.baseURL,
					accept: 'text/html'
				},
				body: new URLSearchParams({
					email: `full-${Date.now()}@example.com`,
					displayName: 'Full',
					password: 'correct horse battery staple'
				}).toString(),
				redirect: 'manual'
			});
			expect(signup.status).toBe(500);
			await new Promise((r) => setTimeout(r, 200));
			expect(server.output.stderr).toMatch(/SQLITE_FULL/);
			expect(server.output.stderr).not.toMatch(/cannot rollback/);

			// Room again: healthy again, without a restart.
			unlinkSync(join(disk, 'filler'));
			const again = await fetch(`${server.baseURL}/healthz`);
			expect(again.status).toBe(200);
		} finally {
			await server.stop();
			execFileSync('umount', [disk]);
		}
	});
});

describe('starting with a database that cannot be opened', () => {
	/** The server's stderr must be exactly one line, that line, and the exit code 1. */
	async function expectOneSentence(databasePath: string, sentence: RegExp | string) {
		const result = await runServerUntilExit({ databasePath, ...unprivileged });
		expect(result.code, result.stderr).toBe(1);
		const lines = result.stderr.trim().split('\n');
		expect(lines, result.stderr).toHaveLength(1);
		if (typeof sentence === 'string') expect(lines[0]).toBe(sentence);
		else expect(lines[0]).toMatch(sentence);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	}

	it('says so when the directory cannot be created', async () => {
		const dir = freshDir();
		writeFileSync(join(dir, 'not-a-dir'), 'x');
		const path = join(dir, 'not-a-dir', 'db', 'cx.sqlite');
		await expectOneSentence(
			path,
			`Cannot open the database at ${path}: the directory ${resolve(dirname(path))} cannot be created (part of the path is a file, not a directory). ${ADVICE}`
		);
	});

	it('says so when the directory is read-only and the file does not exist yet', async () => {
		const dir = freshDir();
		chmodSync(dir, 0o555);
		const path = join(dir, 'cx.sqlite');
		await expectOneSentence(
			path,
			`Cannot open the database at ${path}: the file cannot be opened or created in ${dir} (missing permission or a read-only directory). ${ADVICE}`
		);
	});

	it('says so when the directory for a new file cannot be created for lack of permission', async () => {
		const dir = freshDir();
		chmodSync(dir, 0o555);
		const path = join(dir, 'sub', 'cx.sqlite');
		await expectOneSentence(
			path,
			`Cannot open the database at ${path}: the directory ${join(dir, 'sub')} cannot be created (a parent directory is read-only). ${ADVICE}`
		);
	});

	it('says so when the database file and its directory are read-only', async () => {
		const dir = freshDir();
		const path = join(dir, 'cx.sqlite');
		await (await openSqliteDatabase(path)).close();
		if (isRoot) chownSync(path, 65534, 65534);
		chmodSync(path, 0o444);
		chmodSync(dir, 0o555);
		await expectOneSentence(
			path,
			new RegExp(
				`^Cannot open the database at ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the (file or its directory .* is read-only|file cannot be opened or created in .*)\\. ${ADVICE.replace(/\./g, '\\.')}$`
			)
		);
	});
});
