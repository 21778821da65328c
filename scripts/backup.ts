/**
 * `npm run db:backup [file]`: writes a consistent copy of the database at DATABASE_PATH (default
 * db/cx-maturity.sqlite) while the app keeps running, to `file` or to
 * db/backups/cx-maturity-<UTC time>.sqlite, checks it and prints where it went, its size and the
 * row counts of the main tables. Exits with 1 when the copy cannot be made or is not intact.
 */
import { resolve } from 'node:path';
import { backupDatabase } from '$lib/server/db/backup';

const DEFAULT_DATABASE_PATH = 'db/cx-maturity.sqlite';

/** "2026-03-31T14:05:09.123Z" -> "20260331-140509" */
const stamp = (date: Date) => date.toISOString().slice(0, 19).replace(/-|:/g, '').replace('T', '-');

export default async function backup(args: string[]): Promise<void> {
	const source = resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
	const target = resolve(args[0] ?? `db/backups/cx-maturity-${stamp(new Date())}.sqlite`);
	const started = Date.now();
	const report = await backupDatabase(source, target);
	console.log(`Backed up ${source}`);
	console.log(`to ${report.path}`);
	console.log(
		`${(report.bytes / 1024).toFixed(0)} kB in ${Date.now() - started} ms; integrity check: ok`
	);
	const width = Math.max(...Object.keys(report.counts).map((t) => t.length));
	for (const [table, rows] of Object.entries(report.counts))
		console.log(`  ${table.padEnd(width)}  ${rows}`);
}
