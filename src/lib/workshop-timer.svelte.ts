/**
 * The workshop timer on the screens: the deadline is the server's (part of the workshop's state,
 * in every view), and each screen counts down to it with its own clock, corrected by how far that
 * clock is from the server's (the page's data carries the server's time when it was read).
 */

/** Whole seconds left until `endsAt` (ISO) at `now` (ms); negative once over. */
export const secondsLeft = (endsAt: string, now: number) =>
	Math.ceil((Date.parse(endsAt) - now) / 1000);

/** 90 → "1:30", -5 → "−0:05". */
export function clock(seconds: number): string {
	const sign = seconds < 0 ? '−' : '';
	const s = Math.abs(seconds);
	return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * How far the server's clock is ahead of this device's, kept current as the page's data arrives
 * (`serverNow`: the server's time when it read the data). Call it in a page's script: it measures
 * when the data comes, so a timer that appears later still counts from the right moment.
 */
export function clockSkew(serverNow: () => number): { readonly value: number } {
	let value = $state(0);
	$effect.pre(() => {
		value = serverNow() - Date.now();
	});
	return {
		get value() {
			return value;
		}
	};
}
