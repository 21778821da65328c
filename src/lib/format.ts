/**
 * Numbers as the reader's language writes them: a decimal comma in bg, ru, ro and uk ("2,4"), a
 * point in English; percentages with the locale's spacing ("45 %" in Russian). Messages take the
 * formatted text where a number has decimals, so "{mean}" never prints "2.4" to a Bulgarian.
 * Formatters are made once per locale and kind.
 */
import { getLocale } from '$lib/paraglide/runtime';

const formats = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, key: string, options: Intl.NumberFormatOptions) {
	const id = `${locale}|${key}`;
	let format = formats.get(id);
	if (!format) {
		format = new Intl.NumberFormat(locale, options);
		formats.set(id, format);
	}
	return format;
}

/**
 * A number with up to `digits` decimals (trailing zeros dropped): 2.4 → "2,4" in Romanian. A value
 * that rounds to zero is "0", never "-0" (a gap of -0.04 stages).
 */
export function decimal(value: number, locale: string = getLocale(), digits = 1): string {
	return formatter(locale, `d${digits}`, {
		maximumFractionDigits: digits,
		signDisplay: 'negative'
	}).format(value);
}

/** A share given in per cent (0-100): 45 → "45%" in English, "45 %" in Russian. */
export function percent(value: number, locale: string = getLocale()): string {
	return formatter(locale, 'p', { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** `value` formatted by `format`, or an en dash when there is none. */
export function orDash(
	value: number | null | undefined,
	format: (value: number) => string
): string {
	return value === null || value === undefined ? '–' : format(value);
}

const collators = new Map<string, Intl.Collator>();

/**
 * Compares names as the reader's language sorts them (Bulgarian, Russian and Ukrainian letters in
 * their alphabet's order, Romanian ă, â, î, ș, ț after their base letters, case ignored, numbers by
 * value): `names.sort(byName())`.
 */
export function byName(locale: string = getLocale()): (a: string, b: string) => number {
	let collator = collators.get(locale);
	if (!collator) {
		collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
		collators.set(locale, collator);
	}
	return collator.compare;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day given as `YYYY-MM-DD` (or an ISO time), in the reader's language: "1 дек. 2026 г.". */
export function day(iso: string, locale: string = getLocale()): string {
	let format = dayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
		dayFormats.set(locale, format);
	}
	const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
	return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
