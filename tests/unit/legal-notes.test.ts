/**
 * Legal notes (issue 16, partner audit: legal references out of the hints; docs/model.md section
 * 10): the schema of a question's `legalNotes`, which notes an answer calls for (sector, `upTo`,
 * "don't know", "not applicable", not asked), the view the pages and the PDF show, the compliance
 * export's "to check" lines, and model 1.1.0's hints free of legal references.
 * Fixture model: alpha (a1, a2), beta (b1, b2, b3), gamma (c1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupVisibility } from '../../src/lib/domain/anonymity';
import { complianceExport, type ComplianceExportLabels } from '../../src/lib/domain/exports';
import {
	hasLegalNotes,
	legalCheck,
	legalCheckView,
	legalNoteChecks
} from '../../src/lib/domain/legal-findings';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import { personalResults } from '../../src/lib/domain/results';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { NOT_APPLICABLE } from '../../src/lib/domain/scoring';
import { SECTORS } from '../../src/lib/domain/sectors';
import { workshopRecordView, type RecordLine } from '../../src/lib/domain/workshop-record';
import { fixtureModel } from '../support/fixture-model';

const priceRule = { en: 'Telecoms Code art. 105', ro: 'Codul comunicațiilor art. 105' };
const priceCheck = { en: 'Customers get notice of price changes.', ro: 'Clienții sunt anunțați.' };
const botRule = { en: 'AI Act art. 50' };
const botCheck = { en: 'A chatbot says it is a machine.' };

/**
 * The fixture model with legal notes: a1 one note for telecoms and energy (any answer), c1 a note
 * for every sector shown only up to statement 2, and a second one for banking at any answer.
 */
function notesModel(): MaturityModel {
	const model = structuredClone(fixtureModel());
	model.areas[0]!.questions[0]!.legalNotes = [
		{ sectors: ['telecoms', 'energy'], rule: priceRule, check: priceCheck }
	];
	model.areas[2]!.questions[0]!.legalNotes = [
		{ sectors: 'all', upTo: 2, rule: botRule, check: botCheck },
		{ sectors: ['banking'], rule: { en: 'Bank rule' }, check: { en: 'Bank check.' } }
	];
	return model;
}
const model = notesModel();

describe('legalNotes in the model schema', () => {
	const parseWith = (notes: unknown) => {
		const data = structuredClone(fixtureModel()) as unknown as {
			areas: Array<{ questions: Array<Record<string, unknown>> }>;
		};
		data.areas[0]!.questions[0]!.legalNotes = notes;
		return parseModel(data);
	};
	const at = 'areas[0].questions[0].legalNotes';

	it('accepts notes with sectors, an optional upTo, a rule and a check', () => {
		const notes = [
			{ sectors: 'all', rule: botRule, check: botCheck },
			{ sectors: ['energy'], upTo: 3, rule: priceRule, check: priceCheck }
		];
		const parsed = parseWith(notes);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.value.areas[0]!.questions[0]!.legalNotes).toEqual(notes);
	});

	it.each<[string, unknown, string]>([
		['an empty list', [], `${at}: `],
		[
			'an upTo of 4',
			[{ sectors: 'all', upTo: 4, rule: botRule, check: botCheck }],
			`${at}[0].upTo: must be 1, 2 or 3`
		],
		[
			'an upTo as text',
			[{ sectors: 'all', upTo: '2', rule: botRule, check: botCheck }],
			`${at}[0].upTo: must be 1, 2 or 3`
		],
		['no check', [{ sectors: 'all', rule: botRule }], `${at}[0].check`],
		[
			'a check without English',
			[{ sectors: 'all', rule: botRule, check: { bg: 'Проверка' } }],
			`${at}[0].check.en`
		],
		[
			'an unknown sector',
			[{ sectors: ['banks'], rule: botRule, check: botCheck }],
			`${at}[0].sectors[0]: unknown sector "banks": must be one of ${SECTORS.join(', ')}`
		],
		[
			'an unknown key',
			[{ sectors: 'all', rule: botRule, check: botCheck, level: 2 }],
			`${at}[0]: `
		],
		['a single note, not a list', { sectors: 'all', rule: botRule, check: botCheck }, `${at}: `]
	])('refuses %s, naming the field', (_, notes, message) => {
		const parsed = parseWith(notes);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.some((e) => e.startsWith(message))).toBe(true);
	});
});

