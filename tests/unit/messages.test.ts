/**
 * The catalogues: every language has every message of the English one, none empty, each with the
 * same placeholders (a translation may drop none and invent none), and no key twice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
};

/** A message as the inlang format stores it: a text, or variants selected by plural categories. */
type Message =
	string | Array<{ declarations?: string[]; selectors?: string[]; match: Record<string, string> }>;

const read = (locale: string) => readFileSync(`messages/${locale}.json`, 'utf8');
const catalogue = (locale: string) => {
	const { $schema: _schema, ...messages } = JSON.parse(read(locale)) as Record<string, Message>;
	return messages;
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** The texts of a message: itself, or each of its variants. */
const texts = (message: Message) =>
	typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));

/** The placeholders a message can print, over all its variants. */
const printed = (message: Message) => new Set(texts(message).flatMap(placeholders));

const english = catalogue(settings.baseLocale);

/** Words that are the same in English and the language: an abbreviation, or a loanword. */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
	bg: ['rec_kpi'],
	ru: ['rec_kpi'],
	uk: ['rec_kpi'],
	ro: [
		'rec_kpi',
		'rec_impact',
		'pdf_col_impact',
		'role_facilitator',
		'audit_field_logo',
		'export_respondent',
		'demo_title',
		// Romanian words spelt as the English ones.
		'models_kind_model',
		'practice_role_consultant',
		'practice_col_sector',
		'audit_field_client',
		'practice_invite_kind_client'
	]
};

describe('the catalogues', () => {
	it('are the five languages, English first', () => {
		expect(settings.locales).toEqual(['en', 'bg', 'ru', 'ro', 'uk']);
	});

	// JSON.parse keeps the last of two equal keys, so a repeated key silently replaces a message.
	it.each(settings.locales)('%s names every message once', (locale) => {
		const text = read(locale);
		const keys = [...text.matchAll(/^\t"([^"]+)":/gm)].map((m) => m[1]!);
		expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
		expect(keys.length).toBe(Object.keys(JSON.parse(text) as object).length);
	});

	it.each(settings.locales.filter((l) => l !== settings.baseLocale))(
		'%s has every English message, none empty, with the same placeholders',
		(locale) => {
			const translated = catalogue(locale);
			const problems: string[] = [];
			for (const [key, source] of Object.entries(english)) {
				const message = translated[key];
				if (message === undefined) {
					problems.push(`${key}: missing`);
					continue;
				}
				if (texts(message).length === 0 || texts(message).some((t) => t.trim() === ''))
					problems.push(`${key}: empty`);
				if (
					typeof message !== 'string' &&
					!message.every((v) => Object.keys(v.match).some((k) => k === '*' || k.endsWith('=*')))
				)
					problems.push(`${key}: a variant message without its "*" case`);
				const expected = [...printed(source)].sort().join(',');
				const actual = [...printed(message)].sort().join(',');
				// A variant may leave the count out of a case ("one day"), never add another.
				const ok =
					typeof message === 'string'
						? actual === expected
						: [...printed(message)].every((p) => printed(source).has(p));
				if (!ok) problems.push(`${key}: placeholders {${actual}} instead of {${expected}}`);
			}
			for (const key of Object.keys(translated))
				if (!(key in english)) problems.push(`${key}: not in English`);
			expect(problems).toEqual([]);
		}
	);

	it.each(settings.locales.filter((l) => l !== settings.baseLocale))(
		'%s leaves no English sentence untranslated',
		(locale) => {
			const translated = catalogue(locale);
			// A text identical to the English with a word in it besides its placeholders is an
			// untranslated copy ("{name} ({status})" is not).
			const copies = Object.entries(english)
				.filter(
					([, text]) =>
						typeof text === 'string' && /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, ''))
				)
				.filter(
					([key, text]) => translated[key] === text && !SAME_AS_ENGLISH[locale]?.includes(key)
				)
				.map(([key]) => key);
			expect(copies).toEqual([]);
		}
	);
});
