/**
 * What the migrations need to know about the engine they run on (docs/architecture.md, "Database
 * engines"). A migration writes the same statements for both engines except where SQL differs; it
 * then branches through these helpers, and what it writes for SQLite stays exactly what it wrote
 * before PostgreSQL existed (installed databases ran it; tests/integration/schema-engines.test.ts
 * compares the schema with a snapshot).
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const isPostgres = (db: AnyDb): boolean =>
	db.getExecutor().adapter instanceof PostgresAdapter;

/** The column type of binary data (a logo): `blob` on SQLite, `bytea` on PostgreSQL. */
export const binary = (db: AnyDb) => (isPostgres(db) ? 'bytea' : 'blob');

/** A 64-bit integer (Unix seconds): SQLite's `integer` already is one. */
export const bigInteger = (db: AnyDb) => (isPostgres(db) ? 'bigint' : 'integer');

/**
 * The default of a text column that records when a row was made: SQLite's CURRENT_TIMESTAMP text
 * ('2026-01-31 12:00:00', UTC); the same text on PostgreSQL, where CURRENT_TIMESTAMP is a
 * timestamp with time zone whose text form differs.
 */
export const nowText = (db: AnyDb): RawBuilder<string> =>
	isPostgres(db)
		? sql`to_char(current_timestamp at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`
		: sql`CURRENT_TIMESTAMP`;
