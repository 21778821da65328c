/**
 * Live delivery of a workshop's screens over server-sent events (issue 12). One hub per workshop
 * and process holds the one subscription to the workshop's topic (`lib/server/pubsub.ts`) and the
 * event streams open on it. On an event the hub re-reads the workshop once and builds each view
 * once per kind (room or control) and locale in use, then writes it to every stream; while a read
 * is in flight, and for `REBUILD_GAP_MS` after a view went out, further events only mark the hub
 * dirty, so a burst of 200 votes costs a few reads, not 200. An event no newer than what was sent
 * is skipped. Once the workshop has ended, every stream gets the final view and is closed (a new
 * one too), so no stream stays open after the end. The last stream to close unsubscribes the hub
 * and drops it, so nothing leaks.
 *
 * The views carry model texts and counts only, no Paraglide messages: the pages word them, so a
 * view built outside a request's language context is right for every reader of its locale.
 */
import { inLocale, type Locale } from '$lib/domain/model';
import {
	controlViewOf,
	presenterViewOf,
	roomViewOf,
	type ControlView,
	type LocalModel,
	type PresenterView,
	type RoomView,
	type WorkshopSnapshot
} from '$lib/domain/workshop-view';
import type { Db } from './db/connection';
import { getModel } from './db/models';
import { getRound } from './db/rounds';
import {
	countWorkshop,
	listParticipantNames,
	loadVotes,
	loadWorkshop,
	type Workshop
} from './db/workshops';
import { pubsub } from './pubsub-shared';
import { workshopTopic, type PubSub, type WorkshopEvent } from './pubsub';

/** A snapshot of a workshop as read once, with what the control view adds. */
export type LiveSnapshot = WorkshopSnapshot & { workshop: Workshop };

/**
 * One read of a workshop for its screens: the state, the counts, the names given (for the control
 * view's list of who joined), and the votes when a distribution can be shown (after the reveal, or
 * in vote round 2 for the first round's).
 */
export async function readSnapshot(
	db: Db,
	roundId: string,
	workshopId: string
): Promise<LiveSnapshot | undefined> {
	const workshop = await loadWorkshop(db, roundId, workshopId);
	if (!workshop) return undefined;
	const { status, pausedFrom, voteRound } = workshop.state;
	const needsVotes =
		status === 'revealed' || status === 'recorded' || pausedFrom === 'revealed' || voteRound === 2;
	const [counts, votes, names] = await Promise.all([
		countWorkshop(db, workshop),
		needsVotes ? loadVotes(db, workshop.id) : [],
		listParticipantNames(db, workshop.id)
	]);
	return { workshop, counts, votes, names };
}

const localModels = new Map<string, LocalModel>();
/** A round's model id: a round stays pinned to the model version it was created with. */
const roundModels = new Map<string, string>();

/** The workshop's model in one language (cached: a stored model version never changes). */
export async function workshopModel(
	db: Db,
	workshop: Pick<Workshop, 'organisationId' | 'roundId'>,
	locale: Locale
): Promise<LocalModel> {
	let modelId = roundModels.get(workshop.roundId);
	if (!modelId) {
		const round = await getRound(db, workshop.organisationId, workshop.roundId);
		if (!round) throw new Error(`round ${workshop.roundId} of a workshop is missing`);
		roundModels.set(workshop.roundId, (modelId = round.modelId));
	}
	const key = `${modelId}:${locale}`;
	let local = localModels.get(key);
	if (!local) {
		const stored = await getModel(db, modelId);
		if (!stored) throw new Error(`model ${modelId} is missing`);
		localModels.set(key, (local = inLocale(stored.model, locale)));
	}
	return local;
}

/** Participants' screens, the projector's (no names), the facilitator's. */
export type ViewKind = 'room' | 'presenter' | 'control';
export type LiveView = RoomView | PresenterView | ControlView;

/** The view of `kind` from one read (every kind from the same snapshot). */
export function viewOf(
	snapshot: LiveSnapshot,
	kind: ViewKind,
	model: LocalModel,
	locale: Locale
): LiveView {
	if (kind === 'control') return controlViewOf(snapshot, model, locale);
	if (kind === 'presenter') return presenterViewOf(snapshot, model);
	return roomViewOf(snapshot, model);
}

