/**
 * A round's data for spreadsheets: every response as a numbered row (CSV and JSON) and the scores
 * per selection (CSV), without personal data and with the anonymity rules applied through the same
 * `Visibility.check` the dashboard asks (docs/scoring.md, rules 31-35). Pure: the caller loads the
 * responses and the names and sends the text.
 *
 * Nothing here carries names, e-mail addresses, account ids, response ids, link tokens or times. A
 * response is known only by a number, given after sorting the responses by their (random) ids, so
 * the numbers do not follow the order in which people answered.
 */
import { NO_FILTER, WITHOUT, type DashboardFilter, type Visibility } from './anonymity';
import { selectorOf } from './dashboard';
import { listQuestions, localize, type Locale, type MaturityModel, type StageId } from './model';
import { legalCheck, type LegalCheck } from './legal-findings';
import { roundResults, type Results } from './results';
import type { Sector } from './sectors';
import type { ImportanceRatings } from './roadmap';
import { idsWithResponses, type CellKey, type RoundSums } from './round-sums';
import {
	NOT_APPLICABLE,
	round,
	scoreResponse,
	type AnswerValue,
	type ResponseInput
} from './scoring';
import {
	consensusByArea,
	consensusLegalAnswers,
	type RecordDistribution,
	type RecordLine
} from './workshop-record';

/** One CSV cell: text, a number, or null for an empty cell. */
export type CsvCell = string | number | null;

/** Characters that make a spreadsheet read a cell as a formula (or hide what follows). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: CsvCell): string {
	if (value === null) return '';
	// Numbers are written as they are; a negative number stays a number. NaN and ±Infinity are no
	// value a spreadsheet reads, so they are left empty.
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV text as spreadsheets open it: a UTF-8 byte order mark first (so Excel reads Cyrillic and
 * Romanian letters right), CRLF after every line, RFC 4180 quoting, `null` as an empty cell. A text
 * cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so that it is
 * not run as a formula; numbers are never changed.
 *
 * Example: `toCsv([['a', 'b,c'], [1, null, '=SUM(A1)']])` is
 * `'\uFEFFa,"b,c"\r\n1,,\'=SUM(A1)\r\n'`.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
	return '\uFEFF' + rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** Words of the response export, in the reader's language. */
export interface ResponseExportLabels {
	/** Header of the first column, e.g. "Respondent". */
	respondent: string;
	/** Header of the department column, e.g. "Department". */
	department: string;
	/** Header of the role level column, e.g. "Role level". */
	roleLevel: string;
	/** Suffix of an area's score column: `alpha score`. */
	score: string;
	/** Suffix of an area's target column: `alpha target`. */
	target: string;
	/** The cell for a "don't know" answer, e.g. "dk". */
	dontKnow: string;
	notApplicable: string;
}

/** Words of the scores export, in the reader's language. */
export interface ScoresExportLabels {
	/** Column headers. */
	groupType: string;
	group: string;
	responses: string;
	areaId: string;
	area: string;
	score: string;
	stage: string;
	agreement: string;
	confidence: string;
	target: string;
	/** Header of the area's practices two or more stages below it (rule 24c), as `id: stage; …`. */
	lowPractices: string;
	/** Group type and name of the whole round, e.g. "Whole round". */
	wholeRound: string;
	/** Group types, e.g. "Department", "Role level", "Department × role level". */
	department: string;
	roleLevel: string;
	combination: string;
	/** Names of the groups of responses that came without one, e.g. "Without department". */
	withoutDepartment: string;
	withoutRoleLevel: string;
	/** The `responses` cell of a hidden group, e.g. "fewer than 5 responses or hidden". */
	hidden: string;
	/**
	 * Group type and name of the workshop's agreed answers standing in for a round below its
	 * threshold (docs/scoring.md rule 49), e.g. "Workshop consensus".
	 */
	consensus: string;
}

/** Every export word; one object can serve both exports. */
export type ExportLabels = ResponseExportLabels & ScoresExportLabels;

/** A response as the export takes it: answers and targets, and the group it came from. */
export type ExportResponse = ResponseInput & {
	/** Used only to order the rows; never written out. */
	responseId: string;
	departmentId: string | null;
	roleLevelId: string | null;
};

