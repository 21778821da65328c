import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	AIM,
	STAGE_RULES,
	answerAgreement,
	answerMix,
	checkRaterAnswers,
	countWords,
	intendedSchema,
	kitCoverage,
	meetsStageAim,
	profileNotes,
	rateAnswers,
	raterAnswersSchema,
	raterPairs,
	ruleFigures,
	stageRule,
	worstQuestions,
	type CalibrationModel,
	type Intended,
	type RaterAnswers,
	type StageRuleId
} from '../../src/lib/domain/calibration';
import type { StageId } from '../../src/lib/domain/model';
import { parseModel } from '../../src/lib/domain/model';
import { scoreResponse } from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';
import { parseArgs } from '../../scripts/calibrate';

describe('stage rules', () => {
	// levels given in an area -> floor, round half up, upper median, floor gated, round gated, round at .6
	const table: Array<[StageId[], (StageId | null)[]]> = [
		[[], [null, null, null, null, null, null]],
		[[2], [2, 2, 2, 2, 2, 2]],
		[
			[1, 1, 1],
			[1, 1, 1, 1, 1, 1]
		],
		[
			[4, 4, 4, 4],
			[4, 4, 4, 4, 4, 4]
		],
		[
			[3, 3, 3, 2],
			[2, 3, 3, 2, 3, 3]
		], // 2.75: the issue's example
		[
			[2, 3],
			[2, 3, 3, 2, 3, 2]
		], // 2.5
		[
			[1, 2, 3, 4],
			[2, 3, 3, 2, 2, 2]
		], // 2.5, lowest 1 gates to 2
		[
			[4, 4, 4, 1],
			[3, 3, 4, 2, 2, 3]
		], // 3.25: one stage-1 answer among stage 4s
		[
			[3, 3, 2, 2, 3],
			[2, 3, 3, 2, 3, 3]
		], // 2.6 exactly (13 / 5): .6 rounds up
		[
			[2, 2, 2, 3, 3],
			[2, 2, 2, 2, 2, 2]
		], // 2.4
		[
			[4, 4, 4, 4, 1],
			[3, 3, 4, 2, 2, 3]
		], // 3.4
		[
			[4, 4, 2],
			[3, 3, 4, 3, 3, 3]
		] // 3.33, lowest 2 gates to 3
	];
	const ids: StageRuleId[] = [
		'floor',
		'round-half-up',
		'upper-median',
		'floor-gated',
		'round-gated',
		'round-at-0.6'
	];

	it('are the six rules, in print order', () => {
		expect(STAGE_RULES.map((r) => r.id)).toEqual(ids);
	});

	ids.forEach((id, column) => {
		it.each(table.map(([levels, stages]) => [levels, stages[column]] as const))(
			`${id}: %j gives %s`,
			(levels, expected) => {
				expect(stageRule(id).stage(levels)).toBe(expected);
			}
		);
	});

	it('rule (a) is the app rule: the stage scoreResponse gives', () => {
		const model = fixtureModel();
		const answers = { a1: 2, a2: 3, b1: 4, b2: 3, b3: null, c1: 1 } as const;
		const app = scoreResponse(model, { answers, targets: {} });
		const rated = rateAnswers(model, {
			profile: 'p',
			rater: 'a',
			model: model.version,
			answers: { a1: 2, a2: 3, b1: 4, b2: 3, b3: 'dont-know', c1: 1 }
		});
		expect(rated.areas.map((a) => [a.mean, a.stages.floor])).toEqual(
			app.areas.map((a) => [a.mean, a.stage])
		);
		expect(rated.overallMean).toBeCloseTo(app.overall.mean ?? NaN, 12);
	});
});

// A tiny kit: area x (weight 1: q1, q2) and area y (weight 2: q3); profile p rated by a and b,
// profile q by a only.
const tiny: CalibrationModel = {
	version: '1.1.0',
	areas: [
		{ id: 'x', weight: 1, questions: [{ id: 'q1' }, { id: 'q2' }] },
		{ id: 'y', weight: 2, questions: [{ id: 'q3' }] }
	]
};
const file = (profile: string, rater: 'a' | 'b', answers: RaterAnswers['answers']) => ({
	profile,
	rater,
	model: '1.1.0',
	answers
});
const files: RaterAnswers[] = [
	file('p', 'a', { q1: 3, q2: 2, q3: 2 }),
	file('p', 'b', { q1: 3, q2: 3, q3: 'dont-know' }),
	file('q', 'a', { q1: 2, q2: 'not-applicable', q3: 3 })
];
const why = 'A sentence that explains the stage.';
const intended: Intended = {
	p: { x: { stage: 3, why }, y: { stage: 2, why } },
	q: { x: { stage: 1, why }, y: { stage: 4, why } }
};
const rated = files.map((f) => rateAnswers(tiny, f));

