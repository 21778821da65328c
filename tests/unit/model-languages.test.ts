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

/**
 * The rows of a glossary section's tables whose first column is `firstColumn`, as { column: cell }:
 * every such table from the section's heading to the next section.
 */
function glossaryRows(heading: string, firstColumn: string): Array<Record<string, string>> {
	const glossary = readFileSync('docs/glossary.md', 'utf8');
	const start = glossary.indexOf(heading);
	const next = glossary.indexOf('\n## ', start + heading.length);
	const lines = glossary.slice(start, next === -1 ? undefined : next).split('\n');
	const cells = (line: string) =>
		line
			.split('|')
			.slice(1, -1)
			.map((c) => c.trim());
	const rows: Array<Record<string, string>> = [];
	let header: string[] | null = null;
	for (const [i, line] of lines.entries()) {
		if (!line.startsWith('|')) header = null;
		else if (line.startsWith(`| ${firstColumn} `) && lines[i + 1]?.startsWith('| ---'))
			header = cells(line);
		else if (header && !line.startsWith('| ---'))
			rows.push(Object.fromEntries(cells(line).map((c, j) => [header![j]!, c])));
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

	it("names the KPIs and the recommendations' owners as the glossary does", () => {
		const kpis = glossaryRows('## 6.', 'id').filter((r) => r.id?.startsWith('`'));
		for (const kpi of model.kpis) {
			const row = kpis.find((r) => r.id === `\`${kpi.id}\``);
			expect(row, kpi.id).toBeDefined();
			for (const l of LOCALES) expect(kpi.name[l], `${kpi.id} ${l}`).toBe(row![l]);
		}
		const owners = glossaryRows('## 9.', 'en');
		const used = new Map(
			model.areas.flatMap((a) => a.recommendations.map((r) => [r.owner.en, r.owner] as const))
		);
		for (const [title, owner] of used) {
			const row = owners.find((r) => r.en === title);
			expect(row, title).toBeDefined();
			for (const l of LOCALES) expect(owner[l], `${title} ${l}`).toBe(row![l]);
		}
	});
});