export interface ResponseExportOptions {
	round: { name: string; threshold: number };
	/** Department and role level names by id. */
	departmentNames: ReadonlyMap<string, string>;
	roleLevelNames: ReadonlyMap<string, string>;
	locale: Locale;
	labels: ResponseExportLabels;
}

export interface ResponseExportJson {
	round: { name: string; threshold: number; model: { id: string; version: string } };
	areas: Array<{ id: string; name: string }>;
	questions: Array<{ id: string; areaId: string; text: string }>;
	responses: Array<{
		respondent: number;
		/** Null when the response came without one or the group may not be shown. */
		department: string | null;
		roleLevel: string | null;
		/** Area score 0-100, one decimal; null when no question of the area was answered. */
		areaScores: Record<string, number | null>;
		/** Target stage per area, for the areas that have one. */
		targets: Record<string, StageId>;
		/** Level per answered question; null is "don't know"; unanswered questions are absent. */
		answers: Record<string, AnswerValue>;
	}>;
}

export interface ResponseExport {
	header: string[];
	rows: CsvCell[][];
	json: ResponseExportJson;
}

/** Compares by UTF-16 code units, the same in every locale and runtime. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Which group names a response's row may carry:
 * - the department when the department (as a group of its own) may be shown;
 * - the role level when the role level may be shown and so may the department × role level cell
 *   (with "without" standing in for a missing one). When both are shown but the cell is not, the
 *   role level is dropped and the department kept. The role level is dropped too when the
 *   department is hidden: a row saying only "manager" would otherwise single out the few managers
 *   of the hidden departments, a group the dashboard never shows.
 * A response without a department or role level gets no name for it.
 */
function groupLabels(
	visibility: Visibility,
	response: CellKey
): { departmentShown: boolean; roleLevelShown: boolean } {
	const departmentKey = response.departmentId ?? WITHOUT;
	const roleLevelKey = response.roleLevelId ?? WITHOUT;
	const departmentVisible = visibility.check({
		departmentId: departmentKey,
		roleLevelId: null
	}).visible;
	const roleLevelVisible =
		visibility.check({ departmentId: null, roleLevelId: roleLevelKey }).visible &&
		visibility.check({ departmentId: departmentKey, roleLevelId: roleLevelKey }).visible;
	return {
		departmentShown: departmentVisible && response.departmentId !== null,
		roleLevelShown: roleLevelVisible && response.roleLevelId !== null
	};
}

/**
 * Every response of a round, one row each, for a spreadsheet (`header` and `rows`, for `toCsv`)
 * and as JSON. Columns: respondent number, department, role level, then per area (model order) the
 * area score 0-100 to one decimal, then per area the target stage, then per question (model order)
 * the level 1-4, `labels.dontKnow`, `labels.notApplicable`, or empty when unanswered. In the JSON
 * an answer is 1-4, null for "don't know" or "not-applicable".
 *
 * Rows are numbered 1..n after sorting by response id (ids are random), so a row's number says
 * nothing about when its response came. Department and role level names follow `groupLabels`: a
 * group that may not be shown leaves its cell empty, like a response without one. Null when the
 * whole round may not be shown.
 *
 * Example: with departments of 12, 9 and 3 responses and threshold 5, only the 12 rows of the first
 * department carry its name; the other 12 rows have an empty department cell.
 *
 * @throws ScoringInputError when a response names unknown questions or areas (see scoreResponse).
 */
