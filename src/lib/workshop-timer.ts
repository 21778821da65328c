/**
 * The optional per-question timer of a workshop, kept in the browser only: the control view starts
 * it, and a presenter screen opened from it in the same browser shows it too (localStorage and its
 * `storage` event). It belongs to one step; a new step shows none until started again.
 */
export interface TimerState {
	position: number;
	voteRound: number;
	startedAt: number;
	seconds: number;
}

const keyOf = (workshopId: string) => `cx-workshop-timer:${workshopId}`;

export function readTimer(workshopId: string): TimerState | null {
	try {
		const raw = localStorage.getItem(keyOf(workshopId));
		const value = raw ? (JSON.parse(raw) as TimerState) : null;
		return value && typeof value.startedAt === 'number' && typeof value.seconds === 'number'
			? value
			: null;
	} catch {
		return null;
	}
}

export function writeTimer(workshopId: string, timer: TimerState | null): void {
	try {
		if (timer) localStorage.setItem(keyOf(workshopId), JSON.stringify(timer));
		else localStorage.removeItem(keyOf(workshopId));
	} catch {
		// storage refused (private mode): the timer still runs on this page
	}
}

/** Calls `onChange` when another tab of this browser starts or stops the timer. */
export function watchTimer(workshopId: string, onChange: (timer: TimerState | null) => void) {
	const listener = (event: StorageEvent) => {
		if (event.key === keyOf(workshopId)) onChange(readTimer(workshopId));
	};
	window.addEventListener('storage', listener);
	return () => window.removeEventListener('storage', listener);
}

/** Seconds left (negative once over), from now. */
export const secondsLeft = (timer: TimerState, now: number) =>
	Math.round(timer.seconds - (now - timer.startedAt) / 1000);

/** 90 → "1:30", -5 → "−0:05". */
export function clock(seconds: number): string {
	const sign = seconds < 0 ? '−' : '';
	const s = Math.abs(seconds);
	return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
