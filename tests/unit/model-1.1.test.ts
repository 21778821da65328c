import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	HORIZONS,
	listQuestions,
	parseModel,
	type ChangelogEntry,
	type MaturityModel
} from '../../src/lib/domain/model';
import { groupByHorizon, planRoadmap } from '../../src/lib/domain/roadmap';
import { fixtureModel } from '../support/fixture-model';

const V100 = 'db/models/cx-maturity.json';
const V110 = 'db/models/cx-maturity-1.1.0.json';
/**
 * Rounds pinned to 1.0.0 keep their meaning only if its English never changes: the file with its
 * translations (bg, ru, ro, uk) left out is, byte for byte, the file as 1.0.0 shipped.
 */
const V100_SHA256 = '0daddcd465246e849e1af1d46628eae89e291868b364c5238a648e1c53d9c85c';
const TRANSLATIONS = ['bg', 'ru', 'ro', 'uk'];
const withoutTranslations = (node: unknown): unknown => {
	if (Array.isArray(node)) return node.map(withoutTranslations);
	if (!node || typeof node !== 'object') return node;
	const isText = typeof (node as { en?: unknown }).en === 'string';
	return Object.fromEntries(
		Object.entries(node)
			.filter(([key]) => !(isText && TRANSLATIONS.includes(key)))
			.map(([key, value]) => [key, withoutTranslations(value)])
	);
};

const SEEDS = [
	'000_e6c232c06ae033e5.txt',
	'001_9567f1623b447e1b.txt',
	'002_3010985047ff8237.txt',
	'003_8afd306b47c270ac.txt',
	'004_3c6778b5c161b4cd.txt'
];
/** Roles that exist in a bank, a telecom or a utility whatever its CX maturity. */
const OWNERS = [
	'Chair of the supervisory board',
	'Chief executive',
	'Head of customer service',
	'Head of marketing',
	'Head of sales',
	'Head of digital',
	'Head of product',
	'Operations director',
	'Head of billing',
	'Finance director',
	'HR director',
	'IT director',
	'Data protection officer',
	'Head of compliance',
	'Head of credit and risk'
];

function load(path: string): MaturityModel {
	const parsed = parseModel(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.ok) throw new Error(`${path}:\n${parsed.errors.join('\n')}`);
	return parsed.value;
}

const old = load(V100);
const model = load(V110);
const questions = listQuestions(model);
const recs = model.areas.flatMap((a) => a.recommendations.map((r) => ({ ...r, areaId: a.id })));
const changelog: ChangelogEntry[] = model.changelog ?? [];
const entry = (kind: ChangelogEntry['kind'], id: string) =>
	changelog.filter((e) => e.kind === kind && e.id === id);

