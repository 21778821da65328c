import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// JSON.parse keeps the last of two equal keys, so a repeated key silently replaces a message.
describe('messages/en.json', () => {
	it('names every message once', () => {
		const text = readFileSync('messages/en.json', 'utf8');
		const keys = [...text.matchAll(/^\t"([^"]+)":/gm)].map((m) => m[1]!);
		const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
		expect(repeated).toEqual([]);
		expect(keys.length).toBe(Object.keys(JSON.parse(text) as object).length);
	});
});
