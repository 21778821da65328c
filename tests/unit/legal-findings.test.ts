/**
 * Legal floors (issue 16; docs/model.md section 10, docs/scoring.md rule 24b): the schema of a
 * question's `legalFloor`, which answers are below it (one person's level, a team's median, a
 * workshop's agreed level), the roadmap that puts the items reaching the minimum first, what the
 * pages show and the compliance export. Fixture model: alpha (a1, a2), beta (b1, b2, b3), gamma
 * (c1), each area with a quick (S, impact 2) and a big (L, impact 3) item per stage.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupVisibility } from '../../src/lib/domain/anonymity';
import { complianceExport, type ComplianceExportLabels } from '../../src/lib/domain/exports';
import {
	floorsFor,
	legalCheck,
	legalCheckView,
	legalFindings,
	teamLegalAnswers,
	type LegalAnswers
} from '../../src/lib/domain/legal-findings';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import { personalResults, roundResults } from '../../src/lib/domain/results';
import { resultsView } from '../../src/lib/domain/results-view';
import { planRoadmap, type AreaPosition } from '../../src/lib/domain/roadmap';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { NOT_APPLICABLE, type ResponseInput } from '../../src/lib/domain/scoring';
import { isSector, SECTORS, toSector } from '../../src/lib/domain/sectors';
import { workshopRecordView, type RecordLine } from '../../src/lib/domain/workshop-record';
import { fixtureModel } from '../support/fixture-model';

const rule = { en: 'Complaints Act art. 1', ro: 'Legea reclamațiilor art. 1' };

/**
 * The fixture model with legal floors: b1 floor 2 in banking and insurance, c1 floor 3 in every
 * sector; beta's and gamma's items of stages 1 and 2 are linked to b1 and c1.
 */
function floorModel(): MaturityModel {
	const model = structuredClone(fixtureModel());
	const beta = model.areas[1]!;
	const gamma = model.areas[2]!;
	beta.questions[0]!.legalFloor = {
		sectors: ['banking', 'insurance'],
		level: 2,
		rule,
		finding: { en: 'Every complaint must be logged.' }
	};
	gamma.questions[0]!.legalFloor = { sectors: 'all', level: 3, rule: { en: 'Access Act' } };
	for (const rec of beta.recommendations) if (rec.stage <= 2) rec.question = 'b1';
	for (const rec of gamma.recommendations) if (rec.stage <= 2) rec.question = 'c1';
	return model;
}
const model = floorModel();

describe('the sectors', () => {
	it('are a fixed list ending with "other", each known once', () => {
		expect(SECTORS.at(-1)).toBe('other');
		expect(new Set(SECTORS).size).toBe(SECTORS.length);
		expect(SECTORS).toEqual(expect.arrayContaining(['banking', 'telecoms', 'online-retail']));
		expect(isSector('banking')).toBe(true);
		expect(isSector('Banking')).toBe(false);
		expect(toSector('mining')).toBeNull();
		expect(toSector(null)).toBeNull();
	});
});

