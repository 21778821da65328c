/**
 * Legal floors (docs/model.md section 10, docs/scoring.md rule 24b): in a regulated sector some
 * statements of a question are below the legal minimum. An answer below its question's floor is a
 * compliance finding, shown beside the results and never mixed into a stage or a score. Pure.
 *
 * What "the answer" is depends on who answered: one respondent's level, a team's median level for
 * the question (only where the team's results are shown, so the anonymity rules hold), or the
 * level a workshop agreed.
 */
import {
	listQuestions,
	localize,
	type LegalFloor,
	type LegalNote,
	type Locale,
	type LocalizedText,
	type MaturityModel,
	type Question,
	type StageId
} from './model';
import { NOT_APPLICABLE, round, type NotApplicable } from './scoring';
import type { Sector } from './sectors';
import type { QuestionStats } from './statistics';

/**
 * A question's answer as the check reads it: a level (1-4, a team's median may be 2.5), null for
 * "don't know" or no level given, or "not applicable". A question that is absent was not asked
 * (a workshop that did not run it) and is not checked.
 */
export type LegalAnswer = number | null | NotApplicable;
export type LegalAnswers = Readonly<Record<string, LegalAnswer | undefined>>;

/** A question answered below its legal floor in the organisation's sector. */
export interface LegalFinding {
	questionId: string;
	areaId: string;
	/** The answer: a level, or a team's median level. */
	level: number;
	/** The statement the answer reaches: the whole part of the level (a median of 1.5 is 1). */
	answerStage: StageId;
	/** The first statement that meets the legal minimum. */
	floor: LegalFloor['level'];
	rule: LocalizedText;
	finding?: LocalizedText;
}

/** The legal check of one set of answers in one sector. */
export interface LegalCheck {
	sector: Sector;
	/** The questions below their floor, in model order. */
	findings: LegalFinding[];
	/**
	 * Questions with a floor in the sector that got no level ("don't know", or nobody gave one):
	 * nobody can tell whether they meet the law, so compliance should check them.
	 */
	unanswered: Array<{ questionId: string; areaId: string; rule: LocalizedText }>;
	/**
	 * Points of law the answered questions touch that no statement expresses (a question's
	 * `legalNotes` in the sector): not findings, but for compliance to check.
	 */
	checks: LegalNoteCheck[];
}

/** A question's legal note that applies to an answer: shown for compliance to check. */
export interface LegalNoteCheck {
	questionId: string;
	areaId: string;
	rule: LocalizedText;
	check: LocalizedText;
}

// Guards floor() against binary fractions of a median, as scoring.ts does for a mean.
const EPSILON = 1e-9;

/** The question's floor in `sector`, or null when it has none there. */
export function floorFor(
	question: Pick<Question, 'legalFloor'>,
	sector: Sector
): LegalFloor | null {
	const floor = question.legalFloor;
	if (!floor) return null;
	return floor.sectors === 'all' || floor.sectors.includes(sector) ? floor : null;
}

/** The model's questions that have a floor in `sector`, in model order. */
export function floorsFor(model: MaturityModel, sector: Sector) {
	return listQuestions(model).flatMap((q) => {
		const floor = floorFor(q, sector);
		return floor ? [{ questionId: q.id, areaId: q.areaId, floor }] : [];
	});
}

/** The question's legal notes that apply in `sector`. */
export function notesFor(question: Pick<Question, 'legalNotes'>, sector: Sector): LegalNote[] {
	return (question.legalNotes ?? []).filter(
		(note) => note.sectors === 'all' || note.sectors.includes(sector)
	);
}

/**
 * The legal notes in `sector` that the answers call for, in model order: a question that was asked
 * and not answered "not applicable" shows its notes, a note with `upTo` only when the answer is
 * that statement or lower (a median of 2.5 reaches statement 2) or unknown ("don't know").
 *
 * Example: `se-proactive` carries a note for telecoms and energy on notice of price changes; a
 * telecom's answer 3 shows it, a retailer's none, and a note with `upTo: 2` hides at answer 3.
 */
export function legalNoteChecks(
	model: MaturityModel,
	sector: Sector | null,
	levels: LegalAnswers
): LegalNoteCheck[] {
	if (sector === null) return [];
	return listQuestions(model).flatMap((q) => {
		if (!Object.hasOwn(levels, q.id)) return [];
		const answer = levels[q.id];
		if (answer === undefined || answer === NOT_APPLICABLE) return [];
		return notesFor(q, sector)
			.filter(
				(note) =>
					note.upTo === undefined || answer === null || Math.floor(answer + EPSILON) <= note.upTo
			)
			.map((note) => ({ questionId: q.id, areaId: q.areaId, rule: note.rule, check: note.check }));
	});
}