describe('legalNoteChecks: the notes an answer calls for', () => {
	const ids = (
		sector: Parameters<typeof legalNoteChecks>[1],
		levels: Record<string, number | null | typeof NOT_APPLICABLE>
	) => legalNoteChecks(model, sector, levels).map((c) => [c.questionId, c.rule.en]);

	it('shows a note in its sectors only, whatever the answer when it has no upTo', () => {
		expect(ids('telecoms', { a1: 4 })).toEqual([['a1', priceRule.en]]);
		expect(ids('energy', { a1: 1 })).toEqual([['a1', priceRule.en]]);
		expect(ids('retail', { a1: 1 })).toEqual([]);
		expect(ids(null, { a1: 1, c1: 1 })).toEqual([]);
	});

	it('shows a note with upTo at that statement or below, at "don\'t know", never above', () => {
		expect(ids('retail', { c1: 1 })).toEqual([['c1', botRule.en]]);
		expect(ids('retail', { c1: 2 })).toEqual([['c1', botRule.en]]);
		// A team's median of 2.5 reaches statement 2; 3 is above the note.
		expect(ids('retail', { c1: 2.5 })).toEqual([['c1', botRule.en]]);
		expect(ids('retail', { c1: 3 })).toEqual([]);
		expect(ids('retail', { c1: null })).toEqual([['c1', botRule.en]]);
	});

	it('shows nothing for "not applicable" or a question not asked, in model order otherwise', () => {
		expect(ids('banking', { c1: NOT_APPLICABLE })).toEqual([]);
		expect(ids('telecoms', {})).toEqual([]);
		expect(ids('banking', { c1: 4, a1: 1 })).toEqual([['c1', 'Bank rule']]);
		expect(ids('telecoms', { c1: 1, a1: 1 })).toEqual([
			['a1', priceRule.en],
			['c1', botRule.en]
		]);
	});
});

describe('legalCheck and its view with notes', () => {
	it('is a check wherever a note applies, though the model has no floor', () => {
		const check = legalCheck(model, 'retail', { c1: 1, a1: 1 });
		expect(check?.findings).toEqual([]);
		expect(check?.checks.map((c) => c.questionId)).toEqual(['c1']);
		expect(hasLegalNotes(check)).toBe(true);
		// A note shown only up to statement 2 leaves nothing at 3: the block is left out.
		const none = legalCheck(model, 'retail', { c1: 3 });
		expect(none).not.toBeNull();
		expect(hasLegalNotes(none)).toBe(false);
		expect(legalCheckView(model, none, 'en')).toBeNull();
		expect(legalCheck(fixtureModel(), 'retail', { c1: 1 })).toBeNull();
	});

	it('names the question, the area, what to check and the law, in the reader’s language', () => {
		const view = legalCheckView(model, legalCheck(model, 'telecoms', { a1: 2 }), 'ro');
		expect(view?.checks).toEqual([
			{
				key: 'a1-0',
				id: 'a1',
				question: expect.any(String),
				area: expect.any(String),
				check: priceCheck.ro,
				rule: priceRule.ro
			}
		]);
	});

	it('keys two notes of one question apart', () => {
		const view = legalCheckView(model, legalCheck(model, 'banking', { c1: 1 }), 'en');
		expect(view?.checks.map((c) => [c.key, c.check])).toEqual([
			['c1-0', botCheck.en],
			['c1-1', 'Bank check.']
		]);
	});

	it('reach one person’s results, and change no stage or score', () => {
		const answers = { a1: 2, a2: 2, b1: 2, b2: 2, b3: 2, c1: 2 } as Record<string, StageId>;
		const withNotes = personalResults(model, { answers, targets: {} }, undefined, 'telecoms');
		const without = personalResults(
			fixtureModel(),
			{ answers, targets: {} },
			undefined,
			'telecoms'
		);
		expect(withNotes.legal?.checks.map((c) => c.questionId)).toEqual(['a1', 'c1']);
		expect(withNotes.areas).toEqual(without.areas);
	});
});

