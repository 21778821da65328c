/**
 * An organisation's size band, by its number of employees (the EU's SME bands): it groups a
 * benchmark (docs/scoring.md, "Benchmark"). Pure. The names people read are Paraglide messages
 * (`sizeBandLabel` in `lib/labels.ts`).
 */

/** Every size band, smallest first, with its employees (`max` null: no upper bound). */
export const SIZE_BANDS = [
	{ id: 'micro', min: 1, max: 9 },
	{ id: 'small', min: 10, max: 49 },
	{ id: 'medium', min: 50, max: 249 },
	{ id: 'large', min: 250, max: null }
] as const;
export type SizeBand = (typeof SIZE_BANDS)[number]['id'];
export const SIZE_BAND_IDS = SIZE_BANDS.map((b) => b.id) as unknown as readonly [
	SizeBand,
	...SizeBand[]
];

export function isSizeBand(value: unknown): value is SizeBand {
	return typeof value === 'string' && SIZE_BANDS.some((b) => b.id === value);
}

/** A stored value as a size band: a known one, else null (an unknown value is never trusted). */
export function toSizeBand(value: unknown): SizeBand | null {
	return isSizeBand(value) ? value : null;
}

/** The band of a number of employees: `sizeBandOf(12)` is 'small'; null for none or nonsense. */
export function sizeBandOf(employees: number): SizeBand | null {
	if (!Number.isInteger(employees) || employees < 1) return null;
	return SIZE_BANDS.find((b) => employees >= b.min && (b.max === null || employees <= b.max))!.id;
}
