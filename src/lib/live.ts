/**
 * Following a live workshop's event stream in the browser: every message is a whole view with a
 * version; an older one than shown is ignored. EventSource reconnects by itself after a lost
 * network, and the first message after a (re)connect is the current view, so nothing is missed.
 * When the page comes back into view (an unlocked phone), `onVisible` lets the page reload what
 * only it holds (the participant's own votes) and a closed stream is opened again.
 *
 * Once a view says the workshop has ended, following stops: the server sends that final view and
 * closes the stream, and EventSource would otherwise reconnect to hear it again every few seconds.
 */
export function followLive<T extends { version: number; status: string }>(
	url: string,
	handlers: {
		onView: (view: T) => void;
		onConnection?: (connected: boolean) => void;
		onVisible?: () => void;
		/** The server's clock minus this device's (ms), measured as each stream opens. */
		onClock?: (skew: number) => void;
	}
): () => void {
	let source: EventSource | undefined;
	let stopped = false;
	const open = () => {
		if (stopped) return;
		source?.close();
		source = new EventSource(url);
		source.onmessage = (event: MessageEvent<string>) => {
			const view = JSON.parse(event.data) as T;
			handlers.onView(view);
			if (view.status === 'ended') stop();
		};
		source.addEventListener('clock', (event: MessageEvent<string>) => {
			const server = Number(event.data);
			if (Number.isFinite(server)) handlers.onClock?.(server - Date.now());
		});
		source.onopen = () => handlers.onConnection?.(true);
		source.onerror = () => handlers.onConnection?.(false);
	};
	const visibility = () => {
		if (document.visibilityState !== 'visible') return;
		if (stopped) return;
		if (!source || source.readyState === EventSource.CLOSED) open();
		handlers.onVisible?.();
	};
	const stop = () => {
		stopped = true;
		document.removeEventListener('visibilitychange', visibility);
		source?.close();
	};
	open();
	document.addEventListener('visibilitychange', visibility);
	return stop;
}