describe('a legalFloor in the model schema', () => {
	/** The fixture model with `floor` on question a1, parsed. */
	const parseWith = (floor: unknown) => {
		const data = structuredClone(fixtureModel()) as unknown as {
			areas: Array<{ questions: Array<Record<string, unknown>> }>;
		};
		data.areas[0]!.questions[0]!.legalFloor = floor;
		return parseModel(data);
	};
	const at = 'areas[0].questions[0].legalFloor';

	it.each([
		['a list of sectors', { sectors: ['banking', 'payments'], level: 2, rule }],
		['every sector', { sectors: 'all', level: 4, rule, finding: { en: 'Why' } }]
	])('accepts %s', (_, floor) => {
		const parsed = parseWith(floor);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.value.areas[0]!.questions[0]!.legalFloor).toEqual(floor);
	});

	it.each<[string, unknown, string]>([
		[
			'a level of 1',
			{ sectors: ['banking'], level: 1, rule },
			`${at}.level: must be 2, 3 or 4: the first statement that meets the legal minimum`
		],
		[
			'a level of 5',
			{ sectors: ['banking'], level: 5, rule },
			`${at}.level: must be 2, 3 or 4: the first statement that meets the legal minimum`
		],
		[
			'a level as text',
			{ sectors: ['banking'], level: '2', rule },
			`${at}.level: must be 2, 3 or 4: the first statement that meets the legal minimum`
		],
		[
			'an unknown sector',
			{ sectors: ['banking', 'banks'], level: 2, rule },
			`${at}.sectors[1]: unknown sector "banks": must be one of ${SECTORS.join(', ')}`
		],
		[
			'a sector listed twice',
			{ sectors: ['water', 'water'], level: 2, rule },
			`${at}.sectors[1]: sector "water" is listed twice`
		],
		[
			'no sector',
			{ sectors: [], level: 2, rule },
			`${at}.sectors: must be "all" or a non-empty list of sectors`
		],
		[
			'a word other than "all"',
			{ sectors: 'every', level: 2, rule },
			`${at}.sectors: must be "all" or a non-empty list of sectors`
		],
		[
			'a rule without English',
			{ sectors: 'all', level: 2, rule: { ro: 'Legea' } },
			`${at}.rule.en`
		],
		['no rule', { sectors: 'all', level: 2 }, `${at}.rule`],
		['an unknown key', { sectors: 'all', level: 2, rule, stage: 2 }, `${at}: `]
	])('refuses %s, naming the field', (_, floor, message) => {
		const parsed = parseWith(floor);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.some((e) => e.startsWith(message))).toBe(true);
	});
});

describe('legalFindings: answers below the floor of the sector', () => {
	const levels = (b1: LegalAnswers[string], c1: LegalAnswers[string] = 4): LegalAnswers => ({
		a1: 1,
		b1,
		c1
	});
	it.each<[string, Parameters<typeof legalFindings>[1], LegalAnswers, string[]]>([
		['no sector', null, levels(1, 1), []],
		['a bank answering 1 to b1 (floor 2)', 'banking', levels(1), ['b1@1<2']],
		['a bank answering 2 (the floor itself)', 'banking', levels(2), []],
		['an insurer answering 1', 'insurance', levels(1), ['b1@1<2']],
		['a retailer answering 1 (no floor in retail)', 'retail', levels(1), []],
		['"don\'t know"', 'banking', levels(null), []],
		['"not applicable"', 'banking', levels(NOT_APPLICABLE), []],
		['a question not asked', 'banking', { c1: 4 }, []],
		['a team median of 1.5', 'banking', levels(1.5), ['b1@1<2']],
		['a floor for every sector: 2.5 below 3', 'retail', levels(3, 2.5), ['c1@2<3']],
		['both questions, in model order', 'banking', levels(1, 1), ['b1@1<2', 'c1@1<3']]
	])('%s', (_, sector, answers, expected) => {
		const found = legalFindings(model, sector, answers);
		expect(found.map((f) => `${f.questionId}@${f.answerStage}<${f.floor}`)).toEqual(expected);
	});

	it('carries the law, the finding text, the area and the answer', () => {
		expect(legalFindings(model, 'banking', { b1: 1.5 })).toEqual([
			{
				questionId: 'b1',
				areaId: 'beta',
				level: 1.5,
				answerStage: 1,
				floor: 2,
				rule,
				finding: { en: 'Every complaint must be logged.' }
			}
		]);
	});

	it('lists the floors of a sector, and none for a model without floors', () => {
		expect(floorsFor(model, 'banking').map((f) => f.questionId)).toEqual(['b1', 'c1']);
		expect(floorsFor(model, 'water').map((f) => f.questionId)).toEqual(['c1']);
		expect(floorsFor(fixtureModel(), 'banking')).toEqual([]);
	});
});

