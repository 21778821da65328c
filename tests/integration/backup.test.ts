/**
 * Backup and restore (docs/operations.md) against the built server: `npm run db:backup` copies the
 * live database while respondents keep saving, the copy is intact and holds everything acknowledged
 * before the backup started; `npm run db:restore` puts it in place for a second server, which signs
 * the owner in and serves the data; restoring over a database in use is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
	PASSWORD,
	createLink,
	createOrg,
	join,
	save,
	saveOk,
	setStatus,
	testDb,
	unique
} from '../support/flow';
import { Client } from '../support/http';
import { startServer, type RunningServer } from '../support/spawn-server';

const dir = mkdtempSync(joinPath(tmpdir(), 'cx-backup-'));
const children: ChildProcess[] = [];
const servers: RunningServer[] = [];
afterAll(async () => {
	for (const server of servers) await server.stop();
	for (const child of children)
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		}
	rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Runs a script the way `npm run db:backup` / `db:restore` do, with the given DATABASE_PATH. */
function runScript(
	script: string,
	args: string[],
	databasePath: string
): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/run-ts.mjs', script, ...args], {
			env: { ...process.env, DATABASE_PATH: databasePath },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		children.push(child);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.once('exit', (code) => resolve({ code, output }));
	});
}

function questionIds(roundId: string): string[][] {
	const row = testDb()
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const model = JSON.parse(row.content) as { areas: Array<{ questions: Array<{ id: string }> }> };
	return model.areas.map((a) => a.questions.map((q) => q.id));
}