export function responseExport(
	model: MaturityModel,
	responses: ReadonlyArray<ExportResponse>,
	visibility: Visibility,
	options: ResponseExportOptions
): ResponseExport | null {
	if (!visibility.check(NO_FILTER).visible) return null;
	const { labels, locale } = options;
	const questions = listQuestions(model);
	const header = [
		labels.respondent,
		labels.department,
		labels.roleLevel,
		...model.areas.map((a) => `${a.id} ${labels.score}`),
		...model.areas.map((a) => `${a.id} ${labels.target}`),
		...questions.map((q) => q.id)
	];

	const rows: CsvCell[][] = [];
	const json: ResponseExportJson = {
		round: {
			name: options.round.name,
			threshold: options.round.threshold,
			model: { id: model.id, version: model.version }
		},
		areas: model.areas.map((a) => ({ id: a.id, name: localize(a.name, locale) })),
		questions: questions.map((q) => ({
			id: q.id,
			areaId: q.areaId,
			text: localize(q.text, locale)
		})),
		responses: []
	};

	const sorted = [...responses].sort((a, b) => byCodeUnits(a.responseId, b.responseId));
	sorted.forEach((response, index) => {
		const respondent = index + 1;
		const shown = groupLabels(visibility, response);
		const department =
			shown.departmentShown && response.departmentId !== null
				? (options.departmentNames.get(response.departmentId) ?? response.departmentId)
				: null;
		const roleLevel =
			shown.roleLevelShown && response.roleLevelId !== null
				? (options.roleLevelNames.get(response.roleLevelId) ?? response.roleLevelId)
				: null;

		const scored = scoreResponse(model, response);
		const areaScores: Record<string, number | null> = {};
		for (const area of scored.areas)
			areaScores[area.areaId] = area.score === null ? null : round(area.score, 1);
		const targets: Record<string, StageId> = {};
		for (const area of model.areas) {
			const target = Object.hasOwn(response.targets, area.id)
				? response.targets[area.id]
				: undefined;
			if (target !== undefined) targets[area.id] = target;
		}
		const answers: Record<string, AnswerValue> = {};
		for (const question of questions)
			if (Object.hasOwn(response.answers, question.id))
				answers[question.id] = response.answers[question.id] ?? null;

		rows.push([
			respondent,
			department,
			roleLevel,
			...model.areas.map((a) => areaScores[a.id] ?? null),
			...model.areas.map((a) => targets[a.id] ?? null),
			...questions.map((q) => {
				if (!Object.hasOwn(answers, q.id)) return null;
				const answer = answers[q.id];
				if (answer === NOT_APPLICABLE) return labels.notApplicable;
				return answer ?? labels.dontKnow;
			})
		]);
		json.responses.push({ respondent, department, roleLevel, areaScores, targets, answers });
	});
	return { header, rows, json };
}

/** A selection an export lists: type and name in the reader's words, filter, and if it may be shown. */
interface ListedSelection {
	type: string;
	name: string;
	filter: DashboardFilter;
	visible: boolean;
}

/**
 * The selections the round exports list, in order: the whole round, each department, each role
 * level (each with "without" when responses came without one) and each department × role level
 * cell with responses that may be shown (listing a hidden one would tell that it has someone in
 * it). Groups without responses are not listed.
 */
function selectionsOf(
	sums: RoundSums,
	visibility: Visibility,
	options: {
		departmentNames: ReadonlyMap<string, string>;
		roleLevelNames: ReadonlyMap<string, string>;
		labels: Pick<
			ScoresExportLabels,
			| 'wholeRound'
			| 'department'
			| 'roleLevel'
			| 'combination'
			| 'withoutDepartment'
			| 'withoutRoleLevel'
		>;
	}
): ListedSelection[] {
	const { labels } = options;
	const departmentName = (id: string | null) =>
		id === null ? labels.withoutDepartment : (options.departmentNames.get(id) ?? id);
	const roleLevelName = (id: string | null) =>
		id === null ? labels.withoutRoleLevel : (options.roleLevelNames.get(id) ?? id);
	const listed: ListedSelection[] = [];
	const add = (type: string, name: string, filter: DashboardFilter) =>
		listed.push({ type, name, filter, visible: visibility.check(filter).visible });

	add(labels.wholeRound, labels.wholeRound, NO_FILTER);
	const departments = idsWithResponses(
		[sums],
		'departmentId',
		options.departmentNames.keys(),
		'by-id'
	);
	const roleLevels = idsWithResponses(
		[sums],
		'roleLevelId',
		options.roleLevelNames.keys(),
		'by-id'
	);
	for (const id of departments)
		add(labels.department, departmentName(id), {
			departmentId: id ?? WITHOUT,
			roleLevelId: null
		});
	for (const id of roleLevels)
		add(labels.roleLevel, roleLevelName(id), {
			departmentId: null,
			roleLevelId: id ?? WITHOUT
		});
	const cells = new Set(
		sums.cells
			.filter((c) => c.responses > 0)
			.map((c) => `${c.departmentId ?? WITHOUT}\u0000${c.roleLevelId ?? WITHOUT}`)
	);
	for (const departmentId of departments)
		for (const roleLevelId of roleLevels) {
			const filter = { departmentId: departmentId ?? WITHOUT, roleLevelId: roleLevelId ?? WITHOUT };
			if (!cells.has(`${filter.departmentId}\u0000${filter.roleLevelId}`)) continue;
			// Listing a hidden combination would tell that it has someone in it: only shown ones.
			if (!visibility.check(filter).visible) continue;
			add(
				labels.combination,
				`${departmentName(departmentId)} × ${roleLevelName(roleLevelId)}`,
				filter
			);
		}
	return listed;
}