describe('legalCheck: findings and questions nobody could answer', () => {
	it('is null without a sector or without a floor in the sector', () => {
		expect(legalCheck(model, null, { b1: 1 })).toBeNull();
		expect(legalCheck(fixtureModel(), 'banking', { b1: 1 })).toBeNull();
	});

	it('names "don\'t know" answers to a floored question as unanswered, not as findings', () => {
		const check = legalCheck(model, 'banking', { b1: null, c1: 1, a1: null });
		expect(check?.findings.map((f) => f.questionId)).toEqual(['c1']);
		expect(check?.unanswered).toEqual([{ questionId: 'b1', areaId: 'beta', rule }]);
	});

	it('has nothing to show when every floored answer meets its floor', () => {
		const check = legalCheck(model, 'banking', { b1: 2, c1: 3 });
		expect(check).toEqual({ sector: 'banking', findings: [], unanswered: [], checks: [] });
		expect(legalCheckView(model, check, 'en')).toBeNull();
	});

	it('reads a team by its median, and "not applicable" only when nobody gave a level', () => {
		const stats = (median: number | null, dontKnow: number, notApplicable: number) =>
			({ questionId: 'q', median, dontKnow, notApplicable }) as Parameters<
				typeof teamLegalAnswers
			>[0][number];
		expect(teamLegalAnswers([stats(1.5, 2, 1)])).toEqual({ q: 1.5 });
		expect(teamLegalAnswers([stats(null, 0, 3)])).toEqual({ q: NOT_APPLICABLE });
		expect(teamLegalAnswers([stats(null, 1, 3)])).toEqual({ q: null });
		expect(teamLegalAnswers([stats(null, 0, 0)])).toEqual({ q: null });
	});
});

describe('the roadmap puts the legal minimum first (rule 24b)', () => {
	const ids = (roadmap: ReturnType<typeof planRoadmap>) =>
		roadmap.items.map((i) => `${i.recommendation.id}${i.legalMinimum ? '!' : ''}`);
	const alpha: AreaPosition = { areaId: 'alpha', stage: 1, gap: 3 };
	const beta: AreaPosition = { areaId: 'beta', stage: 3, gap: 1 };
	const gamma: AreaPosition = { areaId: 'gamma', stage: 2, gap: 1 };
	const below = (questionId: string, answerStage: StageId, floor: 2 | 3 | 4) => ({
		questionId,
		answerStage,
		floor
	});

	it.each<[string, AreaPosition[], ReturnType<typeof below>[], string[]]>([
		[
			'no finding: as before',
			[alpha, beta],
			[],
			['alpha-r1-quick', 'alpha-r1-big', 'beta-r3-quick', 'beta-r3-big']
		],
		[
			'b1 at 1 in an area at stage 3: its stage-1 items first, before a stage-1 area',
			[alpha, beta],
			[below('b1', 1, 2)],
			[
				'beta-r1-quick!',
				'beta-r1-big!',
				'alpha-r1-quick',
				'alpha-r1-big',
				'beta-r3-quick',
				'beta-r3-big'
			]
		],
		[
			'the item is also the area’s (c1 at 2, gamma at stage 2): listed once, marked, first',
			[alpha, gamma],
			[below('c1', 2, 3)],
			['gamma-r2-quick!', 'gamma-r2-big!', 'alpha-r1-quick', 'alpha-r1-big']
		],
		[
			'two findings: lower answer first, then by priority',
			[beta, gamma],
			[below('c1', 2, 3), below('b1', 1, 2)],
			[
				'beta-r1-quick!',
				'beta-r1-big!',
				'gamma-r2-quick!',
				'gamma-r2-big!',
				'beta-r3-quick',
				'beta-r3-big'
			]
		],
		[
			'a question without linked items at the answer’s stage brings nothing',
			[alpha],
			[below('a1', 1, 2)],
			['alpha-r1-quick', 'alpha-r1-big']
		]
	])('%s', (_, positions, legal, expected) => {
		expect(ids(planRoadmap(model, positions, [], legal))).toEqual(expected);
	});

	it('ranks by priority inside the legal items, and says which question and floor', () => {
		// Quick (S, impact 2) has priority 2; big (L, impact 3) has 1: quick first, as rule 26 says.
		const roadmap = planRoadmap(model, [beta], [], [below('b1', 1, 2)]);
		expect(roadmap.items[0]).toMatchObject({
			rank: 1,
			areaStage: 3,
			legalMinimum: { questionId: 'b1', answerStage: 1, floor: 2 }
		});
		expect(roadmap.items.map((i) => i.rank)).toEqual([1, 2, 3, 4]);
	});

	it('keeps rule 24a beside it: a low answer’s item is also marked legal when it reaches the floor', () => {
		const roadmap = planRoadmap(
			model,
			[beta],
			[{ questionId: 'b1', level: 1 }],
			[below('b1', 1, 2)]
		);
		expect(roadmap.items[0]).toMatchObject({
			lowAnswer: { questionId: 'b1', questionStage: 1 },
			legalMinimum: { questionId: 'b1', floor: 2 }
		});
		expect(roadmap.items).toHaveLength(4);
	});
});