describe('a workshop’s agreed answers', () => {
	it('are checked against the floors only: the round’s results list the points of law', () => {
		const line = (questionId: string, areaId: string, level: StageId): RecordLine => ({
			questionId,
			areaId,
			outcome: 'agreed',
			level,
			reason: null,
			first: { shown: false },
			final: null,
			changedMind: false
		});
		const record = {
			endedAt: '2026-03-01T10:00:00.000Z',
			lines: [line('a1', 'alpha', 1), line('c1', 'gamma', 1)]
		};
		expect(legalCheck(model, 'telecoms', { a1: 1, c1: 1 }, { notes: false })?.checks).toEqual([]);
		// No floor in the notes model, no note: nothing to show for the agreed answers.
		expect(workshopRecordView(model, record, null, 'en', 'telecoms').legal).toBeNull();
	});
});

describe('the compliance export’s points to check', () => {
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

	it('adds a "to check" line per note, with what to check and no answer or floor', () => {
		const answers = { a1: 3, a2: 3, b1: 3, b2: 3, b3: 3, c1: 3 } as Record<string, StageId>;
		const responses = Array.from({ length: 5 }, () => ({
			answers,
			targets: {},
			departmentId: null,
			roleLevelId: null
		}));
		const sums = sumResponses(model, responses);
		const exported = complianceExport(model, sums, groupVisibility(sums, 5), {
			round: { name: 'Spring', threshold: 5 },
			sector: 'telecoms',
			sectorName: 'Telecoms',
			departmentNames: new Map(),
			roleLevelNames: new Map(),
			locale: 'en',
			labels
		})!;
		expect(exported.header.at(-1)).toBe('What to check');
		expect(exported.rows[0]).toEqual([
			'Whole round',
			'Whole round',
			'Telecoms',
			'alpha',
			expect.any(String),
			'a1',
			expect.any(String),
			'point of law: check with compliance',
			null,
			null,
			priceRule.en,
			priceCheck.en
		]);
		// c1's note stops at statement 2: the median answer 3 is above it.
		expect(exported.json.groups[0]!.lines.map((l) => [l.questionId, l.kind, l.check])).toEqual([
			['a1', 'to-check', priceCheck.en]
		]);
	});
});

describe('model 1.1.0: legal references live in the notes, not in the hints', () => {
	const parsed = parseModel(JSON.parse(readFileSync('db/models/cx-maturity-1.1.0.json', 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	const questions = parsed.value.areas.flatMap((a) => a.questions);
	const legalReference =
		/\b(GDPR|AI Act|Directive|Regulation \(EU\)|art\. ?\d|EIOPA|EBA|ESMA|EECC|Data Act|Accessibility Act)\b|\b(19|20)\d\d\/\d+/;

	it('has no directive, regulation, article or date of law in any hint, in any language', () => {
		const found = questions.flatMap((q) =>
			Object.entries(q.hint ?? {}).flatMap(([lang, text]) =>
				legalReference.test(text as string)
					? [`${q.id} (${lang}): ${(text as string).match(legalReference)![0]}`]
					: []
			)
		);
		expect(found).toEqual([]);
	});

	it('says "tell compliance" in no hint: the results do', () => {
		expect(
			questions.filter((q) => /tell compliance/i.test(q.hint?.en ?? '')).map((q) => q.id)
		).toEqual([]);
	});

	it('gives every note a rule and a check in all five languages', () => {
		const notes = questions.flatMap((q) => (q.legalNotes ?? []).map((n) => ({ id: q.id, ...n })));
		expect(notes.length).toBeGreaterThanOrEqual(8);
		for (const note of notes)
			for (const lang of ['en', 'bg', 'ru', 'ro', 'uk'] as const) {
				expect(note.rule[lang], `${note.id} rule ${lang}`).toBeTruthy();
				expect(note.check[lang], `${note.id} check ${lang}`).toBeTruthy();
			}
	});
});