/**
 * The questions whose answer is below the legal floor for `sector`, with the law, in model order.
 * "Don't know", "not applicable" and questions not asked give none; no sector gives none.
 *
 * Example: a bank whose answer to `voc-complaints` (floor 2 for banks) is 1 gets one finding with
 * `answerStage` 1; an insurer answering 2, or a retailer answering 1 (no floor in retail), none.
 */
export function legalFindings(
	model: MaturityModel,
	sector: Sector | null,
	levels: LegalAnswers
): LegalFinding[] {
	if (sector === null) return [];
	return floorsFor(model, sector).flatMap(({ questionId, areaId, floor }) => {
		const answer = Object.hasOwn(levels, questionId) ? levels[questionId] : undefined;
		if (typeof answer !== 'number' || !(answer < floor.level)) return [];
		const answerStage = Math.min(4, Math.max(1, Math.floor(answer + EPSILON))) as StageId;
		return [
			{
				questionId,
				areaId,
				level: answer,
				answerStage,
				floor: floor.level,
				rule: floor.rule,
				...(floor.finding ? { finding: floor.finding } : {})
			}
		];
	});
}

/**
 * The full check: the findings, the questions with a floor that got no level, and the legal notes
 * the answers call for. Null when there is no sector or the model has neither a floor nor a note
 * in it, so nothing is shown. `notes: false` leaves the notes out: a workshop's agreed answers are
 * checked against the floors only, since the round's results already list the points of law.
 */
export function legalCheck(
	model: MaturityModel,
	sector: Sector | null,
	levels: LegalAnswers,
	{ notes = true }: { notes?: boolean } = {}
): LegalCheck | null {
	if (sector === null) return null;
	const floors = floorsFor(model, sector);
	if (floors.length === 0 && !listQuestions(model).some((q) => notesFor(q, sector).length > 0))
		return null;
	return {
		sector,
		findings: legalFindings(model, sector, levels),
		unanswered: floors
			.filter(({ questionId }) => Object.hasOwn(levels, questionId) && levels[questionId] === null)
			.map(({ questionId, areaId, floor }) => ({ questionId, areaId, rule: floor.rule })),
		checks: notes ? legalNoteChecks(model, sector, levels) : []
	};
}

/**
 * A team's answers for the check, from its question statistics: the median level; null when no
 * level was given but someone answered "don't know" or nobody answered; "not applicable" when
 * everyone who answered said so.
 */
export function teamLegalAnswers(questions: readonly QuestionStats[]): Record<string, LegalAnswer> {
	return Object.fromEntries(
		questions.map((q) => [
			q.questionId,
			q.median !== null ? q.median : q.notApplicable > 0 && q.dontKnow === 0 ? NOT_APPLICABLE : null
		])
	);
}

/**
 * Whether a check has anything to show: a finding, a question nobody could answer, or a point of
 * law to check.
 */
export function hasLegalNotes(check: LegalCheck | null): check is LegalCheck {
	return (
		check !== null &&
		(check.findings.length > 0 || check.unanswered.length > 0 || check.checks.length > 0)
	);
}

/**
 * A check as the pages and the PDF show it, in the reader's language: per finding the question,
 * its area, the answer (a team's median to one decimal), the statement that meets the law and the
 * law; the questions nobody could answer; and the points of law to check (question, what to
 * check, the law). Null when there is nothing to show, so the block is left out.
 */
export function legalCheckView(model: MaturityModel, check: LegalCheck | null, locale: Locale) {
	if (!hasLegalNotes(check)) return null;
	const questionOf = new Map(listQuestions(model).map((q) => [q.id, q]));
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	const text = (id: string) => {
		const question = questionOf.get(id);
		return question ? localize(question.text, locale) : id;
	};
	return {
		sector: check.sector,
		findings: check.findings.map((f) => ({
			id: f.questionId,
			question: text(f.questionId),
			area: areaName.get(f.areaId) ?? f.areaId,
			level: round(f.level, 1),
			answerStage: f.answerStage,
			floor: f.floor,
			/** The statement that meets the legal minimum. */
			floorStatement: localizeOr(questionOf.get(f.questionId)?.levels[f.floor - 1], locale),
			rule: localize(f.rule, locale),
			finding: f.finding ? localize(f.finding, locale) : null
		})),
		unanswered: check.unanswered.map((u) => ({
			id: u.questionId,
			question: text(u.questionId),
			area: areaName.get(u.areaId) ?? u.areaId,
			rule: localize(u.rule, locale)
		})),
		checks: check.checks.map((c, i) => ({
			/** A question may carry several notes: the key is unique per note. */
			key: `${c.questionId}-${i}`,
			id: c.questionId,
			question: text(c.questionId),
			area: areaName.get(c.areaId) ?? c.areaId,
			check: localize(c.check, locale),
			rule: localize(c.rule, locale)
		}))
	};
}

export type LegalCheckView = NonNullable<ReturnType<typeof legalCheckView>>;

const localizeOr = (text: LocalizedText | undefined, locale: Locale) =>
	text ? localize(text, locale) : '';
