import { describe, expect, it } from 'vitest';
import { groupVisibility } from '../../src/lib/domain/anonymity';
import { selectorOf } from '../../src/lib/domain/dashboard';
import {
	responseExport,
	scoresExport,
	toCsv,
	type CsvCell,
	type ExportLabels,
	type ExportResponse
} from '../../src/lib/domain/exports';
import type { StageId } from '../../src/lib/domain/model';
import { roundResults } from '../../src/lib/domain/results';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { round } from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();

const labels: ExportLabels = {
	respondent: 'Respondent',
	department: 'Department',
	roleLevel: 'Role level',
	score: 'score',
	target: 'target',
	dontKnow: 'dk',
	notApplicable: 'na',
	groupType: 'Group type',
	group: 'Group',
	responses: 'Responses',
	areaId: 'Area id',
	area: 'Area',
	stage: 'Stage',
	agreement: 'Agreement %',
	confidence: 'Confidence %',
	lowPractices: 'Practices two or more stages below',
	wholeRound: 'Whole round',
	combination: 'Department × role level',
	withoutDepartment: 'Without department',
	withoutRoleLevel: 'Without role level',
	hidden: 'fewer than 5 responses or hidden',
	consensus: 'Workshop consensus'
};
const departmentNames = new Map([
	['d12', 'Продажи'],
	['d9', 'Support'],
	['d3', 'Legal'],
	['a', 'Dept A'],
	['b', 'Dept B'],
	['c', 'Dept C']
]);
const roleLevelNames = new Map([
	['x', 'Manager'],
	['y', 'Staff']
]);
const options = (threshold = 5) => ({
	round: { name: 'Spring 2025', threshold },
	departmentNames,
	roleLevelNames,
	locale: 'en' as const,
	labels
});

interface PersonalData {
	email: string;
	name: string;
	accountId: string;
	linkToken: string;
	submittedAt: string;
}

let serial = 0;
/**
 * A response with personal data attached, as a careless caller might pass a database row: none of
 * it may reach the export. Levels vary with the serial number so that rows differ.
 */
function response(
	departmentId: string | null,
	roleLevelId: string | null
): ExportResponse & PersonalData {
	serial += 1;
	const level = ((serial % 4) + 1) as StageId;
	const other = (((serial + 1) % 4) + 1) as StageId;
	return {
		responseId: `resp-${String(serial).padStart(4, '0')}`,
		email: `person${serial}@example.com`,
		name: `Ivan Petrov ${serial}`,
		accountId: `acct-${serial}`,
		linkToken: `tok-${serial}-secret`,
		submittedAt: `2025-03-0${(serial % 9) + 1}T10:00:00Z`,
		departmentId,
		roleLevelId,
		answers: { a1: level, a2: other, b1: level, b2: null, b3: other, c1: level },
		targets: { alpha: 4, beta: 3 }
	};
}
const many = (count: number, dep: string | null, role: string | null) =>
	Array.from({ length: count }, () => response(dep, role));

function setup(groups: ReturnType<typeof response>[][], threshold = 5) {
	const responses = groups.flat();
	const sums = sumResponses(model, responses);
	return { responses, sums, visibility: groupVisibility(sums, threshold) };
}

