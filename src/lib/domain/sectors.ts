/**
 * The sector an organisation works in, from a fixed list: it decides which legal floors of the
 * model apply to its answers (docs/model.md section 10) and will group a later benchmark by
 * sector. Pure. The names people read are Paraglide messages (`sectorLabel` in `lib/labels.ts`).
 */

/** Every sector, in the order the settings page lists them ("other" last). */
export const SECTORS = [
	'banking',
	'insurance',
	'consumer-credit',
	'payments',
	'telecoms',
	'energy',
	'water',
	'transport',
	'health',
	'public-sector',
	'retail',
	'online-retail',
	'hospitality',
	'software',
	'logistics',
	'education',
	'other'
] as const;
export type Sector = (typeof SECTORS)[number];

export function isSector(value: unknown): value is Sector {
	return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

/** A stored value as a sector: a known one, else null (an unknown value is never trusted). */
export function toSector(value: unknown): Sector | null {
	return isSector(value) ? value : null;
}
