/**
 * The sign-in throttle's policy, pure (no clock, no database): how a counter of attempts changes
 * and how long it makes the next attempt wait. `lib/server/db/sign-in-attempts.ts` stores the
 * counters; the sign-in, sign-up and account pages ask it before checking a password.
 *
 * Two kinds of counter:
 * - **backoff**, per account e-mail and client address (and per signed-in user for the current
 *   password): a few free failures, then an exponential delay (1 s, 2 s, 4 s, … at most 15
 *   minutes). It slows a guesser at one account without locking its owner out: a failure from one
 *   address never delays the same account from another address.
 * - **budget**, per client address across all accounts (password spraying, mass sign-up): at most
 *   `limit` attempts in a fixed window.
 *
 * Times are milliseconds since the epoch.
 */

export interface Counter {
	/** Attempts counted so far (failures for a backoff, attempts in the window for a budget). */
	count: number;
	/** When the budget's window started; for a backoff, when the last attempt was counted. */
	windowStart: number;
	/** No attempt before this time; equal to or before `windowStart` when none is barred. */
	blockedUntil: number;
	/** When the counter can be forgotten. */
	expiresAt: number;
}

export interface BackoffPolicy {
	kind: 'backoff';
	/** Failures that cost nothing. */
	free: number;
	/** The delay after the first failure beyond the free ones; doubles with every further failure. */
	baseMs: number;
	maxMs: number;
	/** A counter with no failure for this long is forgotten. */
	forgetAfterMs: number;
}

export interface BudgetPolicy {
	kind: 'budget';
	limit: number;
	windowMs: number;
}

export type ThrottlePolicy = BackoffPolicy | BudgetPolicy;

const MINUTE = 60_000;

/** Per account and address, and per user for the current password: 3 free, then 1 s, 2 s, 4 s, … 15 min. */
export const PAIR_POLICY: BackoffPolicy = {
	kind: 'backoff',
	free: 3,
	baseMs: 1000,
	maxMs: 15 * MINUTE,
	forgetAfterMs: 24 * 60 * MINUTE
};

/** Per address across all accounts: `limit` attempts per 15 minutes (AUTH_ATTEMPTS_PER_ADDRESS). */
export function addressPolicy(limit: number): BudgetPolicy {
	return { kind: 'budget', limit: Math.max(1, Math.floor(limit)), windowMs: 15 * MINUTE };
}

/** The delay a backoff imposes after `failures` failures: 0 for the free ones, then doubling. */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
	const beyond = failures - policy.free;
	if (beyond <= 0) return 0;
	// 2 ** 40 ms is far beyond any cap; stopping there keeps the arithmetic finite.
	return Math.min(policy.baseMs * 2 ** Math.min(beyond - 1, 40), policy.maxMs);
}

const live = (counter: Counter | undefined, now: number) =>
	counter && counter.expiresAt > now ? counter : undefined;

/** Whole seconds until `counter` allows another attempt; 0 when it allows one now. */
export function retryAfterSeconds(counter: Counter | undefined, now: number): number {
	const current = live(counter, now);
	if (!current || current.blockedUntil <= now) return 0;
	return Math.ceil((current.blockedUntil - now) / 1000);
}

/** The counter after one more attempt at `now` (the caller has checked that one is allowed). */
export function countAttempt(
	counter: Counter | undefined,
	now: number,
	policy: ThrottlePolicy
): Counter {
	const current = live(counter, now);
	if (policy.kind === 'backoff') {
		const count = (current?.count ?? 0) + 1;
		const delay = backoffDelay(count, policy);
		return {
			count,
			windowStart: now,
			blockedUntil: now + delay,
			expiresAt: now + Math.max(policy.forgetAfterMs, delay)
		};
	}
	const fresh = !current || now >= current.windowStart + policy.windowMs;
	const windowStart = fresh ? now : current.windowStart;
	const count = fresh ? 1 : current.count + 1;
	const windowEnd = windowStart + policy.windowMs;
	return {
		count,
		windowStart,
		blockedUntil: count >= policy.limit ? windowEnd : windowStart,
		expiresAt: windowEnd
	};
}

/**
 * The counter with one attempt given back (a sign-in that succeeded does not use up its address's
 * budget); undefined when nothing is left to remember.
 */
export function refundAttempt(
	counter: Counter | undefined,
	now: number,
	policy: BudgetPolicy
): Counter | undefined {
	const current = live(counter, now);
	if (!current || current.count <= 1) return undefined;
	const count = current.count - 1;
	return {
		...current,
		count,
		blockedUntil:
			count >= policy.limit ? current.windowStart + policy.windowMs : current.windowStart
	};
}

/** How long to wait, for the message: whole seconds under a minute, otherwise whole minutes (rounded up). */
export function waitInWords(seconds: number): { unit: 'seconds' | 'minutes'; amount: number } {
	if (seconds < 60) return { unit: 'seconds', amount: Math.max(1, seconds) };
	return { unit: 'minutes', amount: Math.ceil(seconds / 60) };
}
