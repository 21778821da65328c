/**
 * A round's workshop record (issue 12): which workshop's agreed answers count as the round's
 * consensus result (docs/scoring.md rule 46), the consensus stage per area (rule 47), and the record
 * as the results page, the dashboard, the PDF and the exports show it (rule 48). Pure: the storage
 * (`lib/server/workshop-record.ts`) reads the workshops, their records and votes, and calls these.
 *
 * Anonymity: nothing here carries a participant; the record has counts only, and a distribution of
 * fewer voters than the round's threshold is "too few votes" without its number of voters, also
 * when the facilitator showed it in the room (the small-group opt-in is for the room only).
 */
import { legalCheck, legalCheckView, type LegalAnswer } from './legal-findings';
import { localize, type Locale, type MaturityModel, type StageId } from './model';
import { personalResults, withLowPractices, type Results } from './results';
import { namePractices, type ImportanceRatings, type QuestionStage } from './roadmap';
import { round, scoreResponse } from './scoring';
import type { Sector } from './sectors';
import {
	workshopRecordOf,
	type Distribution,
	type QuestionRecordLine,
	type RecordOutcome,
	type Vote,
	type WorkshopState,
	type WorkshopStatus
} from './workshop';

/** A workshop of the round as the choice of the record needs it. */
export interface RecordCandidate {
	id: string;
	status: WorkshopStatus;
	/** ISO time the workshop ended; null while it runs. */
	endedAt: string | null;
	/** Questions it recorded as agreed or as "no agreement" (skipped ones do not count). */
	recorded: number;
}

/**
 * The workshop whose record counts for the round (rule 46): the most recently ended one that
 * recorded at least one question as agreed or "no agreement"; a workshop still running is not a
 * result yet. Ties on the end time go to the larger id, so the choice never depends on read order.
 * Null when no workshop qualifies.
 */
export function recordWorkshopId(candidates: readonly RecordCandidate[]): string | null {
	const ended = candidates.filter(
		(c): c is RecordCandidate & { endedAt: string } =>
			c.status === 'ended' && c.endedAt !== null && c.recorded > 0
	);
	ended.sort((a, b) => b.endedAt.localeCompare(a.endedAt) || b.id.localeCompare(a.id));
	return ended[0]?.id ?? null;
}

/** A distribution as it leaves the room: counts from the threshold on, else only "too few". */
export type RecordDistribution =
	| {
			shown: true;
			voters: number;
			/** Votes per level, index 0 = level 1. */
			counts: [number, number, number, number];
			dontKnow: number;
	  }
	| { shown: false };

function recordDistribution(d: Distribution): RecordDistribution {
	return d.shown && !d.belowThreshold
		? { shown: true, voters: d.voters, counts: [...d.counts], dontKnow: d.dontKnow }
		: { shown: false };
}

/** One question of the round's record. */
export interface RecordLine {
	questionId: string;
	areaId: string;
	/** 'open' when the workshop ended before the question was recorded or skipped. */
	outcome: RecordOutcome | 'open';
	level: StageId | null;
	reason: string | null;
	first: RecordDistribution;
	/** The re-opened vote's distribution; null when the vote was not re-opened. */
	final: RecordDistribution | null;
	changedMind: boolean;
}

/**
 * The record of an ended workshop, question by question in the order run, with the threshold
 * applied to every distribution whatever the facilitator chose for the room.
 */
export function roundRecordOf(state: WorkshopState, votes: readonly Vote[]): RecordLine[] {
	const lines = workshopRecordOf({ ...state, smallGroupOptIn: false }, votes);
	return lines.map((line: QuestionRecordLine) => ({
		questionId: line.questionId,
		areaId: line.areaId,
		outcome: line.outcome ?? 'open',
		level: line.level,
		reason: line.reason,
		first: recordDistribution(line.first),
		final: line.final && recordDistribution(line.final),
		changedMind: line.changedMind
	}));
}

type RecordAnswer = Pick<RecordLine, 'questionId' | 'areaId' | 'outcome' | 'level'>;

/** The agreed levels as one response's answers (rule 47): the other outcomes stay unanswered. */
function agreedAnswers(lines: readonly RecordAnswer[]): Record<string, StageId> {
	const answers: Record<string, StageId> = {};
	for (const line of lines)
		if (line.outcome === 'agreed' && line.level !== null) answers[line.questionId] = line.level;
	return answers;
}

/**
 * The round's results when the workshop record stands in for the individual answers (rule 49):
 * only when the round may not show its individual answers (`roundShown` false: below its
 * threshold) and has a record. Then the agreed levels are the round's results, scored as one
 * response with the functions that score a person's answers (`personalResults`: `scoreResponse`,
 * the strengths and gaps, the roadmap for the consensus stages, ranked with the importance rated
 * per area), so the consensus stages are those of `consensusByArea`. No targets: the room agreed
 * levels, not targets. `respondents` is 0: no individual answer is in them. Null otherwise (the
 * individual answers are the results, or there are none to show).
 */
export function consensusResults(
	model: MaturityModel,
	roundShown: boolean,
	record: { lines: readonly RecordAnswer[] } | null | undefined,
	importance?: ImportanceRatings,
	sector: Sector | null = null
): Results | null {
	if (roundShown || !record) return null;
	const results = personalResults(
		model,
		{ answers: agreedAnswers(record.lines), targets: {} },
		importance,
		sector
	);
	return { ...results, respondents: 0 };
}

