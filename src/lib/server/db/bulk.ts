/**
 * Bulk loading of submitted responses, for the demo organisation and the benchmarks: one
 * transaction of prepared statements, tens of thousands of answers a second. The app itself saves
 * answers one at a time through responses.ts.
 */
import type SQLite from 'better-sqlite3';
import type { StageId } from '$lib/domain/model';
import { hashToken, newId, newToken } from './ids';

export interface LoadedResponse {
	departmentId: string | null;
	roleLevelId: string | null;
	userId?: string | null;
	linkToken?: string | null;
	/** questionId -> level, or null for "don't know". */
	answers: Record<string, StageId | null>;
	targets?: Record<string, StageId>;
	notes?: Record<string, string>;
	/** ISO-8601. */
	submittedAt: string;
}

/** Inserts submitted responses to a round; returns their ids. */
export function insertSubmittedResponses(
	sqlite: SQLite.Database,
	assessmentId: string,
	responses: readonly LoadedResponse[]
): string[] {
	const response = sqlite.prepare(
		`insert into responses (id, assessment_id, user_id, link_token, department_id, role_level_id,
		   resume_token_hash, status, created_at, updated_at, submitted_at)
		 values (?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`
	);
	const answer = sqlite.prepare(
		'insert into answers (response_id, question_id, level, note, updated_at) values (?, ?, ?, ?, ?)'
	);
	const target = sqlite.prepare(
		'insert into targets (response_id, area_id, stage) values (?, ?, ?)'
	);
	const ids: string[] = [];
	sqlite.transaction(() => {
		for (const r of responses) {
			const id = newId();
			ids.push(id);
			response.run(
				id,
				assessmentId,
				r.userId ?? null,
				r.linkToken ?? null,
				r.departmentId,
				r.roleLevelId,
				hashToken(newToken()),
				r.submittedAt,
				r.submittedAt,
				r.submittedAt
			);
			for (const [questionId, level] of Object.entries(r.answers))
				answer.run(id, questionId, level, r.notes?.[questionId] ?? null, r.submittedAt);
			for (const [areaId, stage] of Object.entries(r.targets ?? {})) target.run(id, areaId, stage);
		}
	})();
	return ids;
}
