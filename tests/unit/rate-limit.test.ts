import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/lib/server/auth/rate-limit';

const WINDOW = 15 * 60 * 1000;

type Step = ['hit' | 'reset', number] | ['limited?', number, boolean];

describe('RateLimiter (limit 3 per 15 minutes)', () => {
	it.each<[string, Step[]]>([
		['allows a key with no attempts', [['limited?', 0, false]]],
		[
			'limits after the allowance is used, not before',
			[
				['hit', 0],
				['hit', 1],
				['limited?', 2, false],
				['hit', 2],
				['limited?', 3, true]
			]
		],
		[
			'stays limited until the window ends, measured from the first attempt',
			[
				['hit', 0],
				['hit', 1000],
				['hit', 2000],
				['limited?', WINDOW - 1, true],
				['limited?', WINDOW, false]
			]
		],
		[
			'starts a new window after the old one expires',
			[
				['hit', 0],
				['hit', 0],
				['hit', 0],
				['hit', WINDOW],
				['limited?', WINDOW, false],
				['hit', WINDOW + 1],
				['hit', WINDOW + 2],
				['limited?', WINDOW + 3, true]
			]
		],
		[
			'forgets a key on reset',
			[
				['hit', 0],
				['hit', 0],
				['hit', 0],
				['limited?', 1, true],
				['reset', 2],
				['limited?', 2, false],
				['hit', 3],
				['hit', 3],
				['limited?', 3, false]
			]
		]
	])('%s', (_, steps) => {
		const limiter = new RateLimiter(3, WINDOW);
		for (const step of steps) {
			if (step[0] === 'hit') limiter.hit('k', step[1]);
			else if (step[0] === 'reset') limiter.reset('k');
			else expect(limiter.isLimited('k', step[1]), `at ${step[1]} ms`).toBe(step[2]);
		}
	});

	it('counts each key on its own', () => {
		const limiter = new RateLimiter(2, WINDOW);
		limiter.hit('signin:ip:203.0.113.9', 0);
		limiter.hit('signin:ip:203.0.113.9', 0);
		expect(limiter.isLimited('signin:ip:203.0.113.9', 1)).toBe(true);
		expect(limiter.isLimited('signin:ip:198.51.100.7', 1)).toBe(false);
		limiter.reset('signin:ip:198.51.100.7');
		expect(limiter.isLimited('signin:ip:203.0.113.9', 1)).toBe(true);
	});

	it('with a limit of 1 locks after a single attempt', () => {
		const limiter = new RateLimiter(1, 1000);
		expect(limiter.isLimited('k', 0)).toBe(false);
		limiter.hit('k', 0);
		expect(limiter.isLimited('k', 999)).toBe(true);
		expect(limiter.isLimited('k', 1000)).toBe(false);
	});
});