describe('scoring one answer file', () => {
	it('leaves out "dont-know" and "not-applicable", and weights the overall mean', () => {
		const [pa, pb, qa] = rated;
		expect(pa!.areas.map((a) => a.mean)).toEqual([2.5, 2]);
		expect(pa!.overallMean).toBeCloseTo((2.5 * 1 + 2 * 2) / 3, 12);
		expect(pb!.areas[1]).toMatchObject({ levels: [], dontKnow: 1, mean: null });
		expect(pb!.areas[1]!.stages.floor).toBeNull();
		expect(qa!.areas[0]).toMatchObject({ levels: [2], notApplicable: 1, mean: 2 });
	});

	it('counts questions a file leaves out as missing', () => {
		expect(rateAnswers(tiny, file('p', 'a', { q1: 4 })).areas.map((a) => a.missing)).toEqual([
			1, 1
		]);
	});
});

describe('figures on the tiny kit', () => {
	it('rule (a): exact, within one, signed error per area, rater agreement', () => {
		const f = ruleFigures(tiny, rated, intended, 'floor');
		// p.a x 2/3, y 2/2; p.b x 3/3, y none; q.a x 2/1, y 3/4
		expect(f.exact).toEqual({ count: 2, of: 6, share: 2 / 6 });
		expect(f.withinOne).toEqual({ count: 5, of: 6, share: 5 / 6 });
		expect(f.noStage).toBe(1);
		expect(f.signedError).toBeCloseTo(-0.2, 12);
		expect(f.signedErrorByArea.x).toBeCloseTo(0, 12);
		expect(f.signedErrorByArea.y).toBeCloseTo(-0.5, 12);
		expect(f.raterAgreement).toEqual({ count: 0, of: 2, share: 0 });
	});

	it('rule (b) on the same answers', () => {
		const f = ruleFigures(tiny, rated, intended, 'round-half-up');
		expect(f.exact.count).toBe(3);
		expect(f.withinOne.count).toBe(5);
		expect(f.signedError).toBeCloseTo(0, 12);
		expect(f.signedErrorByArea.x).toBeCloseTo(1 / 3, 12);
		expect(f.signedErrorByArea.y).toBeCloseTo(-0.5, 12);
		expect(f.raterAgreement).toEqual({ count: 1, of: 2, share: 0.5 });
	});

	it('pairs only profiles rated by both a and b', () => {
		expect(raterPairs(files).map((p) => p.profile)).toEqual(['p']);
	});

	it('per-question agreement counts "dont-know" as an answer and lists the worst questions', () => {
		const agreement = answerAgreement(tiny, files);
		expect(agreement.overall).toEqual({ count: 1, of: 3, share: 1 / 3 });
		expect(agreement.byQuestion.map((q) => [q.questionId, q.agreed.count, q.agreed.of])).toEqual([
			['q1', 1, 1],
			['q2', 0, 1],
			['q3', 0, 1]
		]);
		expect(worstQuestions(agreement).map((q) => q.questionId)).toEqual(['q2', 'q3']);
	});

	it('answer mix: levels, "don\'t know", "not applicable", missing', () => {
		expect(answerMix(tiny, files)).toEqual({
			questions: 9,
			levels: 7,
			dontKnow: { count: 1, of: 9, share: 1 / 9 },
			notApplicable: { count: 1, of: 9, share: 1 / 9 },
			missing: 0
		});
	});

	it('the aim needs exact, within one and every area within ±0.15', () => {
		const f = ruleFigures(tiny, rated, intended, 'round-half-up');
		expect(meetsStageAim(f)).toBe(false);
		const perfect = {
			...f,
			exact: { count: 8, of: 10, share: 0.8 },
			withinOne: { count: 10, of: 10, share: 1 },
			signedErrorByArea: { x: 0.15, y: -0.1 }
		};
		expect(meetsStageAim(perfect)).toBe(true);
		expect(meetsStageAim({ ...perfect, signedErrorByArea: { x: 0.2, y: 0 } })).toBe(false);
		expect(meetsStageAim({ ...perfect, exact: { count: 7, of: 10, share: 0.7 } })).toBe(false);
		expect(AIM.exact).toBe(0.75);
	});
});

describe('answer files', () => {
	it('accept levels, dont-know and not-applicable only', () => {
		expect(raterAnswersSchema.safeParse(files[0]).success).toBe(true);
		expect(raterAnswersSchema.safeParse(file('p', 'a', { q1: 5 as StageId })).success).toBe(false);
		expect(
			raterAnswersSchema.safeParse({ ...files[0], answers: { q1: "don't know" } }).success
		).toBe(false);
		expect(raterAnswersSchema.safeParse({ ...files[0], rater: 'c' }).success).toBe(false);
		expect(raterAnswersSchema.safeParse({ ...files[0], extra: 1 }).success).toBe(false);
	});

	it('name unknown questions and another model version', () => {
		expect(checkRaterAnswers(tiny, files[0]!)).toEqual([]);
		expect(checkRaterAnswers(tiny, { ...file('p', 'a', { q9: 1 }), model: '1.0.0' })).toEqual([
			'answers are for model 1.0.0, not 1.1.0',
			'unknown question "q9"'
		]);
	});
});

