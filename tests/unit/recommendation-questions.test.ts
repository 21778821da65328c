/**
 * Each recommendation names the question it moves to its next statement (issue 16, the CX
 * partner's finding 4), so a single low answer in a high-stage area can reach the roadmap.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel, type MaturityModel } from '../../src/lib/domain/model';
import { fixtureModel } from '../support/fixture-model';

function load(path: string): MaturityModel {
	const parsed = parseModel(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.ok) throw new Error(`${path}:\n${parsed.errors.join('\n')}`);
	return parsed.value;
}

const old = load('db/models/cx-maturity.json');
const model = load('db/models/cx-maturity-1.1.0.json');
const recs = model.areas.flatMap((a) => a.recommendations.map((r) => ({ ...r, areaId: a.id })));

/** Questions the law governs: a low answer on them matters whatever the area's stage. */
const REGULATED = [
	'voc-complaints',
	'dt-privacy',
	'jt-accessibility',
	'se-vulnerable',
	'dt-automated-decisions'
];

describe('the question a recommendation moves', () => {
	it('is a question of the same area in 1.1.0', () => {
		for (const area of model.areas) {
			const ids = new Set(area.questions.map((q) => q.id));
			for (const r of area.recommendations)
				if (r.question !== undefined) expect(ids.has(r.question), r.id).toBe(true);
		}
	});

	it('is named by at least 80 % of the 1.1.0 recommendations', () => {
		const linked = recs.filter((r) => r.question !== undefined).length;
		expect(linked / recs.length).toBeGreaterThanOrEqual(0.8);
	});

	it('gives every question a stage-1 and a stage-2 item, regulated ones included', () => {
		const ids = model.areas.flatMap((a) => a.questions.map((q) => q.id));
		for (const id of REGULATED) expect(ids, id).toContain(id);
		const has = (id: string, stage: number) =>
			recs.some((r) => r.question === id && r.stage === stage);
		for (const id of ids) {
			expect(has(id, 1), `${id} from statement 1`).toBe(true);
			expect(has(id, 2), `${id} from statement 2`).toBe(true);
		}
	});

	it('gives every question an item for each step up to statement 4 (docs/model.md section 9)', () => {
		const missing = model.areas.flatMap((a) =>
			a.questions.flatMap((q) =>
				[1, 2, 3]
					.filter((stage) => !recs.some((r) => r.question === q.id && r.stage === stage))
					.map((stage) => `${q.id} from statement ${stage}`)
			)
		);
		expect(missing).toEqual([]);
	});

	it('is absent from 1.0.0, which still validates unchanged', () => {
		expect(old.version).toBe('1.0.0');
		expect(old.areas.flatMap((a) => a.recommendations).some((r) => 'question' in r)).toBe(false);
	});

	it('is kept by the schema, right after the stage', () => {
		const r = model.areas[0]!.recommendations[0]!;
		expect(Object.keys(r).slice(0, 3)).toEqual(['id', 'stage', 'question']);
	});
});

describe('the schema check of a recommendation question', () => {
	const withQuestion = (area: number, question: string) => {
		const m = fixtureModel();
		(m.areas[area]!.recommendations[0] as { question?: string }).question = question;
		return parseModel(m);
	};

	it('accepts a question of the same area, and no question at all', () => {
		expect(withQuestion(1, 'b2').ok).toBe(true);
		expect(parseModel(fixtureModel()).ok).toBe(true);
	});

	it('rejects a question of another area, naming the path and both areas', () => {
		const r = withQuestion(0, 'b1');
		expect(r.ok ? [] : r.errors).toContain(
			'areas[0].recommendations[0].question: question "b1" belongs to area "beta", not "alpha"'
		);
	});

	it('rejects an unknown question and an id that is not kebab-case', () => {
		const unknown = withQuestion(2, 'zz-missing');
		expect(unknown.ok ? [] : unknown.errors).toContain(
			'areas[2].recommendations[0].question: unknown question "zz-missing" in area "gamma"'
		);
		const bad = withQuestion(2, 'Not An Id');
		expect(bad.ok ? '' : bad.errors.join('\n')).toMatch(
			/areas\[2\]\.recommendations\[0\]\.question: must be kebab-case/
		);
	});
});
