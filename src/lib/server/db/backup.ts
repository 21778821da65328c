/**
 * Backing up and restoring the SQLite file (`npm run db:backup`, `npm run db:restore`; see
 * docs/operations.md). A backup is taken online, while the app runs, with SQLite's backup API
 * through better-sqlite3: a consistent copy of one moment, written as a single self-contained file
 * (rollback journal, no -wal/-shm), then checked with `PRAGMA integrity_check`.
 */
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readlinkSync,
	realpathSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';

/** A refusal or failure the operator can act on (scripts print its message without a stack). */
export class OperatorError extends Error {
	override name = 'OperatorError';
}

/** The tables whose row counts a backup reports (those that exist in the file). */
const COUNTED_TABLES = [
	'users',
	'organisations',
	'memberships',
	'rounds',
	'response_links',
	'responses',
	'answers',
	'roadmap_items',
	'audit_events'
] as const;

export interface DatabaseReport {
	path: string;
	bytes: number;
	/** 'ok', or the problems `PRAGMA integrity_check` found. */
	integrity: string[];
	/** Table -> rows. */
	counts: Record<string, number>;
}

/** Checks a database file (integrity and row counts) without changing it. */
export function inspectDatabase(path: string): DatabaseReport {
	const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
	try {
		const integrity = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
			(r) => r.integrity_check
		);
		const tables = new Set(
			(
				sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{
					name: string;
				}>
			).map((r) => r.name)
		);
		const counts: Record<string, number> = {};
		for (const table of COUNTED_TABLES)
			if (tables.has(table))
				counts[table] = (
					sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }
				).n;
		return { path, bytes: statSync(path).size, integrity, counts };
	} finally {
		sqlite.close();
	}
}

export const isIntact = (report: DatabaseReport) =>
	report.integrity.length === 1 && report.integrity[0] === 'ok';

/**
 * Writes a consistent copy of the database at `source` to `target` (which must not exist yet) while
 * other processes keep using it, and checks the copy. Throws when the copy is not intact.
 */
export async function backupDatabase(source: string, target: string): Promise<DatabaseReport> {
	if (!existsSync(source)) throw new OperatorError(`There is no database at ${source}.`);
	if (existsSync(target)) throw new OperatorError(`${target} already exists; choose another file.`);
	mkdirSync(dirname(target), { recursive: true });
	const partial = join(dirname(target), `.${basename(target)}.partial`);
	rmSync(partial, { force: true });
	const sqlite = new SQLite(source, { fileMustExist: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		// The first step copies 100 pages, every later one the rest: a write by the app between
		// steps restarts the copy, so taking the rest at once keeps a busy database from starving it.
		await sqlite.backup(partial, { progress: () => 1_000_000 });
	} finally {
		sqlite.close();
	}
	// A single file, so restoring is copying one file; the app switches it back to WAL on start.
	const copy = new SQLite(partial, { fileMustExist: true });
	try {
		copy.pragma('journal_mode = DELETE');
	} finally {
		copy.close();
	}
	const report = inspectDatabase(partial);
	if (!isIntact(report)) {
		rmSync(partial, { force: true });
		throw new OperatorError(`The copy failed its integrity check: ${report.integrity.join('; ')}`);
	}
	renameSync(partial, target);
	return { ...report, path: target };
}

/**
 * The processes that have any of these files open, from /proc (Linux); undefined when that cannot
 * be told (no /proc, or processes this user may not look into).
 */
function processesHolding(paths: string[]): number[] | undefined {
	if (!existsSync('/proc/self/fd')) return undefined;
	const wanted = new Set(paths.map((p) => realpathSync(p)));
	const holders: number[] = [];
	let unknown = false;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${entry}/fd`);
		} catch (error) {
			// Gone meanwhile, or another user's process.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') unknown = true;
			continue;
		}
		for (const fd of fds) {
			try {
				if (wanted.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) {
					holders.push(Number(entry));
					break;
				}
			} catch {
				// closed meanwhile
			}
		}
	}
	return holders.length > 0 || !unknown ? holders : undefined;
}

/**
 * Whether the database may be in use (the running app). A process with a WAL database open keeps
 * its -wal and -shm files; they are removed when the last one closes it cleanly. When they are
 * there, the database is in use unless /proc shows that no process holds them (the app was killed).
 */
export function databaseInUse(path: string): boolean {
	const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => existsSync(p));
	if (sidecars.length === 0) return false;
	const holders = processesHolding([path, ...sidecars].filter((p) => existsSync(p)));
	return holders === undefined || holders.length > 0;
}

/**
 * Replaces the database at `target` with the backup at `source`, refusing while the database is in
 * use. The file it replaces is kept next to it as `<target>.before-restore-<time>`.
 */
export function restoreDatabase(
	source: string,
	target: string
): { report: DatabaseReport; previous: string | null } {
	const backup = inspectDatabase(source);
	if (!isIntact(backup))
		throw new OperatorError(`${source} failed its integrity check: ${backup.integrity.join('; ')}`);
	if (databaseInUse(target))
		throw new OperatorError(
			`The database at ${target} is in use (its -wal/-shm files are open or cannot be checked): ` +
				'stop the app first, then restore again. If the app is stopped, it did not stop ' +
				'cleanly: start it and stop it once more, then restore.'
		);
	mkdirSync(dirname(target), { recursive: true });
	const partial = join(dirname(target), `.${basename(target)}.restoring`);
	copyFileSync(source, partial);
	let previous: string | null = null;
	if (existsSync(target)) {
		previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(target, previous);
		// After an unclean stop the -wal holds committed changes: it goes with the file it belongs to.
		for (const suffix of ['-wal', '-shm', '-journal'])
			if (existsSync(target + suffix)) renameSync(target + suffix, previous + suffix);
	}
	for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
	renameSync(partial, target);
	return { report: inspectDatabase(target), previous };
}
