/**
 * Publish/subscribe across server processes through PostgreSQL's LISTEN/NOTIFY (contract in
 * `pubsub.ts`), chosen when the app runs on PostgreSQL so that a participant on one instance and
 * the facilitator on another see the same workshop.
 *
 * - One channel (`cx_pubsub`) for every topic; the payload is `{ topic, event }` as JSON (events
 *   are a few dozen bytes, far below NOTIFY's 8000-byte limit).
 * - Each process holds one dedicated connection that LISTENs, and hands what arrives to an
 *   in-process MemoryPubSub; the publishing process gets its own events back the same way, so
 *   every subscriber, local or not, is reached once.
 * - Publishing is `select pg_notify(...)` through `notify` (the app's pool), one at a time per
 *   process so that a topic's events arrive in the order they were published (PostgreSQL delivers
 *   one session's notifications in order, but a pool has several sessions).
 * - When the listening connection fails, it is reconnected after a pause (1 s, doubling up to
 *   30 s). Events sent meanwhile are lost, which the contract allows: subscribers re-read the
 *   database on the next event, and a screen that reconnects reads the current state first.
 */
import pg from 'pg';
import { MemoryPubSub } from './pubsub-memory';
import type { Listener, PubSub, WorkshopEvent } from './pubsub';

export const CHANNEL = 'cx_pubsub';

export class PostgresPubSub<E = WorkshopEvent> implements PubSub<E> {
	private readonly local = new MemoryPubSub<E>();
	private client: pg.Client | undefined;
	private retryMs = 1000;
	private closed = false;
	private connecting: Promise<void> | undefined;

	constructor(
		private readonly url: string,
		/** Sends one notification (the app's pool); errors are reported, never thrown. */
		private readonly notify: (channel: string, payload: string) => Promise<void>
	) {
		this.connecting = this.listen();
	}

	/** Resolves once the first LISTEN is in place (for tests). */
	ready(): Promise<void> {
		return this.connecting ?? Promise.resolve();
	}

	private async listen(): Promise<void> {
		if (this.closed) return;
		const client = new pg.Client({ connectionString: this.url });
		client.on('notification', (message) => {
			if (message.channel !== CHANNEL || !message.payload) return;
			try {
				const { topic, event } = JSON.parse(message.payload) as { topic: string; event: E };
				this.local.publish(topic, event);
			} catch (error) {
				console.error('pubsub: an unreadable notification', error);
			}
		});
		const reconnect = (error?: Error) => {
			if (this.client !== client) return;
			this.client = undefined;
			client.end().catch(() => undefined);
			if (this.closed) return;
			console.error(
				`pubsub: the LISTEN connection failed (${error?.message ?? 'closed'}); reconnecting in ${this.retryMs} ms`
			);
			const wait = this.retryMs;
			this.retryMs = Math.min(this.retryMs * 2, 30_000);
			setTimeout(() => void this.listen(), wait).unref();
		};
		client.on('error', reconnect);
		client.on('end', () => reconnect());
		this.client = client;
		try {
			await client.connect();
			await client.query(`listen ${CHANNEL}`);
			this.retryMs = 1000;
		} catch (error) {
			reconnect(error instanceof Error ? error : new Error(String(error)));
		}
	}

	/** The last notification sent: each waits for the one before, so events keep their order. */
	private sending: Promise<void> = Promise.resolve();

	publish(topic: string, event: E): void {
		const payload = JSON.stringify({ topic, event });
		this.sending = this.sending
			.then(() => this.notify(CHANNEL, payload))
			.catch((error) => console.error(`pubsub: could not publish on ${topic}`, error));
	}

	subscribe(topic: string, listener: Listener<E>): () => void {
		return this.local.subscribe(topic, listener);
	}

	subscriberCount(topic?: string): number {
		return this.local.subscriberCount(topic);
	}

	async close(): Promise<void> {
		this.closed = true;
		const client = this.client;
		this.client = undefined;
		await client?.end().catch(() => undefined);
	}
}
