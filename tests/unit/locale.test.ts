import { describe, expect, it } from 'vitest';
import { acceptedLocales, pickLocale, toLocale } from '../../src/lib/domain/locale';

describe('toLocale', () => {
	it.each([
		['uk', 'uk'],
		['uk-UA', 'uk'],
		['RO_md', 'ro'],
		[' bg ', 'bg'],
		['de', undefined],
		['', undefined],
		[null, undefined],
		['ukr', undefined]
	])('%s → %s', (value, expected) => expect(toLocale(value)).toBe(expected));

	it('only offers the available languages', () => {
		expect(toLocale('ru', ['en', 'uk'])).toBeUndefined();
	});
});

describe('acceptedLocales', () => {
	it.each([
		['uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.5', ['uk', 'ru', 'en']],
		['de-DE,de;q=0.9,ro;q=0.7', ['ro']],
		['en;q=0.4, bg;q=0.8', ['bg', 'en']],
		['ru;q=0, en', ['en']],
		['*', []],
		['ro;q=abc, bg', ['bg']],
		['', []],
		[null, []]
	])('%s → %j', (header, expected) => expect(acceptedLocales(header)).toEqual(expected));

	it('keeps the header order among equal qualities', () => {
		expect(acceptedLocales('ro, bg, uk')).toEqual(['ro', 'bg', 'uk']);
	});

	it('reads only the start of an absurdly long header', () => {
		expect(acceptedLocales('x,'.repeat(100_000) + 'bg')).toEqual([]);
	});
});

describe('pickLocale: choice, account, link, browser, organisation, English', () => {
	const all = {
		choice: 'ro',
		saved: 'bg',
		link: 'uk',
		acceptLanguage: 'ru',
		organisation: 'en'
	};
	it.each([
		[all, 'ro'],
		[{ ...all, choice: null }, 'bg'],
		[{ ...all, choice: 'xx', saved: null }, 'uk'],
		[{ ...all, choice: null, saved: null, link: null }, 'ru'],
		[{ organisation: 'uk', acceptLanguage: 'de-DE,fr' }, 'uk'],
		[{ acceptLanguage: 'de-DE' }, 'en'],
		[{}, 'en']
	])('%j → %s', (inputs, expected) => expect(pickLocale(inputs)).toBe(expected));

	it('falls back to the first available language when English is not among them', () => {
		expect(pickLocale({ acceptLanguage: 'de' }, ['bg', 'ro'])).toBe('bg');
	});
});
