/**
 * Publish/subscribe between the requests of the live workshop (issue 12): a command or a vote is
 * written to the database, then announced; the event-stream endpoints (server-sent events from
 * `+server.ts`) subscribed to the workshop's topic re-read the state and send it to their clients.
 *
 * The contract every implementation keeps:
 * - Events only announce a change (`{ workshopId, version }`); they carry no state. The database is
 *   the truth: a subscriber re-reads what it shows, so a lost, late or repeated event costs at most
 *   one extra read, never a wrong screen.
 * - Publish after the transaction commits (see `applyAndAnnounce` in `db/workshops.ts`), so a
 *   subscriber that re-reads sees the change.
 * - Delivery is at most once per subscriber and process; a subscriber that connects later reads the
 *   current state first and needs no missed event.
 * - Events of one topic reach each subscriber in the order they were published.
 * - A listener that throws does not stop the others nor the publisher.
 *
 * `pubsub-memory.ts` implements it in-process (one server); `pubsub-postgres.ts` with PostgreSQL's
 * LISTEN/NOTIFY, so several server processes share the topics. `pubsub-shared.ts` picks one by
 * the database engine.
 */
export interface WorkshopEvent {
	workshopId: string;
	/** Grows with every change of the workshop; a subscriber can skip an event older than its state. */
	version: number;
}

export type Listener<E> = (event: E) => void;

export interface PubSub<E = WorkshopEvent> {
	/** Delivers `event` to the topic's current subscribers. */
	publish(topic: string, event: E): void;
	/** Calls `listener` for every event of `topic` from now on, until the returned function is called. */
	subscribe(topic: string, listener: Listener<E>): () => void;
}

/** The topic of one workshop's changes. */
export const workshopTopic = (workshopId: string) => `workshop:${workshopId}`;
