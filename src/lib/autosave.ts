/**
 * Client-side autosave queue: one request at a time per key (question or target), the latest value
 * wins, failed saves are retried with back-off, and pending saves are flushed when the page hides.
 * Every request carries the whole new value, so repeats are harmless on the server.
 */
export type SaveState = 'idle' | 'saving' | 'saved' | 'retrying' | 'failed';

export interface SaveResult {
	ok: boolean;
	status: number;
	message?: string;
}

export class AutosaveQueue {
	private pending = new Map<string, unknown>();
	private inFlight = new Set<string>();
	private attempts = new Map<string, number>();

	constructor(
		private readonly url: string,
		private readonly onState: (state: SaveState, message?: string) => void
	) {}

	/** Queues the new value for `key`, replacing any not yet sent. */
	save(key: string, body: unknown): void {
		this.pending.set(key, body);
		void this.run(key);
	}

	get busy(): boolean {
		return this.pending.size > 0 || this.inFlight.size > 0;
	}

	/** Sends everything pending with keepalive, for when the page is being hidden or closed. */
	flush(): void {
		for (const [key, body] of this.pending) {
			this.pending.delete(key);
			void fetch(this.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				keepalive: true
			});
		}
	}

	private async run(key: string): Promise<void> {
		if (this.inFlight.has(key)) return;
		const body = this.pending.get(key);
		if (body === undefined) return;
		this.pending.delete(key);
		this.inFlight.add(key);
		this.onState('saving');
		let result: SaveResult;
		try {
			const res = await fetch(this.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			const payload = (await res.json().catch(() => ({}))) as { message?: string };
			result = { ok: res.ok, status: res.status, message: payload.message };
		} catch {
			result = { ok: false, status: 0 };
		}
		this.inFlight.delete(key);
		if (result.ok) {
			this.attempts.delete(key);
			if (!this.busy) this.onState('saved');
		} else if (result.status === 0 || result.status >= 500) {
			// Network or server trouble: keep the value (unless a newer one came) and try again.
			const attempt = (this.attempts.get(key) ?? 0) + 1;
			this.attempts.set(key, attempt);
			if (!this.pending.has(key)) this.pending.set(key, body);
			this.onState('retrying');
			setTimeout(() => void this.run(key), Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
			return;
		} else {
			this.onState('failed', result.message);
		}
		if (this.pending.has(key)) void this.run(key);
	}
}