describe('one person’s results', () => {
	const input: ResponseInput = {
		answers: { a1: 3, a2: 3, b1: 1, b2: 4, b3: 4, c1: null },
		targets: {}
	};

	it('check the floors of the organisation’s sector and start the roadmap with them', () => {
		const results = personalResults(model, input, undefined, 'banking');
		expect(results.legal?.findings.map((f) => f.questionId)).toEqual(['b1']);
		expect(results.legal?.unanswered.map((u) => u.questionId)).toEqual(['c1']);
		expect(results.roadmap.items[0]?.recommendation.id).toBe('beta-r1-quick');
		expect(results.roadmap.items[0]?.legalMinimum).toEqual({
			questionId: 'b1',
			answerStage: 1,
			floor: 2
		});
	});

	it('show nothing legal without a sector, and rank as before', () => {
		const results = personalResults(model, input);
		expect(results.legal).toBeNull();
		expect(results.roadmap.items.some((i) => i.legalMinimum)).toBe(false);
		expect(resultsView(model, results, 'en').legal).toBeNull();
	});

	it('are shown in the reader’s language with the statement that meets the law', () => {
		const view = resultsView(model, personalResults(model, input, undefined, 'banking'), 'ro');
		expect(view.legal).toEqual({
			sector: 'banking',
			findings: [
				{
					id: 'b1',
					question: 'Question b1?',
					area: 'Area beta',
					level: 1,
					answerStage: 1,
					floor: 2,
					floorStatement: 'b1 two',
					rule: 'Legea reclamațiilor art. 1',
					finding: 'Every complaint must be logged.'
				}
			],
			unanswered: [{ id: 'c1', question: 'Question c1?', area: 'Area gamma', rule: 'Access Act' }],
			checks: []
		});
		const first = view.roadmap[30][0];
		expect(first).toMatchObject({
			id: 'beta-r1-quick',
			legalMinimum: { question: 'Question b1?', floor: 2 }
		});
		expect(view.roadmap[30].filter((i) => i.legalMinimum === null).length).toBeGreaterThan(0);
	});
});

describe('a team’s results (the median of the question)', () => {
	const person = (b1: StageId | null): ResponseInput => ({
		answers: { a1: 3, a2: 3, b1, b2: 3, b3: 3, c1: 4 },
		targets: {}
	});
	const sums = (levels: Array<StageId | null>) => sumResponses(model, levels.map(person));

	it.each<[string, Array<StageId | null>, string[]]>([
		['three of five at 1: median 1, a finding', [1, 1, 1, 3, 4], ['b1']],
		['two of five at 1: median 2, none', [1, 1, 2, 3, 4], []],
		['half at 1, half at 2: median 1.5, a finding', [1, 1, 2, 2], ['b1']],
		['"don\'t know" left out of the median', [1, 1, null, null, 3], ['b1']]
	])('%s', (_, levels, expected) => {
		const results = roundResults(model, sums(levels), undefined, undefined, 'insurance');
		expect(results.legal?.findings.map((f) => f.questionId)).toEqual(expected);
		expect(results.roadmap.items[0]?.legalMinimum !== undefined).toBe(expected.length > 0);
	});

	it('check nothing without a sector', () => {
		expect(roundResults(model, sums([1, 1, 1, 1, 1])).legal).toBeNull();
	});
});

