/**
 * `npm run db:restore <file>`: replaces the database at DATABASE_PATH (default
 * db/cx-maturity.sqlite) with a backup made by `npm run db:backup`. Refuses while the database is
 * in use: stop the app first. The replaced file is kept next to it (`.before-restore-<time>`).
 */
import { resolve } from 'node:path';
import { OperatorError, restoreDatabase } from '$lib/server/db/backup';

const DEFAULT_DATABASE_PATH = 'db/cx-maturity.sqlite';

export default async function restore(args: string[]): Promise<void> {
	if (!args[0]) throw new OperatorError('usage: npm run db:restore <backup file>');
	const source = resolve(args[0]);
	const target = resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
	const { report, previous } = restoreDatabase(source, target);
	console.log(`Restored ${source}`);
	console.log(`to ${target}; integrity check: ok`);
	if (previous) console.log(`The database it replaced is kept as ${previous}`);
	const width = Math.max(...Object.keys(report.counts).map((t) => t.length));
	for (const [table, rows] of Object.entries(report.counts))
		console.log(`  ${table.padEnd(width)}  ${rows}`);
	console.log('Start the app: it applies any newer migrations on start.');
}
