/**
 * `npm run db:copy -- --from <sqlite file> --to <postgres url>`: copies an installation's SQLite
 * database into a new, empty PostgreSQL database (migrated first if need be), in one transaction,
 * and prints each table's rows in both; exits with 1 when a count differs. Stop the app first, so
 * nothing is written to the SQLite file meanwhile. docs/operations.md, "Moving to PostgreSQL".
 */
import { resolve } from 'node:path';
import { OperatorError } from '$lib/server/db/backup';
import { copySqliteToPostgres } from '$lib/server/db/copy';
import { redactUrl } from '$lib/server/db/connection';

export default async function copy(args: string[]): Promise<void> {
	const value = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const from = value('--from');
	const to = value('--to');
	if (!from || !to)
		throw new OperatorError('usage: npm run db:copy -- --from <sqlite file> --to <postgres url>');
	const { counts } = await copySqliteToPostgres(resolve(from), to);
	const width = Math.max(...Object.keys(counts).map((t) => t.length));
	console.log(`Copied ${resolve(from)} to ${redactUrl(to)}`);
	console.log(`  ${'table'.padEnd(width)}  ${'sqlite'.padStart(8)}  ${'postgres'.padStart(8)}`);
	let differ = 0;
	for (const [table, { source, target }] of Object.entries(counts)) {
		if (source !== target) differ++;
		console.log(
			`  ${table.padEnd(width)}  ${String(source).padStart(8)}  ${String(target).padStart(8)}${source === target ? '' : '  DIFFERS'}`
		);
	}
	if (differ > 0) throw new OperatorError(`${differ} table(s) differ: the copy is not complete.`);
	console.log('Row counts match. Set DATABASE_URL to the PostgreSQL URL and start the app.');
}
