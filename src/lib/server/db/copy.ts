/**
 * Moving an installation from SQLite to PostgreSQL (`npm run db:copy`; docs/operations.md): every
 * table of a migrated SQLite file into a migrated, empty PostgreSQL database, parents before
 * children (foreign keys), in batches of multi-row inserts, all in one transaction: the copy lands
 * whole or not at all. Row counts are compared at the end.
 */
import { existsSync } from 'node:fs';
import { OperatorError } from './backup';
import { openDatabase, openSqliteDatabase, redactUrl, isPostgresUrl } from './connection';

const BATCH = 500;

export interface CopyReport {
	/** Table -> rows in the source and the target after the copy. */
	counts: Record<string, { source: number; target: number }>;
}

/** The source's tables, parents before the tables that refer to them. */
export function dependencyOrder(
	tables: string[],
	parentsOf: (table: string) => string[]
): string[] {
	const order: string[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (table: string) => {
		if (state.get(table) === 'done' || state.get(table) === 'visiting') return;
		state.set(table, 'visiting');
		for (const parent of parentsOf(table))
			if (parent !== table && tables.includes(parent)) visit(parent);
		state.set(table, 'done');
		order.push(table);
	};
	for (const table of [...tables].sort()) visit(table);
	return order;
}

export async function copySqliteToPostgres(
	from: string,
	to: string,
	log: (line: string) => void = () => undefined
): Promise<CopyReport> {
	if (!existsSync(from)) throw new OperatorError(`There is no SQLite database at ${from}.`);
	if (!isPostgresUrl(to)) throw new OperatorError('--to must be a postgres:// URL.');
	// Both at the latest migration: the same tables and columns on both sides.
	const source = await openSqliteDatabase(from);
	const target = await openDatabase(to);
	try {
		const sqlite = source.sqlite;
		const tables = (
			sqlite
				.prepare(
					"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'"
				)
				.all() as { name: string }[]
		).map((t) => t.name);
		const parentsOf = (table: string) =>
			(
				sqlite.prepare('select "table" as parent from pragma_foreign_key_list(?)').all(table) as {
					parent: string;
				}[]
			).map((r) => r.parent);
		const order = dependencyOrder(tables, parentsOf);
		const pool = target.pool!;
		for (const table of order) {
			const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
			if ((rows[0]?.n ?? 0) > 0)
				throw new OperatorError(
					`The PostgreSQL database at ${redactUrl(to)} is not empty (table ${table} has rows). Copy into a new, empty database.`
				);
		}
		const client = await pool.connect();
		try {
			await client.query('begin');
			for (const table of order) {
				const columns = (
					sqlite.prepare('select name from pragma_table_info(?) order by cid').all(table) as {
						name: string;
					}[]
				).map((c) => c.name);
				const list = columns.map((c) => `"${c}"`).join(', ');
				let copied = 0;
				let batch: unknown[][] = [];
				const flush = async () => {
					if (batch.length === 0) return;
					const values: unknown[] = [];
					const tuples = batch.map((row) => {
						const placeholders = row.map((value) => {
							values.push(value);
							return `$${values.length}`;
						});
						return `(${placeholders.join(', ')})`;
					});
					await client.query(
						`insert into "${table}" (${list}) values ${tuples.join(', ')}`,
						values
					);
					copied += batch.length;
					batch = [];
				};
				const select = sqlite.prepare(`select ${list} from "${table}"`).raw(true);
				for (const row of select.iterate() as Iterable<unknown[]>) {
					batch.push(row);
					if (batch.length >= BATCH) await flush();
				}
				await flush();
				log(`copied ${table}: ${copied}`);
			}
			await client.query('commit');
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
		const counts: CopyReport['counts'] = {};
		for (const table of order) {
			const sourceRows = (
				sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }
			).n;
			const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
			counts[table] = { source: sourceRows, target: rows[0]?.n ?? 0 };
		}
		return { counts };
	} finally {
		await source.close();
		await target.close();
	}
}