export interface ScoresExportOptions {
	/** Department and role level names by id, in the order the groups are to be listed. */
	departmentNames: ReadonlyMap<string, string>;
	roleLevelNames: ReadonlyMap<string, string>;
	locale: Locale;
	labels: ScoresExportLabels;
	/** The importance rated per area for the round, as its results use it (docs/scoring.md rule 26). */
	importance?: ImportanceRatings;
}

export interface ScoresExport {
	header: string[];
	rows: CsvCell[][];
}

/** The header of scores.csv, in the reader's words. */
const scoresHeader = (labels: ScoresExportLabels) => [
	labels.groupType,
	labels.group,
	labels.responses,
	labels.areaId,
	labels.area,
	labels.score,
	labels.stage,
	labels.agreement,
	labels.confidence,
	labels.target,
	labels.lowPractices
];

/** One row of scores.csv per area of `results` (a selection's, or the consensus). */
function scoreRows(
	model: MaturityModel,
	results: Results,
	group: { type: string; name: string; responses: CsvCell },
	locale: Locale
): CsvCell[][] {
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	return results.areas.map((area) => [
		group.type,
		group.name,
		group.responses,
		area.areaId,
		areaName.get(area.areaId) ?? area.areaId,
		area.score === null ? null : round(area.score, 1),
		area.stage,
		area.agreement === null || area.agreement === undefined ? null : round(area.agreement * 100),
		round(area.confidence * 100),
		area.target === null ? null : round(area.target, 1),
		lowPracticesCell(area.lowPractices)
	]);
}

/**
 * The scores.csv cell of an area's practices two or more stages below it (docs/scoring.md rule
 * 24c): question id and own stage, `voc-complaints: 1; se-vulnerable: 1`; empty for none.
 */
function lowPracticesCell(practices: Results['areas'][number]['lowPractices']): CsvCell {
	return practices.length === 0
		? null
		: practices.map((p) => `${p.questionId}: ${p.stage}`).join('; ');
}

/**
 * scores.csv of a round below its threshold whose workshop record stands in for the individual
 * answers (docs/scoring.md rule 49): the same columns, one row per area of the consensus results
 * (`consensusResults`), the group "Workshop consensus", the responses cell empty (no individual
 * answer is in them) and no agreement or target.
 */
export function consensusScoresExport(
	model: MaturityModel,
	consensus: Results,
	options: { locale: Locale; labels: ScoresExportLabels }
): ScoresExport {
	const { labels } = options;
	return {
		header: scoresHeader(labels),
		rows: scoreRows(
			model,
			consensus,
			{ type: labels.consensus, name: labels.consensus, responses: null },
			options.locale
		)
	};
}

/**
 * The scores of a round for a spreadsheet (scores.csv): one row per selection and area, with
 * columns group type, group (the selection, in the reader's words), responses, area id, area, score
 * (0-100, one decimal), stage, agreement (%), confidence (%), target (one decimal), and the area's
 * practices two or more stages below it (rule 24c; the selection's per-question figures, so only
 * for a selection that may be shown, like every number of the row). The selections:
 * the whole round, each department, each role level (each with "without" when responses came
 * without one) and each cell with responses, in that order. Numbers are those of `roundResults`
 * for the selection.
 *
 * A selection that may not be shown (`visibility.check`) gets a single row with its type, its name
 * and `labels.hidden` in place of the count, all else empty, so neither its size nor its scores
 * can be read. Selections without responses are not listed. Null when the whole round may not be
 * shown.
 *
 * Example, threshold 5, departments of 12, 9 and 3: the first has a row per area; the 9 and the 3
 * have one row each saying "fewer than 5 responses or hidden".
 */
