/**
 * A fixed-window limiter kept in memory: enough for one server process, which is how this app runs
 * on SQLite. Keys are like "signin:email:ana@example.com" or "signin:ip:203.0.113.9".
 */
export class RateLimiter {
	private readonly hits = new Map<string, { count: number; resetAt: number }>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number
	) {}

	/** True when `key` has used up its allowance in the current window. */
	isLimited(key: string, now = Date.now()): boolean {
		const entry = this.hits.get(key);
		return !!entry && entry.resetAt > now && entry.count >= this.limit;
	}

	/** Counts one attempt for `key`. */
	hit(key: string, now = Date.now()): void {
		const entry = this.hits.get(key);
		if (!entry || entry.resetAt <= now)
			this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
		else entry.count += 1;
		if (this.hits.size > 50_000) this.sweep(now);
	}

	reset(key: string): void {
		this.hits.delete(key);
	}

	private sweep(now: number): void {
		for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
	}
}
