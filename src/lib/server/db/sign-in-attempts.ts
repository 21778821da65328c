/**
 * The sign-in throttle's counters in the database, so that a restart does not reset them. The
 * policy (how a counter changes, how long it bars) is lib/server/auth/throttle.ts; this module reads
 * and writes the counters in one transaction per attempt, so that parallel requests cannot all slip
 * through before the first failure is counted. Expired rows are deleted whenever one is written.
 */
import {
	countAttempt,
	refundAttempt,
	retryAfterSeconds,
	type BudgetPolicy,
	type Counter,
	type ThrottlePolicy
} from '$lib/server/auth/throttle';
import { lockName, type Db } from './connection';
import { hashToken } from './ids';

export type ThrottleScope = 'signin-pair' | 'signin-address' | 'signup-address' | 'password';

export interface ThrottleKey {
	scope: ThrottleScope;
	/** What is counted, e.g. "ana@example.com 203.0.113.9"; stored only as its SHA-256. */
	subject: string;
}

export interface ThrottleCheck extends ThrottleKey {
	policy: ThrottlePolicy;
}

const lockNameOf = (key: ThrottleKey) => `sign-in ${key.scope} ${hashToken(key.subject)}`;

const iso = (ms: number) => new Date(ms).toISOString();

type Row = { attempts: number; window_start: string; blocked_until: string; expires_at: string };

const toCounter = (row: Row): Counter => ({
	count: row.attempts,
	windowStart: Date.parse(row.window_start),
	blockedUntil: Date.parse(row.blocked_until),
	expiresAt: Date.parse(row.expires_at)
});

const toRow = (counter: Counter): Row => ({
	attempts: counter.count,
	window_start: iso(counter.windowStart),
	blocked_until: iso(counter.blockedUntil),
	expires_at: iso(counter.expiresAt)
});

function read(db: Db, key: ThrottleKey): Promise<Row | undefined> {
	return db
		.selectFrom('sign_in_attempts')
		.select(['attempts', 'window_start', 'blocked_until', 'expires_at'])
		.where('scope', '=', key.scope)
		.where('subject', '=', hashToken(key.subject))
		.executeTakeFirst();
}

async function write(db: Db, key: ThrottleKey, counter: Counter): Promise<void> {
	const row = toRow(counter);
	await db
		.insertInto('sign_in_attempts')
		.values({ scope: key.scope, subject: hashToken(key.subject), ...row })
		.onConflict((oc) => oc.columns(['scope', 'subject']).doUpdateSet(row))
		.execute();
}

function remove(db: Db, key: ThrottleKey) {
	return db
		.deleteFrom('sign_in_attempts')
		.where('scope', '=', key.scope)
		.where('subject', '=', hashToken(key.subject))
		.execute();
}

/**
 * Asks every counter whether an attempt may go ahead now. If one bars it, nothing is counted and
 * the answer is how many seconds to wait (the longest wait of any counter); otherwise the attempt is
 * counted in every counter, as if it fails (a success clears or refunds it afterwards).
 */
export function takeAttempt(
	db: Db,
	checks: ThrottleCheck[],
	now = Date.now()
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
	return db.transaction().execute(async (trx) => {
		// Parallel attempts on several instances count one after the other (in one order: no
		// deadlock between two attempts that share two counters).
		for (const name of checks.map(lockNameOf).sort()) await lockName(trx, name);
		const rows = await Promise.all(checks.map((check) => read(trx, check)));
		const counters = rows.map((row) => row && toCounter(row));
		const wait = Math.max(0, ...counters.map((counter) => retryAfterSeconds(counter, now)));
		if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
		for (const [i, check] of checks.entries())
			await write(trx, check, countAttempt(counters[i], now, check.policy));
		await trx.deleteFrom('sign_in_attempts').where('expires_at', '<=', iso(now)).execute();
		return { allowed: true };
	});
}

/** Forgets a counter (a successful sign-in clears its account and address pair). */
export async function clearAttempts(db: Db, key: ThrottleKey): Promise<void> {
	await remove(db, key);
}

/** Gives one attempt back to a budget (a successful sign-in does not use up its address's budget). */
export function refundBudget(
	db: Db,
	key: ThrottleKey,
	policy: BudgetPolicy,
	now = Date.now()
): Promise<void> {
	return db.transaction().execute(async (trx) => {
		await lockName(trx, lockNameOf(key));
		const row = await read(trx, key);
		const counter = refundAttempt(row && toCounter(row), now, policy);
		if (counter) await write(trx, key, counter);
		else await remove(trx, key);
	});
}