export function scoresExport(
	model: MaturityModel,
	sums: RoundSums,
	visibility: Visibility,
	options: ScoresExportOptions
): ScoresExport | null {
	if (!visibility.check(NO_FILTER).visible) return null;
	const { labels, locale } = options;
	const header = scoresHeader(labels);

	const rows: CsvCell[][] = [];
	for (const { type, name, filter, visible } of selectionsOf(sums, visibility, options)) {
		if (!visible) {
			rows.push([type, name, labels.hidden, ...Array<null>(header.length - 3).fill(null)]);
			continue;
		}
		const results = roundResults(model, sums, selectorOf(filter), options.importance);
		rows.push(...scoreRows(model, results, { type, name, responses: results.respondents }, locale));
	}
	return { header, rows };
}

/** Words of the compliance export, in the reader's language. */
export interface ComplianceExportLabels extends Pick<
	ScoresExportLabels,
	| 'groupType'
	| 'group'
	| 'areaId'
	| 'area'
	| 'wholeRound'
	| 'department'
	| 'roleLevel'
	| 'combination'
	| 'withoutDepartment'
	| 'withoutRoleLevel'
> {
	sector: string;
	questionId: string;
	question: string;
	/** Column header of the kind of line, and its three values. */
	kind: string;
	below: string;
	unanswered: string;
	toCheck: string;
	answer: string;
	floor: string;
	rule: string;
	/** Column header of what compliance should check (a point of law). */
	check: string;
	/** Group type and name of the workshop's agreed answers, e.g. "Workshop consensus". */
	consensus: string;
}

/**
 * One line of the compliance export (JSON): a question below its floor, one not answered, or a
 * point of law the answer touches, for compliance to check (a question's legal note).
 */
export interface ComplianceLine {
	areaId: string;
	area: string;
	questionId: string;
	question: string;
	kind: 'below-legal-minimum' | 'not-answered' | 'to-check';
	/** The answer (a group's median); null for a question not answered, and for a point to check. */
	answer: number | null;
	/** The first statement that meets the legal minimum; null for a point to check. */
	floor: number | null;
	rule: string;
	/** What compliance should check: only for a point to check. */
	check?: string;
}

export interface ComplianceExportJson {
	round: { name: string; threshold: number; model: { id: string; version: string } };
	sector: Sector;
	/** Each selection that may be shown, in the order of the scores export, with its lines. */
	groups: Array<{ type: string; name: string; lines: ComplianceLine[] }>;
	/** The workshop's agreed answers checked the same way; null without a record. */
	consensus: { endedAt: string; lines: ComplianceLine[] } | null;
}

/**
 * The compliance findings of a round (docs/scoring.md rule 24b) for a spreadsheet and as JSON: for
 * each selection that may be shown (the whole round, departments, role levels, cells, in the order
 * of the scores export) and for the workshop's agreed answers, one row per question below its
 * legal floor in the organisation's sector (the group's median answer) and per question with a
 * floor that got no level, then one per point of law the answers touch (a question's legal
 * notes). Columns: group type, group, sector, area id, area, question id, question, kind, answer,
 * legal minimum statement, law, what to check. A hidden selection gets no row at all:
 * its per-question numbers are never shown. A sector the model has no floor in gives no lines.
 * Null when there is nothing the export may show (the round under its threshold, no record).
 */
