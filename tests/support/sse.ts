/**
 * Reading a server-sent event stream in tests, with fetch and a small parser: every `data:`
 * message is parsed as JSON and queued; `next(predicate)` takes messages off the queue until one
 * matches (waiting for more as they arrive). A stream that ends or stays silent too long fails the
 * wait with what it did receive, instead of hanging the test.
 *
 *   const stream = await EventStream.open(`${baseURL}/workshop/${id}/events`, client);
 *   const view = await stream.next((v) => v.status === 'revealed');
 *   stream.close();
 */
import type { Client } from './http';

export class EventStream<T = unknown> {
	private readonly queue: T[] = [];
	private waiting: (() => void) | undefined;
	private ended = false;
	/** Every message received, in order (for assertions over the whole stream). */
	readonly received: T[] = [];
	/** Named events received (`event: clock`), apart from the messages. */
	readonly events: Array<{ event: string; block: string }> = [];

	private constructor(
		readonly response: Response,
		private readonly controller: AbortController
	) {
		void this.pump();
	}

	/** Opens the stream with the client's cookies; resolves once the headers arrived. */
	static async open<T = unknown>(path: string, client: Client): Promise<EventStream<T>> {
		const controller = new AbortController();
		const headers: Record<string, string> = { accept: 'text/event-stream' };
		if (client.cookies.size > 0)
			headers.cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
		const response = await fetch(new URL(path, client.baseURL), {
			headers,
			signal: controller.signal,
			redirect: 'manual'
		});
		return new EventStream<T>(response, controller);
	}

	get status() {
		return this.response.status;
	}

	private async pump() {
		if (!this.response.body || !this.response.ok) {
			this.ended = true;
			return;
		}
		const reader = this.response.body.pipeThrough(new TextDecoderStream()).getReader();
		let buffer = '';
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				buffer += value;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const lines = block.split('\n');
					// A named event (the server's clock as the stream opens) is not a view.
					const named = lines.find((line) => line.startsWith('event:'));
					if (named) {
						this.events.push({ event: named.slice(6).trim(), block });
						continue;
					}
					const data = block
						.split('\n')
						.filter((line) => line.startsWith('data:'))
						.map((line) => line.slice(5).trimStart())
						.join('\n');
					if (!data) continue;
					const message = JSON.parse(data) as T;
					this.received.push(message);
					this.queue.push(message);
					this.waiting?.();
				}
			}
		} catch {
			// aborted by close()
		} finally {
			this.ended = true;
			this.waiting?.();
		}
	}

	/** The next message matching `predicate` (skipping others); fails after `timeoutMs` of waiting. */
	async next(predicate: (message: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			while (this.queue.length > 0) {
				const message = this.queue.shift()!;
				if (predicate(message)) return message;
			}
			if (this.ended)
				throw new Error(`the stream ended; received ${JSON.stringify(this.received.at(-1))}`);
			const left = deadline - Date.now();
			if (left <= 0)
				throw new Error(
					`no matching message; last received ${JSON.stringify(this.received.at(-1))}`
				);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.waiting = () => {
					clearTimeout(timer);
					this.waiting = undefined;
					resolve();
				};
			});
		}
	}

	/** Resolves once the server has closed the stream; fails after `timeoutMs`. */
	async closedByServer(timeoutMs = 10_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!this.ended) {
			const left = deadline - Date.now();
			if (left <= 0)
				throw new Error(`the stream is still open; last ${JSON.stringify(this.received.at(-1))}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, Math.min(left, 100));
				this.waiting = () => {
					clearTimeout(timer);
					this.waiting = undefined;
					resolve();
				};
			});
		}
	}

	close() {
		this.controller.abort();
	}
}
