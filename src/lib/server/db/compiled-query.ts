/**
 * Queries on the respondent's hot path (the response by its token, its answers, the autosave
 * upsert), built with Kysely once and then run as their SQL text with new parameter values. Kysely
 * builds and compiles a query tree on every call; for a handful of fixed shapes run on every step
 * page and every autosave that work is the same each time. The SQL text is also the key of the
 * connection's prepared-statement cache (connection.ts), so the statement is prepared once too.
 *
 * A query is written as usual, with `arg('name')` where a value changes from call to call; any
 * other value is a constant of the query. Types stay Kysely's: the row type is the builder's.
 *
 * The SQL text differs per engine (`?` on SQLite, `$1` on PostgreSQL), so it is compiled once per
 * engine: a process that opens both (the dashboard bench) runs each with its own text.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import { onPostgres, type Db, type Engine } from './connection';

const MARK = '\u0000cx-arg:';

type Slot<A> = { arg: keyof A } | { value: unknown };

export interface CompiledShape<A, Row> {
	/** Every row the query returns (none for a write). */
	all(db: Db, args: A): Promise<Row[]>;
	/** The first row, or undefined. */
	first(db: Db, args: A): Promise<Row | undefined>;
	/** The SQL text, compiled on first use (for tests and the profile). */
	sql(db: Db): string;
}

export function compiledQuery<A extends Record<string, unknown>, Row>(
	build: (db: Db, arg: <K extends keyof A & string>(name: K) => A[K]) => Compilable<Row>
): CompiledShape<A, Row> {
	const shapes = new Map<Engine, { sql: string; slots: Slot<A>[] }>();
	const compile = (db: Db) => {
		const engine: Engine = onPostgres(db) ? 'postgres' : 'sqlite';
		const known = shapes.get(engine);
		if (known) return known;
		const arg = <K extends keyof A & string>(name: K) => `${MARK}${name}` as A[K];
		const compiled = build(db, arg).compile();
		const slots = compiled.parameters.map((value): Slot<A> =>
			typeof value === 'string' && value.startsWith(MARK)
				? { arg: value.slice(MARK.length) }
				: { value }
		);
		if (compiled.sql.includes(MARK)) throw new Error('compiledQuery: an argument in the SQL text');
		const shape = { sql: compiled.sql, slots };
		shapes.set(engine, shape);
		return shape;
	};
	const all = async (db: Db, args: A): Promise<Row[]> => {
		const { sql, slots } = compile(db);
		const parameters = slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
		const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters));
		return result.rows as Row[];
	};
	return {
		all,
		first: async (db, args) => (await all(db, args))[0],
		sql: (db) => compile(db).sql
	};
}