/**
 * The least time between two views a hub sends while changes keep coming (a room voting): 200
 * votes then cost about ten views per stream a second, not 200, and a count is at most this late.
 */
export const REBUILD_GAP_MS = 100;

/** One open event stream: what it shows, and how to write to it. */
export interface LiveStream {
	kind: ViewKind;
	locale: Locale;
	/** The view, and the same as one server-sent event's bytes (made once for all streams). */
	send(view: LiveView, frame: Uint8Array): void;
	/**
	 * Closes the stream: called right after the final view of an ended workshop was sent, since
	 * nothing more will come (the stream then leaves the hub through the function `join` returned).
	 */
	end?(): void;
}

const encoder = new TextEncoder();

/** One server-sent event carrying `data` as JSON. */
export const sseFrame = (data: unknown): Uint8Array =>
	encoder.encode(`data: ${JSON.stringify(data)}\n\n`);

export interface HubOptions {
	db: Db;
	bus: PubSub;
	/** A read of the workshop; `readSnapshot` unless a test counts the reads. */
	read?: (db: Db, roundId: string, workshopId: string) => Promise<LiveSnapshot | undefined>;
}

class WorkshopHub {
	private readonly streams = new Map<LiveStream, { sent: number }>();
	private snapshot: LiveSnapshot | undefined;
	private readonly views = new Map<string, { view: LiveView; frame: Uint8Array }>();
	private building = false;
	private dirty = false;
	private readonly unsubscribe: () => void;
	/** How many times the hub read the workshop (for tests and the bench). */
	reads = 0;

	constructor(
		private readonly roundId: string,
		private readonly workshopId: string,
		private readonly options: HubOptions,
		private readonly onEmpty: () => void
	) {
		this.unsubscribe = options.bus.subscribe(workshopTopic(workshopId), (event) =>
			this.onEvent(event)
		);
	}

	get size() {
		return this.streams.size;
	}

	add(stream: LiveStream): () => void {
		this.streams.set(stream, { sent: 0 });
		// The newest state read so far goes out at once; a read in flight sends anything newer.
		if (this.snapshot) void this.deliver(stream);
		else this.refresh();
		return () => this.remove(stream);
	}

	private remove(stream: LiveStream) {
		if (!this.streams.delete(stream) || this.streams.size > 0) return;
		this.unsubscribe();
		this.onEmpty();
	}

	private onEvent(event: WorkshopEvent) {
		if (this.snapshot && event.version <= this.snapshot.workshop.version) return;
		this.refresh();
	}

	private refresh() {
		if (this.building) {
			this.dirty = true;
			return;
		}
		this.building = true;
		void this.rebuild();
	}

	private async rebuild() {
		try {
			do {
				this.dirty = false;
				this.reads++;
				const read = this.options.read ?? readSnapshot;
				const snapshot = await read(this.options.db, this.roundId, this.workshopId);
				if (!snapshot) break;
				if (!this.snapshot || snapshot.workshop.version > this.snapshot.workshop.version) {
					this.snapshot = snapshot;
					this.views.clear();
				}
				for (const stream of [...this.streams.keys()]) await this.deliver(stream);
				// Under a burst, at most one view every REBUILD_GAP_MS: the first change goes out at
				// once, the ones during the gap together at its end.
				if (this.dirty) await new Promise((r) => setTimeout(r, REBUILD_GAP_MS));
			} while (this.dirty && this.streams.size > 0);
		} catch (error) {
			console.error(`workshop ${this.workshopId}: the live view could not be built`, error);
		} finally {
			this.building = false;
		}
	}

	/** Sends the current view to `stream` unless it has it already. */
	private async deliver(stream: LiveStream) {
		const snapshot = this.snapshot;
		const entry = this.streams.get(stream);
		if (!snapshot || !entry || entry.sent >= snapshot.workshop.version) return;
		entry.sent = snapshot.workshop.version;
		const { view, frame } = await this.viewOf(snapshot, stream.kind, stream.locale);
		if (this.snapshot !== snapshot && this.snapshot) return; // a newer one is on its way
		try {
			stream.send(view, frame);
			if (view.status === 'ended') stream.end?.();
		} catch (error) {
			console.error(`workshop ${this.workshopId}: a stream could not be written`, error);
		}
	}