/** The room's consensus in one area of the workshop. */
export interface AreaConsensus {
	areaId: string;
	/** Mean of the agreed levels; null when no question of the area was agreed. */
	mean: number | null;
	stage: StageId | null;
	/**
	 * The agreed questions whose level is two or more stages below the consensus stage
	 * (docs/scoring.md rule 24c), in model order; [] when none is.
	 */
	lowPractices: QuestionStage[];
	/** Questions of the area the room agreed on, and the area's questions run. */
	agreed: number;
	questions: number;
}

/**
 * The consensus stage per area of the workshop (rule 47): the agreed levels scored as one response
 * through `scoreResponse`, the function that scores a person's answers, so "no agreement", skipped
 * and unrecorded questions count as unanswered; with the agreed questions two or more stages below
 * it (rule 24c), as the results name them. Areas in the workshop's order.
 */
export function consensusByArea(
	model: MaturityModel,
	lines: readonly Pick<RecordLine, 'questionId' | 'areaId' | 'outcome' | 'level'>[]
): AreaConsensus[] {
	const answers = agreedAnswers(lines);
	const levels = Object.entries(answers).map(([questionId, level]) => ({ questionId, level }));
	const scored = new Map(
		withLowPractices(model, scoreResponse(model, { answers, targets: {} }).areas, levels).map(
			(a) => [a.areaId, a]
		)
	);
	const areaIds = [...new Set(lines.map((l) => l.areaId))];
	return areaIds.map((areaId) => {
		const ofArea = lines.filter((l) => l.areaId === areaId);
		const score = scored.get(areaId);
		return {
			areaId,
			mean: score?.mean ?? null,
			stage: score?.stage ?? null,
			lowPractices: score?.lowPractices ?? [],
			agreed: ofArea.filter((l) => l.outcome === 'agreed').length,
			questions: ofArea.length
		};
	});
}

/**
 * The record's answers for the legal check (rule 24b): the agreed level of each question run; null
 * ("not answered") for a question the room did not agree on, skipped or left open.
 */
export function consensusLegalAnswers(
	lines: readonly Pick<RecordLine, 'questionId' | 'outcome' | 'level'>[]
): Record<string, LegalAnswer> {
	return Object.fromEntries(
		lines.map((l) => [l.questionId, l.outcome === 'agreed' && l.level !== null ? l.level : null])
	);
}

/** The individual answers' figures of the same round, when the results page shows them. */
export interface IndividualFigures {
	areas: ReadonlyArray<{ areaId: string; stage: StageId | null; mean: number | null }>;
	questions: ReadonlyArray<{ questionId: string; mean: number | null }>;
}

/**
 * The record as pages and the PDF show it: per area its name, the consensus stage beside the
 * individual stage (when the individual results are shown), and its questions with text, outcome,
 * level and its name, reason, distributions and whether the room changed its mind; and the agreed
 * answers below a legal floor of the organisation's sector (rule 24b), null when there are none.
 */
export function workshopRecordView(
	model: MaturityModel,
	record: { endedAt: string; lines: readonly RecordLine[] },
	individual: IndividualFigures | null,
	locale: Locale,
	sector: Sector | null = null
) {
	const areaOf = new Map(model.areas.map((a) => [a.id, a]));
	const questionOf = new Map(model.areas.flatMap((a) => a.questions.map((q) => [q.id, q])));
	const individualArea = new Map(individual?.areas.map((a) => [a.areaId, a]));
	const individualQuestion = new Map(individual?.questions.map((q) => [q.questionId, q]));
	const stageNames = model.stages.map((s) => localize(s.name, locale));
	const consensus = consensusByArea(model, record.lines);
	const count = (outcome: RecordLine['outcome']) =>
		record.lines.filter((l) => l.outcome === outcome).length;
	return {
		endedAt: record.endedAt,
		agreed: count('agreed'),
		noAgreement: count('no-agreement'),
		skipped: count('skipped'),
		changedMind: record.lines.filter((l) => l.changedMind).length,
		legal: legalCheckView(
			model,
			legalCheck(model, sector, consensusLegalAnswers(record.lines), { notes: false }),
			locale
		),
		areas: consensus.map((c) => {
			const area = areaOf.get(c.areaId);
			const mine = individualArea.get(c.areaId);
			return {
				id: c.areaId,
				name: area ? localize(area.name, locale) : c.areaId,
				consensus: {
					stage: c.stage,
					mean: c.mean === null ? null : round(c.mean, 1),
					agreed: c.agreed,
					questions: c.questions,
					/** As the results page names them (rule 24c), for the agreed levels. */
					lowPractices: namePractices(c.lowPractices, (id) => {
						const question = questionOf.get(id);
						return question ? localize(question.text, locale) : id;
					})
				},
				individual: mine
					? { stage: mine.stage, mean: mine.mean === null ? null : round(mine.mean, 1) }
					: null,
				questions: record.lines
					.filter((l) => l.areaId === c.areaId)
					.map((l) => {
						const question = questionOf.get(l.questionId);
						const individualMean = individualQuestion.get(l.questionId)?.mean ?? null;
						return {
							id: l.questionId,
							text: question ? localize(question.text, locale) : l.questionId,
							outcome: l.outcome,
							level: l.level,
							levelName: l.level === null ? null : (stageNames[l.level - 1] ?? null),
							/** The model's statement for the agreed level. */
							statement:
								l.level !== null && question
									? localize(question.levels[l.level - 1]!, locale)
									: null,
							reason: l.reason,
							first: l.first,
							final: l.final,
							changedMind: l.changedMind,
							individualMean: individualMean === null ? null : round(individualMean, 1)
						};
					})
			};
		})
	};
}

export type WorkshopRecordView = ReturnType<typeof workshopRecordView>;
