/**
 * Made-up but plausible responses: each answer is a department's level for the area, moved by the
 * respondent's role level, their own outlook and noise, then rounded to a level 1-4. Some answers
 * are "don't know" (more often from the frontline on strategy, measurement and governance), a few
 * questions are skipped, some answers carry an evidence note, and most respondents want each area
 * one stage above where they see it now.
 */
import type { MaturityModel, StageId } from '$lib/domain/model';
import { NOT_APPLICABLE, type AnswerValue } from '$lib/domain/scoring';
import type { LoadedResponse } from '$lib/server/db/bulk';
import {
	AREA_BASELINE,
	LOCAL_NOTES,
	NOTES,
	NOT_APPLICABLE_SHARE,
	QUESTION_OFFSET,
	ROLE_EFFECT,
	ROLE_LEVEL_NAMES,
	type DemoDepartment,
	type RoleLevelName
} from './data';
import { chance, normal, pick, randomFor, seedOf, shuffle, type Random } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Areas that people far from the management table often cannot judge. */
const REMOTE_AREAS = new Set(['strategy-vision', 'measurement', 'governance']);

/** Departments with at least this many responses in a round write evidence notes. */
const NOTES_FROM = 10;

export interface GenerateOptions {
	model: MaturityModel;
	/** Seeds the generator together with the department name, e.g. "round-1". */
	seedKey: string;
	department: DemoDepartment;
	departmentId: string;
	linkToken: string;
	count: number;
	roleLevelIds: Readonly<Record<RoleLevelName, string>>;
	/** Added to an area's level for everyone (the progress made since the first round). */
	areaShift: Readonly<Record<string, number>>;
	/** Added to every area (the department's own movement since the first round). */
	levelShift: number;
	/** When the round was open for answers; submissions are spread over it. */
	period: { from: Date; to: Date };
}

/** The responses of one department to one round; the same options give the same responses. */
export function generateResponses(options: GenerateOptions): LoadedResponse[] {
	const { model, department } = options;
	const random = randomFor(`${options.seedKey}/${department.name}`);
	const withNotes = options.count >= NOTES_FROM;
	const responses: LoadedResponse[] = [];
	for (const role of roleMix(random, options.count, department.roles)) {
		const effect = ROLE_EFFECT[role];
		const outlook = normal(random, 0.3); // some people see everything brighter than others
		const answers: Record<string, AnswerValue> = {};
		const notes: Record<string, string> = {};
		const targets: Record<string, StageId> = {};
		const setsTargets = !chance(random, 0.03);

		for (const area of model.areas) {
			const areaLevel =
				(AREA_BASELINE[area.id] ?? 2) +
				department.level +
				(department.areas?.[area.id] ?? 0) +
				options.levelShift +
				(effect.all ?? 0) +
				(effect[area.id] ?? 0) +
				(options.areaShift[area.id] ?? 0) +
				outlook +
				normal(random, 0.2);
			const dontKnow =
				role === 'Executive'
					? 0.01
					: REMOTE_AREAS.has(area.id) && (role === 'Frontline' || role === 'Support / back office')
						? 0.11
						: 0.03;
			const levels: number[] = [];
			for (const question of area.questions) {
				if (chance(random, 0.008)) continue; // skipped
				if (chance(random, dontKnow)) {
					answers[question.id] = null;
					continue;
				}
				if (question.notApplicable && chance(random, NOT_APPLICABLE_SHARE[question.id] ?? 0)) {
					answers[question.id] = NOT_APPLICABLE;
					continue;
				}
				const latent =
					areaLevel + (QUESTION_OFFSET[question.id] ?? jitter(question.id)) + normal(random, 0.5);
				const level = toLevel(latent);
				answers[question.id] = level;
				levels.push(level);
				if (withNotes && chance(random, 0.1)) notes[question.id] = noteFor(random, area.id, level);
			}
			if (setsTargets) {
				const seen = levels.length
					? levels.reduce((sum, l) => sum + l, 0) / levels.length
					: areaLevel;
				const roll = random();
				const step = roll < 0.75 ? 1 : roll < 0.88 ? 2 : 0;
				targets[area.id] = toLevel(Math.round(seen) + step);
			}
		}
		responses.push({
			departmentId: options.departmentId,
			roleLevelId: options.roleLevelIds[role],
			linkToken: options.linkToken,
			answers,
			targets,
			notes,
			submittedAt: submissionTime(random, options.period.from, options.period.to)
		});
	}
	return responses;
}

/**
 * The role levels of `count` respondents in the department's proportions (largest remainders), in
 * random order: drawing each one at random would make small departments swing between rounds.
 */
function roleMix(
	random: Random,
	count: number,
	shares: readonly [number, number, number, number]
): RoleLevelName[] {
	const total = shares.reduce((sum, s) => sum + s, 0);
	const exact = shares.map((s) => (s / total) * count);
	const counts = exact.map(Math.floor);
	const byRemainder = exact
		.map((value, i) => ({ i, remainder: value - Math.floor(value) }))
		.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
	const missing = count - counts.reduce((sum, c) => sum + c, 0);
	for (const { i } of byRemainder.slice(0, missing)) counts[i] = (counts[i] ?? 0) + 1;
	return shuffle(
		random,
		ROLE_LEVEL_NAMES.flatMap((name, i) => Array<RoleLevelName>(counts[i] ?? 0).fill(name))
	);
}

/** Rounds and clamps to a level 1-4. */
function toLevel(value: number): StageId {
	return Math.min(4, Math.max(1, Math.round(value))) as StageId;
}

/** A small fixed offset per question (-0.1 to 0.1), so questions of an area are not all alike. */
function jitter(questionId: string): number {
	return ((seedOf(questionId) % 201) - 100) / 1000;
}

/** An evidence note that fits the answer: a complaint for a low level, a success for a high one. */
function noteFor(random: Random, areaId: string, level: StageId): string {
	const local = LOCAL_NOTES[areaId];
	if (local && level <= 2 && chance(random, 0.08)) return pick(random, local);
	const pool = NOTES[areaId];
	if (!pool) return 'Hard to say; it depends on the team.';
	return pick(random, level <= 2 ? pool.low : pool.high);
}

/**
 * When a response was submitted: most in the first days after the invitation, fewer later, on
 * working days between 07:00 and 17:59 UTC, always within the period.
 */
function submissionTime(random: Random, from: Date, to: Date): string {
	const span = to.getTime() - from.getTime();
	const at = new Date(from.getTime() + span * random() ** 1.8);
	at.setUTCHours(
		7 + Math.floor(random() * 11),
		Math.floor(random() * 60),
		Math.floor(random() * 60)
	);
	at.setUTCMilliseconds(Math.floor(random() * 1000));
	const weekday = at.getUTCDay();
	if (weekday === 6) at.setTime(at.getTime() - DAY); // Saturday -> Friday
	if (weekday === 0) at.setTime(at.getTime() + DAY); // Sunday -> Monday
	const time = Math.min(to.getTime() - HOUR, Math.max(from.getTime() + HOUR, at.getTime()));
	return new Date(time).toISOString();
}