describe('a workshop’s agreed answers', () => {
	const line = (
		questionId: string,
		areaId: string,
		outcome: RecordLine['outcome'],
		level: StageId | null
	): RecordLine => ({
		questionId,
		areaId,
		outcome,
		level,
		reason: null,
		first: { shown: false },
		final: null,
		changedMind: false
	});
	const record = {
		endedAt: '2026-03-01T10:00:00.000Z',
		lines: [line('b1', 'beta', 'agreed', 1), line('c1', 'gamma', 'no-agreement', null)]
	};

	it('are checked by the agreed level; a question without agreement is "not answered"', () => {
		const view = workshopRecordView(model, record, null, 'en', 'banking');
		expect(view.legal?.findings.map((f) => [f.id, f.level, f.floor])).toEqual([['b1', 1, 2]]);
		expect(view.legal?.unanswered.map((u) => u.id)).toEqual(['c1']);
		expect(workshopRecordView(model, record, null, 'en').legal).toBeNull();
	});
});

describe('the compliance export', () => {
	const labels: ComplianceExportLabels = {
		groupType: 'Group type',
		group: 'Group',
		areaId: 'Area id',
		area: 'Area',
		wholeRound: 'Whole round',
		department: 'Department',
		roleLevel: 'Role level',
		combination: 'Department × role level',
		withoutDepartment: 'Without department',
		withoutRoleLevel: 'Without role level',
		sector: 'Sector',
		questionId: 'Question id',
		question: 'Question',
		kind: 'Finding',
		below: 'below the legal minimum',
		unanswered: 'not answered: check with compliance',
		toCheck: 'point of law: check with compliance',
		answer: 'Answer',
		floor: 'Legal minimum',
		rule: 'Law',
		check: 'What to check',
		consensus: 'Workshop consensus'
	};
	const respond = (departmentId: string, b1: StageId) => ({
		...{ answers: { a1: 3, a2: 3, b1, b2: 3, b3: 3, c1: 3 } as ResponseInput['answers'] },
		targets: {},
		departmentId,
		roleLevelId: null
	});
	// b1 answered 1 by "low" (6 people) and "tiny" (2), 3 by "ok" (6) and "small" (3): the whole
	// round's median is 3; "tiny" and "small" are hidden (under 5), together they reach 5.
	const responses = [
		...Array.from({ length: 6 }, () => respond('low', 1)),
		...Array.from({ length: 6 }, () => respond('ok', 3)),
		...Array.from({ length: 2 }, () => respond('tiny', 1)),
		...Array.from({ length: 3 }, () => respond('small', 3))
	];
	const sums = sumResponses(model, responses);
	const run = (record: Parameters<typeof complianceExport>[3]['record'] = null, threshold = 5) =>
		complianceExport(model, sums, groupVisibility(sums, threshold), {
			round: { name: 'Spring', threshold },
			sector: 'banking',
			sectorName: 'Banking',
			departmentNames: new Map([
				['low', 'Branches'],
				['ok', 'Online'],
				['tiny', 'Legal'],
				['small', 'Audit']
			]),
			roleLevelNames: new Map(),
			record,
			locale: 'en',
			labels
		});

	it('lists each shown group’s findings and none of a hidden group', () => {
		const exported = run()!;
		expect(exported.header).toEqual([
			'Group type',
			'Group',
			'Sector',
			'Area id',
			'Area',
			'Question id',
			'Question',
			'Finding',
			'Answer',
			'Legal minimum',
			'Law',
			'What to check'
		]);
		expect(exported.rows[0]).toEqual([
			'Department',
			'Branches',
			'Banking',
			'beta',
			'Area beta',
			'b1',
			'Question b1?',
			'below the legal minimum',
			1,
			2,
			'Complaints Act art. 1',
			null
		]);
		// The whole round (median 3) and "Online" have none; "Legal" and "Audit" are hidden.
		expect(exported.rows.map((r) => r.slice(0, 2))).toEqual([
			['Department', 'Branches'],
			['Department × role level', 'Branches × Without role level']
		]);
		expect(exported.json.groups.map((g) => [g.name, g.lines.length])).toEqual([
			['Whole round', 0],
			['Branches', 1],
			['Online', 0],
			['Without role level', 0],
			['Branches × Without role level', 1],
			['Online × Without role level', 0]
		]);
	});

	it('adds the workshop’s agreed answers, and gives nothing under the threshold without a record', () => {
		const record = {
			endedAt: '2026-03-01T10:00:00.000Z',
			lines: [
				{
					questionId: 'c1',
					areaId: 'gamma',
					outcome: 'agreed' as const,
					level: 2 as StageId,
					reason: null,
					first: { shown: false as const },
					final: null,
					changedMind: false
				}
			]
		};
		const exported = run(record)!;
		expect(exported.rows.at(-1)?.slice(0, 2)).toEqual(['Workshop consensus', 'Workshop consensus']);
		expect(exported.json.consensus?.lines.map((l) => [l.questionId, l.answer, l.floor])).toEqual([
			['c1', 2, 3]
		]);
		expect(run(null, 20)).toBeNull();
		expect(run(record, 20)?.json.groups).toEqual([]);
	});
});

