/**
 * The in-process publish/subscribe (contract in `pubsub.ts`): a Map of topics to Sets of
 * listeners. Unsubscribing removes the listener and, with the last one, the topic, so nothing
 * leaks; a listener that throws is reported and the others still get the event.
 */
import type { Listener, PubSub, WorkshopEvent } from './pubsub';

export class MemoryPubSub<E = WorkshopEvent> implements PubSub<E> {
	private readonly topics = new Map<string, Set<Listener<E>>>();

	constructor(
		private readonly onListenerError: (error: unknown, topic: string) => void = (error, topic) =>
			console.error(`pubsub listener on ${topic} failed`, error)
	) {}

	publish(topic: string, event: E): void {
		const listeners = this.topics.get(topic);
		if (!listeners) return;
		// A copy, so a listener that unsubscribes (or subscribes another) during delivery changes
		// the next delivery, not this one.
		for (const listener of [...listeners]) {
			try {
				listener(event);
			} catch (error) {
				this.onListenerError(error, topic);
			}
		}
	}

	subscribe(topic: string, listener: Listener<E>): () => void {
		let listeners = this.topics.get(topic);
		if (!listeners) this.topics.set(topic, (listeners = new Set()));
		// Each subscription is its own entry, even for a listener function subscribed twice.
		const entry: Listener<E> = (event) => listener(event);
		listeners.add(entry);
		return () => {
			const current = this.topics.get(topic);
			if (!current?.delete(entry)) return;
			if (current.size === 0) this.topics.delete(topic);
		};
	}

	/** How many subscriptions a topic has (all topics without one): for tests and the bench. */
	subscriberCount(topic?: string): number {
		if (topic !== undefined) return this.topics.get(topic)?.size ?? 0;
		let n = 0;
		for (const listeners of this.topics.values()) n += listeners.size;
		return n;
	}
}
