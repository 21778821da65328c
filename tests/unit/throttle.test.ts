import { describe, expect, it } from 'vitest';
import {
	addressPolicy,
	backoffDelay,
	countAttempt,
	PAIR_POLICY,
	refundAttempt,
	retryAfterSeconds,
	waitInWords,
	type Counter,
	type ThrottlePolicy
} from '../../src/lib/server/auth/throttle';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.UTC(2026, 0, 1);

/** The counter after `n` attempts, `gapMs` apart, starting at T0; and the time of the last one. */
function after(
	n: number,
	policy: ThrottlePolicy = PAIR_POLICY,
	gapMs = 0
): { counter?: Counter; at: number } {
	let counter: Counter | undefined;
	let at = T0;
	for (let i = 0; i < n; i++) {
		at = T0 + i * gapMs;
		counter = countAttempt(counter, at, policy);
	}
	return { counter, at };
}

describe('backoffDelay (3 free failures, then 1 s doubling, at most 15 minutes)', () => {
	it.each([
		[0, 0],
		[1, 0],
		[3, 0],
		[4, 1 * SECOND],
		[5, 2 * SECOND],
		[6, 4 * SECOND],
		[10, 64 * SECOND],
		[13, 512 * SECOND],
		[14, 15 * MINUTE], // 1024 s is over the cap
		[100, 15 * MINUTE],
		[1e9, 15 * MINUTE]
	])('after %i failures waits %i ms', (failures, delay) => {
		expect(backoffDelay(failures, PAIR_POLICY)).toBe(delay);
	});
});

describe('a backoff counter (per account and address)', () => {
	it.each([
		// failures, seconds after the last, seconds to wait
		[3, 0, 0],
		[4, 0, 1],
		[4, 0.5, 1],
		[4, 1, 0],
		[5, 0, 2],
		[6, 3, 1],
		[14, 0, 900],
		[14, 899, 1],
		[14, 900, 0]
	])('after %i failures, %f s later, asks to wait %i s', (failures, later, wait) => {
		const { counter, at } = after(failures);
		expect(retryAfterSeconds(counter, at + later * SECOND)).toBe(wait);
	});

	it('keeps counting failures made after each wait, so the delay keeps growing', () => {
		// An attacker who waits out every delay still doubles it each time.
		let counter: Counter | undefined;
		let at = T0;
		const waits: number[] = [];
		for (let i = 0; i < 8; i++) {
			counter = countAttempt(counter, at, PAIR_POLICY);
			const wait = retryAfterSeconds(counter, at);
			waits.push(wait);
			at += wait * SECOND;
		}
		expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16]);
	});

	it('is forgotten a day after the last failure', () => {
		const { counter, at } = after(10);
		expect(counter!.expiresAt).toBe(at + 24 * 60 * MINUTE);
		const next = countAttempt(counter, counter!.expiresAt, PAIR_POLICY);
		expect(next.count).toBe(1);
		expect(retryAfterSeconds(next, counter!.expiresAt)).toBe(0);
	});

	it('allows an attempt when there is no counter', () => {
		expect(retryAfterSeconds(undefined, T0)).toBe(0);
	});
});

describe('a budget counter (per address, 30 per 15 minutes)', () => {
	const policy = addressPolicy(30);

	it.each([
		// attempts (one a second), seconds after the first, seconds to wait
		[29, 29, 0],
		[30, 29, 900 - 29],
		[30, 899, 1],
		[30, 900, 0]
	])('after %i attempts, %i s after the first, asks to wait %i s', (n, later, wait) => {
		const { counter } = after(n, policy, SECOND);
		expect(retryAfterSeconds(counter, T0 + later * SECOND)).toBe(wait);
	});

	it('starts a new window once the old one has ended', () => {
		const { counter } = after(30, policy, SECOND);
		const next = countAttempt(counter, T0 + 15 * MINUTE, policy);
		expect(next).toMatchObject({ count: 1, windowStart: T0 + 15 * MINUTE });
	});

	it('gives an attempt back, and forgets a counter with nothing left', () => {
		const { counter } = after(30, policy, SECOND);
		const refunded = refundAttempt(counter, T0 + 30 * SECOND, policy);
		expect(refunded?.count).toBe(29);
		expect(retryAfterSeconds(refunded, T0 + 30 * SECOND)).toBe(0);
		expect(refundAttempt(after(1, policy).counter, T0, policy)).toBeUndefined();
		expect(refundAttempt(undefined, T0, policy)).toBeUndefined();
	});

	it.each([
		[0, 1],
		[1, 1],
		[30.7, 30]
	])('is at least 1 attempt (limit %f gives %i)', (limit, expected) => {
		expect(addressPolicy(limit).limit).toBe(expected);
	});
});

describe('waitInWords', () => {
	it.each([
		[0, 'seconds', 1],
		[1, 'seconds', 1],
		[59, 'seconds', 59],
		[60, 'minutes', 1],
		[61, 'minutes', 2],
		[900, 'minutes', 15]
	])('%i s reads as %s: %i', (seconds, unit, amount) => {
		expect(waitInWords(seconds)).toEqual({ unit, amount });
	});
});
