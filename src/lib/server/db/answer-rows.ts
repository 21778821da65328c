/**
 * How an answer is stored: a level 1-4, "don't know" (level null) or "not applicable" (level null,
 * `not_applicable` 1). The one place that reads and writes the two columns.
 */
import { isStageId } from '$lib/domain/model';
import { NOT_APPLICABLE, type AnswerValue } from '$lib/domain/scoring';

export interface AnswerRow {
	level: number | null;
	not_applicable: number;
}

/** The answer a stored row holds. */
export function answerOf(row: AnswerRow): AnswerValue {
	if (row.not_applicable === 1) return NOT_APPLICABLE;
	return row.level !== null && isStageId(row.level) ? row.level : null;
}

/** The columns that store an answer. */
export function answerRow(value: AnswerValue): AnswerRow {
	return value === NOT_APPLICABLE
		? { level: null, not_applicable: 1 }
		: { level: value, not_applicable: 0 };
}
