/**
 * The shipped models in five languages (issue 11): every text of models 1.0.0 and 1.1.0 in bg, ru,
 * ro and uk, in the right alphabet, and 1.1.0's stage and area names exactly as the glossary fixes
 * them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, parseModel, type LocalizedText } from '../../src/lib/domain/model';

function load(file: string) {
	const parsed = parseModel(JSON.parse(readFileSync(file, 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}
const model = load('db/models/cx-maturity-1.1.0.json');
const OTHERS = LOCALES.filter((l) => l !== 'en');

/** Every model text with a readable path, e.g. `areas.governance.questions.gov-owners.levels.2`. */
function texts(node: unknown, path = ''): Array<[string, LocalizedText]> {
	if (Array.isArray(node))
		return node.flatMap((item, i) =>
			texts(item, `${path}.${(item as { id?: unknown })?.id ?? i + 1}`)
		);
	if (!node || typeof node !== 'object') return [];
	if (typeof (node as { en?: unknown }).en === 'string') return [[path, node as LocalizedText]];
	return Object.entries(node)
		.filter(([key]) => key !== 'changelog')
		.flatMap(([key, value]) => texts(value, path ? `${path}.${key}` : key));
}

/** A glossary table's rows as { column: cell }, the table found by its heading and first column. */
function glossaryRows(heading: string, firstColumn: string): Array<Record<string, string>> {
	const glossary = readFileSync('docs/glossary.md', 'utf8');
	const section = glossary.slice(glossary.indexOf(heading));
	const lines = section.split('\n');
	const start = lines.findIndex((l) => l.startsWith(`| ${firstColumn} `));
	const cells = (line: string) =>
		line
			.split('|')
			.slice(1, -1)
			.map((c) => c.trim());
	const header = cells(lines[start]!);
	const rows: Array<Record<string, string>> = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(Object.fromEntries(cells(line).map((c, i) => [header[i]!, c])));
	}
	return rows;
}

describe.each([
	['1.0.0', 'db/models/cx-maturity.json'],
	['1.1.0', 'db/models/cx-maturity-1.1.0.json']
])('model %s in five languages', (_, file) => {
	const all = texts(load(file));

	it('has every text in bg, ru, ro and uk', () => {
		const missing = all.flatMap(([path, text]) =>
			OTHERS.filter((l) => !text[l]?.trim()).map((l) => `${l} ${path}`)
		);
		expect(missing).toEqual([]);
		expect(all.length).toBeGreaterThan(700);
	});

	it('writes each language in its alphabet and spelling', () => {
		const wrong = all.flatMap(([path, text]) => [
			...(['bg', 'ru', 'uk'] as const)
				.filter((l) => !/[\u0400-\u04FF]/.test(text[l] ?? ''))
				.map((l) => `${l} has no Cyrillic: ${path}`),
			...(/[іїєґІЇЄҐ]/.test(text.ru ?? '') ? [`ru has Ukrainian letters: ${path}`] : []),
			...(/[ыэъёЫЭЪЁ]/.test(text.uk ?? '') ? [`uk has Russian letters: ${path}`] : []),
			...(/[şţŞŢ]/.test(text.ro ?? '') ? [`ro has cedilla ş/ţ: ${path}`] : []),
			...(text.ro === text.en && text.en.length > 20 ? [`ro is the English: ${path}`] : [])
		]);
		expect(wrong).toEqual([]);
	});
});

describe('model 1.1.0 in the glossary', () => {
	it('names the stages and the areas as the glossary does', () => {
		const stages = glossaryRows('## 3. The four stages', '#').slice(0, 4);
		for (const stage of model.stages)
			for (const l of LOCALES)
				expect(stage.name[l], `stage ${stage.id} ${l}`).toBe(stages[stage.id - 1]![l]);
		const areas = glossaryRows('## 4. The nine areas', 'id');
		for (const area of model.areas) {
			const row = areas.find((r) => r.id === `\`${area.id}\``);
			expect(row, area.id).toBeDefined();
			for (const l of LOCALES) expect(area.name[l], `${area.id} ${l}`).toBe(row![l]);
		}
	});
});
