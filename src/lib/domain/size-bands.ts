/**
 * The size band of an organisation, which the benchmark can group clients by. Pure. The names people
 * read are Paraglide messages (`sizeBandLabel` in `lib/labels.ts`).
 */

/** Every size band, smallest first: small (up to 50 people), medium (51-500), large (over 500). */
export const SIZE_BANDS = ['small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export function isSizeBand(value: unknown): value is SizeBand {
	return typeof value === 'string' && (SIZE_BANDS as readonly string[]).includes(value);
}

/** A stored value as a size band: a known one, else null (an unknown value is never trusted). */
export function toSizeBand(value: unknown): SizeBand | null {
	return isSizeBand(value) ? value : null;
}