describe('toCsv', () => {
	it.each<{ name: string; rows: CsvCell[][]; csv: string }>([
		{
			name: 'plain cells',
			rows: [
				['a', 'b'],
				[1, 2.5]
			],
			csv: 'a,b\r\n1,2.5\r\n'
		},
		{ name: 'null is an empty cell', rows: [[null, 'x', null]], csv: ',x,\r\n' },
		{ name: 'empty text', rows: [['', 'x']], csv: ',x\r\n' },
		{ name: 'a comma is quoted', rows: [['a,b']], csv: '"a,b"\r\n' },
		{ name: 'a quote is doubled and quoted', rows: [['say "hi"']], csv: '"say ""hi"""\r\n' },
		{ name: 'a line feed is quoted', rows: [['one\ntwo']], csv: '"one\ntwo"\r\n' },
		{ name: 'a carriage return is quoted', rows: [['one\r\ntwo']], csv: '"one\r\ntwo"\r\n' },
		{ name: 'formula: =', rows: [['=1+1']], csv: "'=1+1\r\n" },
		{ name: 'formula: +', rows: [['+7']], csv: "'+7\r\n" },
		{ name: 'formula: -', rows: [['-2+3']], csv: "'-2+3\r\n" },
		{ name: 'formula: @', rows: [['@SUM(A1)']], csv: "'@SUM(A1)\r\n" },
		{ name: 'formula: tab', rows: [['\t=1']], csv: "'\t=1\r\n" },
		{ name: 'formula: carriage return, then quoted', rows: [['\r=1']], csv: `"'\r=1"\r\n` },
		{
			name: 'formula with quotes and commas: guarded, then quoted',
			rows: [['=HYPERLINK("http://x","y")']],
			csv: `"'=HYPERLINK(""http://x"",""y"")"\r\n`
		},
		{ name: 'a sign inside text is left alone', rows: [['a=b', 'x-y']], csv: 'a=b,x-y\r\n' },
		{ name: 'a negative number stays a number', rows: [[-3, -0.5]], csv: '-3,-0.5\r\n' },
		{
			name: 'Cyrillic and Romanian letters intact',
			rows: [['Отдел продаж', 'Vânzări și marketing', 'Підтримка']],
			csv: 'Отдел продаж,Vânzări și marketing,Підтримка\r\n'
		},
		{ name: 'an empty row', rows: [[]], csv: '\r\n' },
		{ name: 'no rows', rows: [], csv: '' }
	])('$name', ({ rows, csv }) => {
		expect(toCsv(rows)).toBe('\uFEFF' + csv);
	});

	it('starts with the byte order mark and ends every line with CRLF', () => {
		const csv = toCsv([['a'], ['b'], ['c']]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual(['a', 'b', 'c', '']);
		expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
	});
});

describe('responseExport', () => {
	it('carries no personal data and does not follow the input order', () => {
		const { responses, visibility } = setup([many(6, 'd12', 'x'), many(6, 'd12', 'y')]);
		// Submitted in reverse id order: the export must not keep it.
		const submitted = [...responses].reverse();
		const out = responseExport(model, submitted, visibility, options())!;
		const text = toCsv([out.header, ...out.rows]) + JSON.stringify(out.json);
		for (const r of submitted)
			for (const value of [r.responseId, r.email, r.name, r.accountId, r.linkToken, r.submittedAt])
				expect(text).not.toContain(value);
		expect(text).not.toMatch(/resp-|@example|Ivan|acct-|tok-|2025-03/);

		expect(out.rows.map((r) => r[0])).toEqual(responses.map((_, i) => i + 1));
		// Respondent 1 is the smallest id, not the first one submitted.
		const answersOf = (r: (typeof responses)[number]) => r.answers;
		expect(out.json.responses.map((r) => r.answers)).toEqual(responses.map(answersOf));
		expect(out.json.responses.map((r) => r.answers)).not.toEqual(submitted.map(answersOf));
	});

	it('writes the header, scores, targets and answers of a row', () => {
		const { responses, visibility } = setup([many(6, 'd12', 'x')]);
		const first = responses[0]!;
		first.answers = { a1: 2, a2: 4, b1: 1, b2: null, b3: 3 };
		first.targets = { alpha: 4, beta: 3 };
		const out = responseExport(model, responses, visibility, options())!;
		expect(out.header).toEqual([
			'Respondent',
			'Department',
			'Role level',
			'alpha score',
			'beta score',
			'gamma score',
			'alpha target',
			'beta target',
			'gamma target',
			'a1',
			'a2',
			'b1',
			'b2',
			'b3',
			'c1'
		]);
		// alpha: mean 3 -> 66.7; beta: 1 and 3 -> mean 2 -> 33.3; gamma: unanswered.
		expect(out.rows[0]).toEqual([
			1,
			'Продажи',
			'Manager',
			66.7,
			33.3,
			null,
			4,
			3,
			null,
			2,
			4,
			1,
			'dk',
			3,
			null
		]);
		expect(out.json.responses[0]).toEqual({
			respondent: 1,
			department: 'Продажи',
			roleLevel: 'Manager',
			areaScores: { alpha: 66.7, beta: 33.3, gamma: null },
			targets: { alpha: 4, beta: 3 },
			answers: { a1: 2, a2: 4, b1: 1, b2: null, b3: 3 }
		});
		expect(out.json.round).toEqual({
			name: 'Spring 2025',
			threshold: 5,
			model: { id: 'fixture', version: '1.0.0' }
		});
		expect(out.json.areas[1]).toEqual({ id: 'beta', name: 'Area beta' });
		expect(out.json.questions[2]).toEqual({ id: 'b1', areaId: 'beta', text: 'Question b1?' });
		expect(out.rows.every((r) => r.length === out.header.length)).toBe(true);
	});

	const cells = (groups: ReturnType<typeof response>[][]) => {
		const { responses, visibility } = setup(groups);
		const out = responseExport(model, responses, visibility, options())!;
		const byId = new Map(
			[...responses]
				.sort((a, b) => (a.responseId < b.responseId ? -1 : 1))
				.map((r, i) => [r.responseId, out.rows[i]!] as const)
		);
		// "department/role level" as written for each input response, counted.
		const counts = new Map<string, number>();
		for (const r of responses) {
			const row = byId.get(r.responseId)!;
			const key = `${r.departmentId}:${r.roleLevelId} -> ${row[1] ?? ''}/${row[2] ?? ''}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		return Object.fromEntries(counts);
	};

	it.each([
		{
			name: 'departments of 12, 9 and 3: the 3 for size and the 9 against subtraction are blank',
			groups: [many(12, 'd12', 'y'), many(9, 'd9', 'y'), many(3, 'd3', 'y')],
			// Staff is the only role level: its cell in a hidden department is hidden too.
			expected: {
				'd12:y -> Продажи/Staff': 12,
				'd9:y -> /': 9,
				'd3:y -> /': 3
			}
		},
		{
			name: 'a hidden combination drops the role level and keeps the department',
			// a×x and a×y are hidden so that c×x and c×y cannot be subtracted out; b's cells stay.
			groups: [
				many(6, 'a', 'x'),
				many(6, 'a', 'y'),
				many(6, 'b', 'x'),
				many(6, 'b', 'y'),
				many(2, 'c', 'x'),
				many(3, 'c', 'y')
			],
			expected: {
				'a:x -> Dept A/': 6,
				'a:y -> Dept A/': 6,
				'b:x -> Dept B/Manager': 6,
				'b:y -> Dept B/Staff': 6,
				'c:x -> Dept C/': 2,
				'c:y -> Dept C/': 3
			}
		},
		{
			name: 'a role level is not named within a hidden department (the one manager of c)',
			groups: [
				many(6, 'a', 'x'),
				many(6, 'a', 'y'),
				many(9, 'b', 'y'),
				many(1, 'c', 'x'),
				many(2, 'c', 'y')
			],
			expected: {
				'a:x -> Dept A/': 6,
				'a:y -> Dept A/': 6,
				'b:y -> /': 9,
				'c:x -> /': 1,
				'c:y -> /': 2
			}
		},
		{
			name: 'responses without a department or role level have empty cells',
			groups: [many(6, 'a', 'x'), many(6, null, 'x'), many(6, 'a', null), many(6, null, null)],
			expected: {
				'a:x -> Dept A/Manager': 6,
				'null:x -> /Manager': 6,
				'a:null -> Dept A/': 6,
				'null:null -> /': 6
			}
		},
		{
			name: 'an unnamed id is written as it is',
			groups: [many(5, 'a', 'x'), many(5, 'zz', 'x')],
			expected: { 'a:x -> Dept A/Manager': 5, 'zz:x -> zz/Manager': 5 }
		}
	])('$name', ({ groups, expected }) => {
		expect(cells(groups)).toEqual(expected);
	});

	it('keeps the JSON names equal to the cells', () => {
		const { responses, visibility } = setup([
			many(12, 'd12', 'x'),
			many(9, 'd9', 'x'),
			many(3, 'd3', 'y')
		]);
		const out = responseExport(model, responses, visibility, options())!;
		out.rows.forEach((row, i) => {
			expect(out.json.responses[i]!.department).toBe(row[1]);
			expect(out.json.responses[i]!.roleLevel).toBe(row[2]);
		});
	});

	it.each([
		{ name: 'under the threshold', counts: [4], threshold: 5 },
		{ name: 'one under a threshold of 3', counts: [1, 1], threshold: 3 },
		{ name: 'no responses', counts: [], threshold: 5 }
	])('the whole round $name: null', ({ counts, threshold }) => {
		const { responses, sums, visibility } = setup(
			counts.map((n, i) => many(n, `d${i}`, 'x')),
			threshold
		);
		expect(responseExport(model, responses, visibility, options(threshold))).toBeNull();
		expect(scoresExport(model, sums, visibility, options(threshold))).toBeNull();
	});
});

describe('scoresExport', () => {
	const hiddenRow = (type: string, name: string) => [
		type,
		name,
		'fewer than 5 responses or hidden',
		null,
		null,
		null,
		null,
		null,
		null,
		null,
		null
	];

	it('lists the groups in order and shows hidden ones only by name', () => {
		const { sums, visibility } = setup([
			many(12, 'd12', 'x'),
			many(9, 'd9', 'x'),
			many(3, 'd3', 'x'),
			many(10, null, 'x')
		]);
		const out = scoresExport(model, sums, visibility, options())!;
		expect(out.header).toEqual([
			'Group type',
			'Group',
			'Responses',
			'Area id',
			'Area',
			'score',
			'Stage',
			'Agreement %',
			'Confidence %',
			'target',
			'Practices two or more stages below'
		]);
		const groups = [...new Set(out.rows.map((r) => `${r[0]}: ${r[1]}`))];
		expect(groups).toEqual([
			'Whole round: Whole round',
			'Department: Продажи',
			'Department: Support',
			'Department: Legal',
			'Department: Without department',
			'Role level: Manager',
			// Hidden combinations are not listed: listing them would tell that they have someone.
			'Department × role level: Продажи × Manager',
			'Department × role level: Without department × Manager'
		]);
		const rowsOf = (name: string) => out.rows.filter((r) => r[1] === name);
		// 12 and 10 shown; 3 under the threshold, 9 hidden so that the 3 cannot be subtracted out.
		expect(rowsOf('Продажи')).toHaveLength(3);
		expect(rowsOf('Without department')).toHaveLength(3);
		expect(rowsOf('Manager')).toHaveLength(3);
		expect(rowsOf('Support')).toEqual([hiddenRow('Department', 'Support')]);
		expect(rowsOf('Legal')).toEqual([hiddenRow('Department', 'Legal')]);
		expect(rowsOf('Legal × Manager')).toEqual([]);
		expect(rowsOf('Without department × Manager')).toHaveLength(3);
		expect(out.rows.every((r) => r.length === out.header.length)).toBe(true);
		expect(out.rows[0]!.slice(0, 5)).toEqual([
			'Whole round',
			'Whole round',
			34,
			'alpha',
			'Area alpha'
		]);
	});

	it('gives the numbers of roundResults for a department', () => {
		const { sums, visibility } = setup([many(12, 'd12', 'x'), many(7, 'd7', 'y')]);
		const out = scoresExport(model, sums, visibility, options())!;
		const results = roundResults(
			model,
			sums,
			selectorOf({ departmentId: 'd12', roleLevelId: null })
		);
		const rows = out.rows.filter((r) => r[0] === 'Department' && r[1] === 'Продажи');
		expect(rows).toEqual(
			results.areas.map((a, i) => [
				'Department',
				'Продажи',
				12,
				a.areaId,
				`Area ${model.areas[i]!.id}`,
				a.score === null ? null : round(a.score, 1),
				a.stage,
				a.agreement === null || a.agreement === undefined ? null : round(a.agreement * 100),
				round(a.confidence * 100),
				a.target === null ? null : round(a.target, 1),
				a.lowPractices.length === 0
					? null
					: a.lowPractices.map((p) => `${p.questionId}: ${p.stage}`).join('; ')
			])
		);
		// The fixture's answers give every area a score, a stage and a target except gamma's target.
		expect(rows.map((r) => r[5])).not.toContain(null);
		expect(rows[2]![9]).toBeNull();
		expect(Number.isInteger(rows[0]![7])).toBe(true);
	});

	it("writes an area's practices two or more stages below it (rule 24c), for shown groups only", () => {
		// b1 at 1, b2 and b3 at 4: beta at 3, b1 two stages below it. Seven in d12, six in d9;
		// three in d3, too few, and d9 hidden with it so that d3 cannot be subtracted out.
		const low = (departmentId: string) => ({
			...response(departmentId, 'x'),
			answers: { a1: 2, a2: 2, b1: 1, b2: 4, b3: 4, c1: 2 } as const
		});
		const { sums, visibility } = setup(
			['d12', 'd9', 'd3'].map((d) =>
				Array.from({ length: d === 'd12' ? 7 : d === 'd9' ? 6 : 3 }, () => low(d))
			)
		);
		const out = scoresExport(model, sums, visibility, options())!;
		const cell = (group: string, areaId: string) =>
			out.rows.find((r) => r[1] === group && r[3] === areaId)?.[10];
		expect(cell('Whole round', 'beta')).toBe('b1: 1');
		expect(cell('Продажи', 'beta')).toBe('b1: 1');
		expect(cell('Whole round', 'alpha')).toBeNull();
		// Hidden groups: one row each, nothing of their questions.
		expect(out.rows.filter((r) => r[1] === 'Legal')).toEqual([hiddenRow('Department', 'Legal')]);
		expect(out.rows.filter((r) => r[1] === 'Support')).toEqual([
			hiddenRow('Department', 'Support')
		]);
	});

	it('never writes the count or scores of a hidden group into the CSV', () => {
		const { sums, visibility } = setup([
			many(12, 'd12', 'x'),
			many(9, 'd9', 'x'),
			many(3, 'd3', 'x')
		]);
		const csv = toCsv(scoresExport(model, sums, visibility, options())!.rows);
		const lines = csv.split('\r\n').filter((l) => l.includes('Support') || l.includes('Legal'));
		expect(lines).toEqual([
			'Department,Support,fewer than 5 responses or hidden,,,,,,,,',
			'Department,Legal,fewer than 5 responses or hidden,,,,,,,,'
		]);
	});
});