describe('kit checks', () => {
	it('count the words a rater reads, without the closing comment', () => {
		const md = '# Acme: notes\n\nIt has 40 staff — and a CRM.\n\n<!-- Seeds: 001, 003 -->\n';
		expect(profileNotes(md)).toBe('# Acme: notes\n\nIt has 40 staff — and a CRM.');
		expect(countWords(md)).toBe(9);
	});

	it('report missing areas, thin stages and flat profiles', () => {
		const flat: Intended = {
			p: { x: { stage: 2, why }, y: { stage: 2, why } }
		};
		const { byArea, problems } = kitCoverage(flat, ['x', 'y'], ['p', 'r'], 1, 2);
		expect(byArea.x).toEqual([0, 1, 0, 0]);
		expect(problems).toEqual([
			'r: no intended stages',
			'p: spans 1 stages, needs at least 2',
			'x: stage 1 intended 0 times, needs at least 1',
			'x: stage 3 intended 0 times, needs at least 1',
			'x: stage 4 intended 0 times, needs at least 1',
			'y: stage 1 intended 0 times, needs at least 1',
			'y: stage 3 intended 0 times, needs at least 1',
			'y: stage 4 intended 0 times, needs at least 1'
		]);
	});
});

const model = parseModel(JSON.parse(readFileSync('db/models/cx-maturity.json', 'utf8')));
if (!model.ok) throw new Error(model.errors.join('\n'));
const areaIds = model.value.areas.map((a) => a.id);

/** A kit directory's profiles (slug and text) and its parsed intended stages. */
function readKit(dir: string) {
	const slugs = readdirSync(`${dir}/profiles`)
		.filter((n) => n.endsWith('.md'))
		.map((n) => n.slice(0, -3))
		.sort();
	const profiles = slugs.map((slug) => ({
		slug,
		text: readFileSync(`${dir}/profiles/${slug}.md`, 'utf8')
	}));
	const intended = intendedSchema.safeParse(
		JSON.parse(readFileSync(`${dir}/intended.json`, 'utf8'))
	);
	return { slugs, profiles, intended };
}

/** The checks every kit's profiles pass: length, seed comment, no word that gives a stage away. */
function profileChecks(profiles: { slug: string; text: string }[]) {
	it.each(profiles)('$slug is 350-600 words of notes', ({ text }) => {
		const words = countWords(text);
		expect(words).toBeGreaterThanOrEqual(350);
		expect(words).toBeLessThanOrEqual(600);
	});

	it.each(profiles)('$slug names its seed practices and gives no stage away', ({ text }) => {
		expect(text).toMatch(/<!--\s*Seed practices drawn on:[\s\S]+-->\s*$/);
		expect(profileNotes(text)).not.toMatch(
			/matur|advanced|basic|stage|find and fix|reform and modernise|raise the bar|stand out/i
		);
	});
}

const kit = readKit('tests/calibration');

describe('the calibration kit in tests/calibration', () => {
	const { slugs, profiles, intended } = kit;

	it('has at least eight profiles, a bank, a telecom and a utility among them', () => {
		expect(slugs.length).toBeGreaterThanOrEqual(8);
		expect(slugs).toEqual(
			expect.arrayContaining(['retail-bank', 'mobile-telecom', 'energy-utility'])
		);
	});

	it('intends a stage 1-4 with a reason for every profile and area, every stage at least twice per area', () => {
		expect(intended.success).toBe(true);
		const coverage = kitCoverage(intended.data ?? {}, areaIds, slugs, 2, 3);
		expect(coverage.problems).toEqual([]);
		for (const counts of Object.values(coverage.byArea))
			expect(counts.every((n) => n >= 2)).toBe(true);
	});

	profileChecks(profiles);
});

/**
 * The holdout kits, oldest first. Each is checked against the tuning kit and every holdout before it:
 * no shared profile, no shared sentence of notes. `perStage` is how often every stage must be
 * intended across the kit, `stage4` how often stage 4 at least (the later kits were written to
 * reach the top more often).
 */