// `npm run db:backup` and `db:restore` copy a SQLite file; a PostgreSQL installation is backed up
// with pg_dump and restored with pg_restore (docs/operations.md), which this file does not test.
describe.skipIf(inject('engine') === 'postgres')('backup and restore', { timeout: 240_000 }, () => {
	it('backs up the live database under writes, and a server on the restored copy serves it', async () => {
		// An owner with a known password, an open round and respondents who have saved answers.
		const email = `${unique('backup-owner')}@example.com`;
		const owner = new Client(inject('baseURL'));
		expect(
			(await owner.post('/signup', { email, displayName: 'Backup owner', password: PASSWORD }))
				.status
		).toBe(303);
		const roundName = unique('Backed-up round');
		const orgId = await createOrg(owner, unique('Backed-up org'));
		const roundId = fromRoundLocation(
			await owner.post(`/o/${orgId}?/createRound`, { name: roundName, threshold: '3' }),
			orgId
		);
		await setStatus(owner, orgId, roundId, 'open');
		const link = await createLink(owner, orgId, roundId);
		const [firstArea, ...otherAreas] = questionIds(roundId) as [string[], ...string[][]];
		const later = otherAreas.flat();

		const respondents = await Promise.all(Array.from({ length: 8 }, () => join(link)));
		// Acknowledged before the backup starts: every question of the first area, per respondent.
		const acknowledged: Array<{ token: string; questionId: string; level: number }> = [];
		for (const [r, { token }] of respondents.entries())
			for (const [q, questionId] of firstArea.entries()) {
				const level = ((r + q) % 4) + 1;
				await saveOk(token, { kind: 'answer', questionId, level });
				acknowledged.push({ token, questionId, level });
			}

		// The backup runs while 8 respondents keep saving other questions, in parallel.
		const target = joinPath(dir, 'live-backup.sqlite');
		let done = false;
		const backup = runScript('scripts/backup.ts', [target], inject('databasePath')).finally(
			() => (done = true)
		);
		const statuses: number[] = [];
		let round = 0;
		while (!done) {
			const batch = respondents.map(({ token }, r) =>
				save(token, {
					kind: 'answer',
					questionId: later[(round + r) % later.length]!,
					level: ((round + r) % 4) + 1
				}).then((res) => res.status)
			);
			statuses.push(...(await Promise.all(batch)));
			round++;
		}
		const { code, output } = await backup;
		expect(code, output).toBe(0);
		expect(output).toContain(`to ${target}`);
		expect(output).toContain('integrity check: ok');
		expect(output).toMatch(/responses\s+\d+/);
		// Writes went on while the backup ran, and none failed.
		expect(statuses.length).toBeGreaterThan(0);
		expect(statuses.every((s) => s === 200)).toBe(true);

		const copy = new Database(target, { readonly: true, fileMustExist: true });
		try {
			expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
			const level = copy.prepare(
				'select a.level from answers a join responses r on r.id = a.response_id where r.resume_token_hash = ? and a.question_id = ?'
			);
			for (const a of acknowledged)
				expect(level.get(sha256(a.token), a.questionId), a.questionId).toEqual({ level: a.level });
			expect(copy.prepare('select name from rounds where id = ?').get(roundId)).toEqual({
				name: roundName
			});
		} finally {
			copy.close();
		}
		expect(existsSync(`${target}-wal`)).toBe(false);

		// Someone who signs up after the backup is not in it.
		const lateEmail = `${unique('after-backup')}@example.com`;
		expect(
			(
				await new Client(inject('baseURL')).post('/signup', {
					email: lateEmail,
					displayName: 'Late',
					password: PASSWORD
				})
			).status
		).toBe(303);

		// Restore into a fresh place and start a second server on it.
		const restoredPath = joinPath(dir, 'restored', 'cx.sqlite');
		const restored = await runScript('scripts/restore.ts', [target], restoredPath);
		expect(restored.code, restored.output).toBe(0);
		expect(restored.output).toContain('integrity check: ok');
		const second = await startServer({ databasePath: restoredPath });
		servers.push(second);

		const signedIn = new Client(second.baseURL);
		const res = await signedIn.post('/signin', { email, password: PASSWORD });
		expect(res.status, second.output.stderr).toBe(303);
		const roundPage = await signedIn.get(`/o/${orgId}/rounds/${roundId}`);
		expect(roundPage.status).toBe(200);
		expect(await roundPage.text()).toContain(roundName);
		// A respondent's resume link works there too, with the answers acknowledged before.
		const { token } = respondents[0]!;
		const step = await new Client(second.baseURL).get(`/answer/${token}/step/1`);
		expect(step.status).toBe(200);
		const lateSignIn = await new Client(second.baseURL).post('/signin', {
			email: lateEmail,
			password: PASSWORD
		});
		expect(lateSignIn.status).not.toBe(303);

		// Restoring over the database the second server has open is refused, and changes nothing.
		const before = readFileSync(restoredPath);
		const refused = await runScript('scripts/restore.ts', [target], restoredPath);
		expect(refused.code).not.toBe(0);
		expect(refused.output).toContain('is in use');
		expect(refused.output).toContain('stop the app first');
		expect(readFileSync(restoredPath).equals(before)).toBe(true);
		expect((await signedIn.get(`/o/${orgId}/rounds/${roundId}`)).status).toBe(200);
	});

	it('says clearly when there is no database to back up or the target exists', async () => {
		const missing = await runScript(
			'scripts/backup.ts',
			[joinPath(dir, 'never.sqlite')],
			joinPath(dir, 'missing.sqlite')
		);
		expect(missing.code).not.toBe(0);
		expect(missing.output).toContain('There is no database at');
		expect(missing.output).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
		const taken = joinPath(dir, 'taken.sqlite');
		const first = await runScript('scripts/backup.ts', [taken], inject('databasePath'));
		expect(first.code, first.output).toBe(0);
		const again = await runScript('scripts/backup.ts', [taken], inject('databasePath'));
		expect(again.code).not.toBe(0);
		expect(again.output).toContain('already exists');
	});
});

function fromRoundLocation(res: Response, orgId: string): string {
	expect(res.status).toBe(303);
	const match = new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`).exec(
		res.headers.get('location') ?? ''
	);
	expect(match).not.toBeNull();
	return match![1]!;
}
