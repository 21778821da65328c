/**
 * A small seeded pseudo-random generator, so the demo data is the same on every run: mulberry32
 * (32-bit state, good enough for fake survey answers, not for anything secret).
 */

/** Returns a number in [0, 1), like Math.random. */
export type Random = () => number;

/** mulberry32: `mulberry32(42)()` is always 0.6011037519201636. */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A 32-bit seed from a text (FNV-1a), so each department and round gets its own stream. */
export function seedOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** A generator seeded by a text: `randomFor('round-1/Billing')`. */
export function randomFor(text: string): Random {
	return mulberry32(seedOf(text));
}

/** A normally distributed number with mean 0 (Box-Muller). */
export function normal(random: Random, sd = 1): number {
	const u = 1 - random(); // (0, 1], so the logarithm is finite
	const v = random();
	return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
	return random() < p;
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick from an empty list');
	return items[Math.floor(random() * items.length)] as T;
}

/** One element, with probability proportional to its weight. */
export function pickWeighted<T>(
	random: Random,
	items: readonly T[],
	weights: readonly number[]
): T {
	const total = weights.reduce((sum, w) => sum + w, 0);
	let r = random() * total;
	for (let i = 0; i < items.length; i++) {
		r -= weights[i] ?? 0;
		if (r < 0) return items[i] as T;
	}
	return pick(random, items);
}

/** The items in a random order (Fisher-Yates), as a new array. */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}
