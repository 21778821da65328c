import { describe, expect, it } from 'vitest';
import { byName, day, decimal, orDash, percent } from '../../src/lib/format';

describe('numbers by locale', () => {
	it.each([
		['en', 2.4, '2.4'],
		['bg', 2.4, '2,4'],
		['ru', 2.45, '2,5'],
		['ro', 3, '3'],
		['uk', 0.5, '0,5'],
		['en', -0, '0'],
		['en', -0.04, '0'],
		['bg', -0.5, '-0,5']
	])('%s writes %d as %s', (locale, value, text) => expect(decimal(value, locale)).toBe(text));

	it('writes percentages with the locale spacing', () => {
		expect(percent(45, 'en')).toBe('45%');
		expect(percent(45, 'ru').replace(/\s/g, ' ')).toBe('45 %');
		expect(percent(45, 'ro').replace(/\s/g, ' ')).toBe('45 %');
	});

	it('shows a dash for no value', () => {
		expect(orDash(null, (v) => decimal(v, 'en'))).toBe('–');
		expect(orDash(1.25, (v) => decimal(v, 'bg', 2))).toBe('1,25');
	});
});

describe('names and dates by locale', () => {
	it('sorts Cyrillic and Romanian names by their alphabets, case ignored', () => {
		expect(['Юлия', 'борис', 'Ана', 'Виктор'].sort(byName('bg'))).toEqual([
			'Ана',
			'борис',
			'Виктор',
			'Юлия'
		]);
		expect(['Ștefan', 'Sorin', 'Tudor', 'Țurcanu'].sort(byName('ro'))).toEqual([
			'Sorin',
			'Ștefan',
			'Tudor',
			'Țurcanu'
		]);
		expect(['Їжак', 'Ігор', 'Іван', 'Євген'].sort(byName('uk'))).toEqual([
			'Євген',
			'Іван',
			'Ігор',
			'Їжак'
		]);
		expect(['Team 10', 'Team 9'].sort(byName('en'))).toEqual(['Team 9', 'Team 10']);
	});

	it('writes a day in the reader language', () => {
		expect(day('2026-12-01', 'en')).toBe('Dec 1, 2026');
		expect(day('2026-12-01', 'ru')).toMatch(/^1 дек\. 2026/);
		expect(day('2026-12-01', 'uk')).toMatch(/^1 груд\. 2026/);
		expect(day('not a date', 'en')).toBe('not a date');
	});
});