describe('model 1.1.0', () => {
	it('passes the schema as a new version of the same model, and 1.0.0 is untouched', () => {
		expect(model.id).toBe(old.id);
		expect(model.version).toBe('1.1.0');
		expect(old.version).toBe('1.0.0');
		const english = `${JSON.stringify(withoutTranslations(JSON.parse(readFileSync(V100, 'utf8'))), null, '\t')}\n`;
		expect(createHash('sha256').update(english).digest('hex')).toBe(V100_SHA256);
	});

	it('keeps the nine areas and their ids, with at most 12 questions each and 45-55 in all', () => {
		expect(model.areas.map((a) => a.id)).toEqual(old.areas.map((a) => a.id));
		for (const area of model.areas) {
			expect(area.questions.length, area.id).toBeGreaterThanOrEqual(4);
			expect(area.questions.length, area.id).toBeLessThanOrEqual(12);
			expect(
				area.sources.some((s) => SEEDS.includes(s)),
				area.id
			).toBe(true);
		}
		expect(questions.length).toBeGreaterThanOrEqual(45);
		expect(questions.length).toBeLessThanOrEqual(55);
	});

	it('states its answering rule and the Forrester mapping of the stages', () => {
		expect(model.answeringRule?.en).toMatch(/not applicable/);
		expect(model.description.en).toMatch(/Forrester/);
		for (const word of ['Repair', 'Elevate', 'Optimize', 'Differentiate'])
			expect(model.description.en).toContain(word);
		expect(model.stages.map((s) => s.name.en)).toEqual(old.stages.map((s) => s.name.en));
	});

	it('answers by best fit, not by a strict ladder', () => {
		const rule = model.answeringRule?.en ?? '';
		expect(rule).toMatch(/best describes what the organisation normally does today/);
		expect(rule).toMatch(/clearly does what a higher statement describes, choose it/);
		expect(rule).toMatch(/between two statements, choose the lower/);
		expect(rule).toMatch(/"don't know" only if you have no information on the topic at all/);
		expect(rule).not.toMatch(/go up|stop at the first|not fully true/i);
	});

	it('has no statement with a "whenever", an "every manager" or a "past year" window', () => {
		for (const q of questions)
			for (const level of q.levels)
				expect(level.en, q.id).not.toMatch(/\bwhenever\b|\bevery manager\b|\bin the past year\b/i);
	});

	it('has a hint on every question and a reason wherever "not applicable" is offered', () => {
		for (const q of questions) {
			expect(q.hint?.en.length ?? 0, q.id).toBeGreaterThan(20);
			if (q.notApplicable) expect(q.notApplicableHint?.en, q.id).toMatch(/not applicable/);
		}
		expect(questions.filter((q) => q.notApplicable).length).toBeGreaterThanOrEqual(3);
	});

	it('has four distinct, standalone statements per question', () => {
		const chained = /^(on top of|beyond|in addition|as well as|besides|also)\b/i;
		const leaning = /\b(on top of|in addition to|as well as|beyond that|also)\b/i;
		for (const q of questions) {
			expect(new Set(q.levels.map((l) => l.en)).size, q.id).toBe(4);
			for (const level of q.levels) {
				expect(level.en.length, q.id).toBeGreaterThan(40);
				expect(level.en, q.id).not.toMatch(chained);
				expect(level.en, q.id).not.toMatch(leaning);
			}
		}
	});

	it('uses every id once', () => {
		const ids = [
			...model.areas.map((a) => a.id),
			...questions.map((q) => q.id),
			...recs.map((r) => r.id),
			...model.kpis.map((k) => k.id)
		];
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('uses every KPI in a recommendation or a scorecard', () => {
		const used = new Set([...recs.map((r) => r.kpi), ...model.areas.map((a) => a.scorecard.kpi)]);
		for (const kpi of model.kpis) expect(used.has(kpi.id), kpi.id).toBe(true);
		for (const id of ['customer-lifetime-value', 'contacts-per-customer', 'enps'])
			expect(used.has(id), id).toBe(true);
		expect(model.kpis.find((k) => k.id === 'emotion-index')?.name.en).toMatch(/experimental/i);
	});

	it('gives every recommendation an owner that exists at that stage, and real 1-3 impact', () => {
		for (const r of recs) {
			expect(OWNERS, r.id).toContain(r.owner.en);
			expect(r.action.en, r.id).toMatch(/Done when /);
			expect(HORIZONS, r.id).toContain(r.horizon);
		}
		for (const owner of ['Head of compliance', 'Data protection officer', 'Head of billing'])
			expect(
				recs.some((r) => r.owner.en === owner),
				owner
			).toBe(true);
		const ones = recs.filter((r) => r.impact === 1).length;
		expect(ones / recs.length).toBeGreaterThan(0.2);
		const small = recs.filter((r) => r.effort === 'S');
		expect(small.filter((r) => r.impact >= 2).length).toBeLessThan(small.length);
		for (const area of model.areas)
			for (const stage of [1, 2, 3, 4])
				expect(
					area.recommendations.filter((r) => r.stage === stage).length,
					`${area.id} stage ${stage}`
				).toBeGreaterThanOrEqual(3);
	});

	it('lists every added, removed and changed question, recommendation, KPI and scorecard', () => {
		const oldQuestions = new Set(listQuestions(old).map((q) => q.id));
		const newQuestions = new Set(questions.map((q) => q.id));
		for (const id of newQuestions) {
			const expected = oldQuestions.has(id) ? 'reworded' : 'added';
			expect(
				entry('question', id).map((e) => e.change),
				id
			).toEqual([expected]);
		}
		for (const id of oldQuestions)
			if (!newQuestions.has(id))
				expect(
					entry('question', id).map((e) => e.change),
					id
				).toEqual(['removed']);

		const oldRecs = new Map(old.areas.flatMap((a) => a.recommendations.map((r) => [r.id, r])));
		for (const r of recs) {
			const before = oldRecs.get(r.id);
			const changes = entry('recommendation', r.id).map((e) => e.change);
			if (!before) expect(changes, r.id).toEqual(['added']);
			else {
				// `question` is new in 1.1.0 (no 1.0.0 item has one), so it is no change of the item.
				const { areaId: _areaId, question: _question, ...after } = r;
				if (JSON.stringify(before) !== JSON.stringify(after))
					expect(changes, r.id).toEqual(['changed']);
			}
		}
		for (const id of oldRecs.keys())
			if (!recs.some((r) => r.id === id))
				expect(
					entry('recommendation', id).map((e) => e.change),
					id
				).toEqual(['removed']);

		const oldKpis = new Set(old.kpis.map((k) => k.id));
		for (const k of model.kpis)
			if (!oldKpis.has(k.id))
				expect(
					entry('kpi', k.id).map((e) => e.change),
					k.id
				).toEqual(['added']);
		for (const id of oldKpis)
			if (!model.kpis.some((k) => k.id === id))
				expect(
					entry('kpi', id).map((e) => e.change),
					id
				).toEqual(['removed']);
		for (const area of model.areas) expect(entry('scorecard', area.id), area.id).toHaveLength(1);

		// A question added in an earlier 1.1.0 draft and later split (dt-automation) is listed as
		// removed, is gone from the model, and may be named in `replaces`.
		const withdrawn = changelog
			.filter((e) => e.kind === 'question' && e.change === 'removed' && !oldQuestions.has(e.id))
			.map((e) => e.id);
		for (const id of withdrawn) expect(newQuestions.has(id), id).toBe(false);
		const replaced = changelog.flatMap((e) => e.replaces ?? []);
		const known = new Set([...oldQuestions, ...oldRecs.keys(), ...oldKpis, ...withdrawn]);
		for (const id of replaced) expect(known.has(id), id).toBe(true);
	});

	it('keeps a 1.0.0 question id only when the changelog says its statements mean the same', () => {
		const kept = questions.filter((q) => listQuestions(old).some((o) => o.id === q.id));
		expect(kept.map((q) => q.id)).toEqual(
			changelog.filter((e) => e.kind === 'question' && e.change === 'reworded').map((e) => e.id)
		);
	});

	it('groups every roadmap item under its horizon, 180 and 365 days included', () => {
		const plan = planRoadmap(
			model,
			model.areas.map((a, i) => ({ areaId: a.id, stage: ((i % 4) + 1) as 1 | 2 | 3 | 4, gap: 1 }))
		);
		const groups = groupByHorizon(plan.items);
		expect(Object.keys(groups).map(Number)).toEqual([...HORIZONS]);
		expect(HORIZONS.reduce((n, h) => n + groups[h].length, 0)).toBe(plan.items.length);
		expect(recs.some((r) => r.horizon === 180) && recs.some((r) => r.horizon === 365)).toBe(true);
	});
});

describe('the schema additions of 1.1.0', () => {
	const withQuestion = (patch: Record<string, unknown>) => {
		const m = fixtureModel();
		Object.assign(m.areas[0]!.questions[0]!, patch);
		return m;
	};

	it('accepts a question that offers "not applicable" with a hint, and 1.0.0 without either', () => {
		expect(
			parseModel(withQuestion({ notApplicable: true, notApplicableHint: { en: 'If B2B only.' } }))
				.ok
		).toBe(true);
		expect(parseModel(fixtureModel()).ok).toBe(true);
	});

	it('rejects "not applicable" without a hint, and a hint without "not applicable"', () => {
		const a = parseModel(withQuestion({ notApplicable: true }));
		expect(a.ok ? [] : a.errors).toContain(
			'areas[0].questions[0].notApplicableHint: must say when "not applicable" fits, since the question offers it'
		);
		const b = parseModel(withQuestion({ notApplicableHint: { en: 'When?' } }));
		expect(b.ok).toBe(false);
	});

	it('accepts 180- and 365-day horizons and nothing in between', () => {
		for (const horizon of [180, 365]) {
			const m = fixtureModel();
			(m.areas[0]!.recommendations[0] as { horizon: number }).horizon = horizon;
			expect(parseModel(m).ok, String(horizon)).toBe(true);
		}
		const m = fixtureModel();
		(m.areas[0]!.recommendations[0] as { horizon: number }).horizon = 120;
		const r = parseModel(m);
		expect(r.ok ? [] : r.errors.join('\n')).toMatch(/areas\[0\]\.recommendations\[0\]\.horizon/);
	});

	it('checks changelog entries and the answering rule', () => {
		const m = {
			...fixtureModel(),
			answeringRule: { en: 'Pick the highest statement that is fully true.' },
			changelog: [{ id: 'a1', kind: 'question', change: 'added', reason: 'New.' }]
		};
		expect(parseModel(m).ok).toBe(true);
		const bad = { ...m, changelog: [{ id: 'a1', kind: 'question', change: 'moved', reason: 'x' }] };
		const r = parseModel(bad);
		expect(r.ok ? '' : r.errors.join('\n')).toMatch(/changelog\[0\]\.change/);
	});
});