	private async viewOf(snapshot: LiveSnapshot, kind: ViewKind, locale: Locale) {
		const key = `${kind}:${locale}`;
		let built = this.views.get(key);
		if (!built || built.view.version !== snapshot.workshop.version) {
			const model = await workshopModel(this.options.db, snapshot.workshop, locale);
			const view = viewOf(snapshot, kind, model, locale);
			built = { view, frame: sseFrame(view) };
			if (this.snapshot === snapshot) this.views.set(key, built);
		}
		return built;
	}
}

/** The hubs of one process, one per workshop with open streams. */
export class LiveWorkshops {
	private readonly hubs = new Map<string, WorkshopHub>();

	constructor(private readonly options: Omit<HubOptions, 'db'> & { bus: PubSub }) {}

	/** Adds `stream` to the workshop's hub (made on first use); returns how to take it out. */
	join(db: Db, workshop: { roundId: string; id: string }, stream: LiveStream): () => void {
		let hub = this.hubs.get(workshop.id);
		if (!hub) {
			const made: WorkshopHub = new WorkshopHub(
				workshop.roundId,
				workshop.id,
				{ ...this.options, db },
				() => {
					if (this.hubs.get(workshop.id) === made) this.hubs.delete(workshop.id);
				}
			);
			this.hubs.set(workshop.id, (hub = made));
		}
		return hub.add(stream);
	}

	/** Open streams of a workshop in this process. */
	streamCount(workshopId: string): number {
		return this.hubs.get(workshopId)?.size ?? 0;
	}

	/** How many times a workshop's hub has read it (for tests and the bench). */
	reads(workshopId: string): number {
		return this.hubs.get(workshopId)?.reads ?? 0;
	}

	get hubCount(): number {
		return this.hubs.size;
	}
}

let shared: LiveWorkshops | undefined;

/** The process's live workshops, on the process's publish/subscribe. */
export function liveWorkshops(): LiveWorkshops {
	return (shared ??= new LiveWorkshops({ bus: pubsub() }));
}

/** A comment line every 20 s keeps proxies and the browser from closing a quiet stream. */
export const HEARTBEAT_MS = 20_000;

/**
 * A `text/event-stream` response: first the reconnect delay and an event `clock` with the server's
 * time (ms), then `open(write, close)` registers the stream and returns how to
 * take it out again; each `write` sends bytes as they are (`sseFrame`), `close` ends the response
 * (after the final view of an ended workshop). Closes too when the client goes (the request's
 * signal aborts or the body is cancelled).
 */
export function eventStream(
	signal: AbortSignal,
	open: (write: (frame: Uint8Array) => void, close: () => void) => () => void,
	heartbeatMs = HEARTBEAT_MS
): Response {
	let close = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let closed = false;
			let stop: (() => void) | undefined = undefined;
			const write = (bytes: Uint8Array) => {
				if (closed) return;
				try {
					controller.enqueue(bytes);
				} catch {
					close();
				}
			};
			const heartbeat = setInterval(() => write(encoder.encode(': heartbeat\n\n')), heartbeatMs);
			close = () => {
				if (closed) return;
				closed = true;
				clearInterval(heartbeat);
				stop?.();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			// Tells EventSource how long to wait before reconnecting, and the server's clock as the
			// stream opens, so a screen counts a timer down to the same moment on a wrong clock.
			write(encoder.encode(`retry: 2000\nevent: clock\ndata: ${Date.now()}\n\n`));
			stop = open(write, () => close());
			// Closed while opening (an ended workshop's view was ready at once): take it out now.
			if (closed) stop();
			else if (signal.aborted) close();
			else signal.addEventListener('abort', () => close(), { once: true });
		},
		cancel() {
			close();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			// nginx and similar proxies would otherwise hold the messages back.
			'x-accel-buffering': 'no'
		}
	});
}
