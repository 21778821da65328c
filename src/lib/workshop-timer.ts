/**
 * The workshop timer on the screens: the deadline is the server's (part of the workshop's state,
 * in every view), and each screen counts down to it with its own clock, corrected by how far that
 * clock is from the server's (the live stream sends the server's time as it opens: `followLive`'s
 * `onClock`).
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