export function complianceExport(
	model: MaturityModel,
	sums: RoundSums,
	visibility: Visibility,
	options: {
		round: { name: string; threshold: number };
		sector: Sector;
		sectorName: string;
		departmentNames: ReadonlyMap<string, string>;
		roleLevelNames: ReadonlyMap<string, string>;
		/** The round's workshop record, when it has one. */
		record?: { endedAt: string; lines: readonly RecordLine[] } | null;
		locale: Locale;
		labels: ComplianceExportLabels;
	}
): { header: string[]; rows: CsvCell[][]; json: ComplianceExportJson } | null {
	const { labels, locale, sector } = options;
	const roundShown = visibility.check(NO_FILTER).visible;
	if (!roundShown && !options.record) return null;
	const questionOf = new Map(listQuestions(model).map((q) => [q.id, q]));
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	const linesOf = (check: LegalCheck | null): ComplianceLine[] => {
		if (!check) return [];
		const named = (questionId: string, areaId: string) => ({
			areaId,
			area: areaName.get(areaId) ?? areaId,
			questionId,
			question: localize(questionOf.get(questionId)?.text ?? { en: questionId }, locale)
		});
		return [
			...check.findings.map((f) => ({
				...named(f.questionId, f.areaId),
				kind: 'below-legal-minimum' as const,
				answer: round(f.level, 1),
				floor: f.floor,
				rule: localize(f.rule, locale)
			})),
			...check.unanswered.map((u) => ({
				...named(u.questionId, u.areaId),
				kind: 'not-answered' as const,
				answer: null,
				floor: questionOf.get(u.questionId)?.legalFloor?.level ?? 0,
				rule: localize(u.rule, locale)
			})),
			...check.checks.map((c) => ({
				...named(c.questionId, c.areaId),
				kind: 'to-check' as const,
				answer: null,
				floor: null,
				rule: localize(c.rule, locale),
				check: localize(c.check, locale)
			}))
		];
	};
	const groups = roundShown
		? selectionsOf(sums, visibility, { ...options, labels })
				.filter((g) => g.visible)
				.map((g) => ({
					type: g.type,
					name: g.name,
					lines: linesOf(roundResults(model, sums, selectorOf(g.filter), undefined, sector).legal)
				}))
		: [];
	const consensus = options.record
		? {
				endedAt: options.record.endedAt,
				lines: linesOf(
					legalCheck(model, sector, consensusLegalAnswers(options.record.lines), { notes: false })
				)
			}
		: null;
	const header = [
		labels.groupType,
		labels.group,
		labels.sector,
		labels.areaId,
		labels.area,
		labels.questionId,
		labels.question,
		labels.kind,
		labels.answer,
		labels.floor,
		labels.rule,
		labels.check
	];
	const row = (type: string, name: string, l: ComplianceLine): CsvCell[] => [
		type,
		name,
		options.sectorName,
		l.areaId,
		l.area,
		l.questionId,
		l.question,
		l.kind === 'below-legal-minimum'
			? labels.below
			: l.kind === 'not-answered'
				? labels.unanswered
				: labels.toCheck,
		l.answer,
		l.floor,
		l.rule,
		l.check ?? null
	];
	return {
		header,
		rows: [
			...groups.flatMap((g) => g.lines.map((l) => row(g.type, g.name, l))),
			...(consensus ? consensus.lines.map((l) => row(labels.consensus, labels.consensus, l)) : [])
		],
		json: {
			round: {
				name: options.round.name,
				threshold: options.round.threshold,
				model: { id: model.id, version: model.version }
			},
			sector,
			groups,
			consensus
		}
	};
}

/** Words of the workshop record export, in the reader's language. */
export interface WorkshopExportLabels {
	areaId: string;
	area: string;
	questionId: string;
	question: string;
	outcome: string;
	level: string;
	reason: string;
	/** Column headers of a vote, given the vote's name: `First vote: votes`, `…: level 2`. */
	voters: (vote: string) => string;
	votesAt: (vote: string, level: number) => string;
	dontKnow: (vote: string) => string;
	changedMind: string;
	/** The names of the two votes: "First vote", "Final vote". */
	first: string;
	final: string;
	/** Outcome cells. */
	agreed: string;
	noAgreement: string;
	skipped: string;
	open: string;
	/** The voters cell of a hidden distribution ("too few votes") and of a vote not re-opened. */
	tooFew: string;
	notReopened: string;
	yes: string;
	no: string;
}

export interface WorkshopExportJson {
	round: { name: string; threshold: number; model: { id: string; version: string } };
	workshop: { endedAt: string };
	/**
	 * The consensus per area of the workshop (rule 47): the mean of the agreed levels (1 decimal)
	 * and its stage, null without an agreed question; the agreed questions two or more stages below
	 * that stage (rule 24c: id, text and level, in model order; [] for none), as the record page
	 * names them; the questions agreed and run.
	 */
	consensus: Array<{
		areaId: string;
		area: string;
		mean: number | null;
		stage: StageId | null;
		lowPractices: Array<{ questionId: string; question: string; stage: StageId }>;
		agreed: number;
		questions: number;
	}>;
	questions: Array<{
		areaId: string;
		area: string;
		questionId: string;
		question: string;
		outcome: RecordLine['outcome'];
		level: StageId | null;
		reason: string | null;
		/** Counts only: votes per level 1-4 and "don't know"; "too-few" below the threshold. */
		first: WorkshopExportVote;
		/** Null when the vote was not re-opened. */
		final: WorkshopExportVote | null;
		changedMind: boolean;
	}>;
}