const holdouts: Array<{ dir: string; slugs: string[]; perStage: number; stage4?: number }> = [
	{
		dir: 'holdout',
		slugs: ['pharmacy-chain', 'transport-operator', 'water-utility'],
		perStage: 1
	},
	{
		dir: 'holdout3',
		slugs: ['cable-broadband', 'car-dealer', 'consumer-lender', 'language-schools'],
		perStage: 1
	},
	{
		dir: 'holdout4',
		slugs: ['district-heating', 'pension-fund', 'regional-airline', 'veterinary-clinics'],
		perStage: 1
	},
	{
		dir: 'holdout5',
		slugs: ['credit-union', 'gas-distributor', 'parcel-delivery', 'student-services'],
		perStage: 2,
		stage4: 6
	},
	{
		dir: 'holdout6',
		slugs: ['dental-clinics', 'fitness-clubs', 'grocery-chain', 'property-management'],
		perStage: 2,
		stage4: 6
	},
	{
		dir: 'holdout7',
		slugs: ['cloud-hosting', 'furniture-direct', 'motorway-tolls', 'optician-chain'],
		perStage: 2,
		stage4: 6
	},
	{
		dir: 'holdout8',
		slugs: ['cooperative-bank', 'industrial-supplier', 'mobile-operator-uz', 'water-heat-utility'],
		perStage: 2,
		stage4: 6
	},
	{
		dir: 'holdout9',
		slugs: ['fibre-provider', 'motor-insurer', 'power-distributor', 'savings-bank'],
		perStage: 2,
		stage4: 6
	},
	{
		dir: 'holdout10',
		slugs: ['cable-operator', 'gas-supplier', 'health-insurer', 'microfinance-lender'],
		perStage: 2,
		stage4: 6
	}
];

const holdoutKits = holdouts.map((h) => readKit(`tests/calibration/${h.dir}`));

for (const [i, { dir, slugs: expected, perStage: least, stage4 }] of holdouts.entries()) {
	describe(`the holdout kit in tests/calibration/${dir}`, () => {
		const { slugs, profiles, intended } = holdoutKits[i]!;
		const before = [kit, ...holdoutKits.slice(0, i)];

		it(`has ${expected.length} profiles, none of them a profile of the tuning kit or an earlier holdout`, () => {
			expect(slugs).toEqual(expected);
			const seen = before.flatMap((k) => k.slugs);
			expect(slugs.filter((s) => seen.includes(s))).toEqual([]);
		});

		it(`intends a stage 1-4 with a reason for every profile and area; each profile spans three stages, the kit every stage at least ${least} times${stage4 ? `, stage 4 at least ${stage4} times` : ''}`, () => {
			expect(intended.success).toBe(true);
			const coverage = kitCoverage(intended.data ?? {}, areaIds, slugs, 0, 3);
			expect(coverage.problems).toEqual([]);
			const perStage = [0, 1, 2, 3].map((stage) =>
				Object.values(coverage.byArea).reduce((sum, counts) => sum + counts[stage]!, 0)
			);
			expect(perStage.every((n) => n >= least)).toBe(true);
			if (stage4 !== undefined) expect(perStage[3]).toBeGreaterThanOrEqual(stage4);
		});

		it('shares no sentence of notes with the tuning kit or an earlier holdout', () => {
			const sentences = (text: string) =>
				profileNotes(text)
					.split(/(?<=[.!?])\s+/)
					.filter((s) => s.split(/\s+/).length >= 6);
			const seen = new Set(before.flatMap((k) => k.profiles.flatMap((p) => sentences(p.text))));
			for (const p of profiles) expect(sentences(p.text).filter((s) => seen.has(s))).toEqual([]);
		});

		profileChecks(profiles);
	});
}

describe('npm run calibrate: its arguments', () => {
	it('scores tests/calibration unless --kit names another kit', () => {
		expect(parseArgs([])).toEqual({
			kit: 'tests/calibration',
			answers: 'tests/calibration/answers',
			intended: 'tests/calibration/intended.json',
			detail: false
		});
		expect(parseArgs(['--kit', 'tests/calibration/holdout/', '--detail'])).toEqual({
			kit: 'tests/calibration/holdout/',
			answers: 'tests/calibration/holdout/answers',
			intended: 'tests/calibration/holdout/intended.json',
			detail: true
		});
	});

	it('lets --answers, --intended and --model override the kit, in any order', () => {
		expect(
			parseArgs([
				'--answers',
				'old/round4',
				'--kit',
				'k',
				'--model',
				'1.1.0',
				'--intended',
				'i.json'
			])
		).toEqual({
			kit: 'k',
			model: '1.1.0',
			answers: 'old/round4',
			intended: 'i.json',
			detail: false
		});
		expect(parseArgs(['--kit', 'k', '--answers', 'a']).intended).toBe('k/intended.json');
	});

	it('refuses unknown arguments and options without a value', () => {
		expect(() => parseArgs(['--holdout'])).toThrow(
			/unknown argument --holdout\nusage:.*--kit <dir>/
		);
		expect(() => parseArgs(['--kit'])).toThrow('--kit needs a value');
		expect(() => parseArgs(['--kit', '--detail'])).toThrow('--kit needs a value');
	});
});
