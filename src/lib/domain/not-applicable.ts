/**
 * "Not applicable": the question does not fit the organisation (its sector has no such thing). Only
 * questions that offer it (`notApplicable` in the model) take it; it is left out of the score and
 * of the confidence (docs/scoring.md rule 3). On its own, without the model and its schema, so the
 * respondent's step page can name it without loading them (scoring.ts re-exports it).
 */
export const NOT_APPLICABLE = 'not-applicable';
export type NotApplicable = typeof NOT_APPLICABLE;