type WorkshopExportVote =
	'too-few' | { voters: number; levels: [number, number, number, number]; dontKnow: number };

/**
 * The round's workshop record for a spreadsheet and as JSON (docs/scoring.md rule 48): one row per
 * question in the order the workshop ran them: area id and name, question id and text, outcome,
 * agreed level, rationale, then per vote (first, final) the voters, the votes per level and the
 * "don't know" votes, and whether the room changed its mind. A vote of fewer voters than the
 * threshold is `labels.tooFew` with its count cells empty; a vote not re-opened is
 * `labels.notReopened`. Counts only: nothing names or numbers a participant. The CSV has no
 * per-area row, so the consensus per area (rule 47, with rule 24c's low practices) is in the JSON
 * only.
 */
export function workshopRecordExport(
	model: MaturityModel,
	record: { endedAt: string; lines: readonly RecordLine[] },
	options: {
		round: { name: string; threshold: number };
		locale: Locale;
		labels: WorkshopExportLabels;
	}
): { header: string[]; rows: CsvCell[][]; json: WorkshopExportJson } {
	const { labels, locale } = options;
	const areaOf = new Map(model.areas.map((a) => [a.id, a]));
	const questionOf = new Map(listQuestions(model).map((q) => [q.id, q]));
	const outcomeLabel: Record<RecordLine['outcome'], string> = {
		agreed: labels.agreed,
		'no-agreement': labels.noAgreement,
		skipped: labels.skipped,
		open: labels.open
	};
	const voteHeader = (vote: string) => [
		labels.voters(vote),
		...[1, 2, 3, 4].map((level) => labels.votesAt(vote, level)),
		labels.dontKnow(vote)
	];
	const header = [
		labels.areaId,
		labels.area,
		labels.questionId,
		labels.question,
		labels.outcome,
		labels.level,
		labels.reason,
		...voteHeader(labels.first),
		...voteHeader(labels.final),
		labels.changedMind
	];
	const voteCells = (d: RecordDistribution | null): CsvCell[] =>
		d === null
			? [labels.notReopened, null, null, null, null, null]
			: d.shown
				? [d.voters, ...d.counts, d.dontKnow]
				: [labels.tooFew, null, null, null, null, null];
	const voteJson = (d: RecordDistribution): WorkshopExportVote =>
		d.shown ? { voters: d.voters, levels: [...d.counts], dontKnow: d.dontKnow } : 'too-few';
	const questionText = (id: string) => {
		const question = questionOf.get(id);
		return question ? localize(question.text, locale) : id;
	};
	const named = record.lines.map((line) => {
		const area = areaOf.get(line.areaId);
		return {
			line,
			area: area ? localize(area.name, locale) : line.areaId,
			question: questionText(line.questionId)
		};
	});
	return {
		header,
		rows: named.map(({ line, area, question }) => [
			line.areaId,
			area,
			line.questionId,
			question,
			outcomeLabel[line.outcome],
			line.level,
			line.reason,
			...voteCells(line.first),
			...voteCells(line.final),
			line.changedMind ? labels.yes : labels.no
		]),
		json: {
			round: {
				name: options.round.name,
				threshold: options.round.threshold,
				model: { id: model.id, version: model.version }
			},
			workshop: { endedAt: record.endedAt },
			consensus: consensusByArea(model, record.lines).map((c) => {
				const area = areaOf.get(c.areaId);
				return {
					areaId: c.areaId,
					area: area ? localize(area.name, locale) : c.areaId,
					mean: c.mean === null ? null : round(c.mean, 1),
					stage: c.stage,
					lowPractices: c.lowPractices.map((p) => ({
						questionId: p.questionId,
						question: questionText(p.questionId),
						stage: p.stage
					})),
					agreed: c.agreed,
					questions: c.questions
				};
			}),
			questions: named.map(({ line, area, question }) => ({
				areaId: line.areaId,
				area,
				questionId: line.questionId,
				question,
				outcome: line.outcome,
				level: line.level,
				reason: line.reason,
				first: voteJson(line.first),
				final: line.final && voteJson(line.final),
				changedMind: line.changedMind
			}))
		}
	};
}