describe('the floors of model 1.1.0', () => {
	const parsed = parseModel(JSON.parse(readFileSync('db/models/cx-maturity-1.1.0.json', 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	const shipped = parsed.value;
	const floors = Object.fromEntries(
		shipped.areas.flatMap((a) =>
			a.questions.flatMap((q) =>
				q.legalFloor ? [[q.id, [q.legalFloor.level, q.legalFloor.sectors]] as const] : []
			)
		)
	);

	it('are the ones docs/model.md section 10 lists', () => {
		expect(floors).toEqual({
			'voc-complaints': [2, ['banking', 'insurance', 'consumer-credit', 'payments']],
			'dt-automated-decisions': [2, 'all'],
			'jt-accessibility': [
				3,
				[
					'banking',
					'consumer-credit',
					'payments',
					'telecoms',
					'transport',
					'online-retail',
					'public-sector'
				]
			],
			'cp-objectives': [2, ['banking', 'insurance', 'consumer-credit', 'payments']]
		});
	});

	it('each bring a linked recommendation for every statement below the floor', () => {
		const missing = shipped.areas.flatMap((a) =>
			a.questions.flatMap((q) =>
				q.legalFloor
					? [1, 2, 3]
							.filter((stage) => stage < q.legalFloor!.level)
							.filter(
								(stage) => !a.recommendations.some((r) => r.question === q.id && r.stage === stage)
							)
							.map((stage) => `${q.id} stage ${stage}`)
					: []
			)
		);
		expect(missing).toEqual([]);
	});

	it('find a bank answering 1 to complaint handling, and nothing for a retailer', () => {
		const answers = { 'voc-complaints': 1 as const };
		expect(legalFindings(shipped, 'banking', answers).map((f) => f.questionId)).toEqual([
			'voc-complaints'
		]);
		expect(legalFindings(shipped, 'retail', answers)).toEqual([]);
	});

	it('put a bank’s complaint procedure first when complaints are answered 1 (docs/scoring.md 24b)', () => {
		// Voice of the customer at stage 3 (every other answer 4), governance at stage 1.
		const answers: ResponseInput['answers'] = {};
		for (const area of shipped.areas)
			for (const q of area.questions)
				answers[q.id] =
					q.id === 'voc-complaints'
						? 1
						: area.id === 'voice-of-customer'
							? 4
							: area.id === 'governance'
								? 1
								: 3;
		const results = personalResults(shipped, { answers, targets: {} }, undefined, 'banking');
		const stageOf = (id: string) => results.areas.find((a) => a.areaId === id)?.stage;
		expect([stageOf('voice-of-customer'), stageOf('governance')]).toEqual([3, 1]);
		expect(results.roadmap.items[0]).toMatchObject({
			rank: 1,
			recommendation: { id: 'voc-r1-complaint-procedure' },
			legalMinimum: { questionId: 'voc-complaints', answerStage: 1, floor: 2 }
		});
		expect(personalResults(shipped, { answers, targets: {} }).roadmap.items[0]?.areaId).toBe(
			'governance'
		);
	});
});
