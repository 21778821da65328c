/**
 * Bulk loading of submitted responses, for the demo organisation and the benchmarks: one
 * transaction of prepared statements, tens of thousands of answers a second. The app itself saves
 * answers one at a time through responses.ts.
 */
import type { StageId } from '$lib/domain/model';
import type { AnswerValue } from '$lib/domain/scoring';
import { answerRow } from './answer-rows';
import type { Db, OpenedDatabase } from './connection';
import { rebuildRoundSums } from './round-sums';
import type { RoundStatus, Role } from './schema';
import { hashToken, newId, newToken } from './ids';
import { normaliseEmail } from './users';

export interface LoadedResponse {
	departmentId: string | null;
	roleLevelId: string | null;
	userId?: string | null;
	linkToken?: string | null;
	/** questionId -> level, null for "don't know", or "not applicable". */
	answers: Record<string, AnswerValue>;
	targets?: Record<string, StageId>;
	notes?: Record<string, string>;
	/** ISO-8601. */
	submittedAt: string;
}

/** Inserts submitted responses to a round; returns their ids. */
export async function insertSubmittedResponses(
	opened: Pick<OpenedDatabase, 'db' | 'sqlite'>,
	round: { id: string; modelId: string },
	responses: readonly LoadedResponse[],
	/** Loading in batches: recompute the round's sums only after the last one. */
	options: { rebuildSums?: boolean } = {}
): Promise<string[]> {
	const { sqlite } = opened;
	if (!sqlite) {
		const ids = await insertThroughKysely(opened.db, round.id, responses);
		if (options.rebuildSums ?? true) await rebuildRoundSums(opened.db, round);
		return ids;
	}
	const roundId = round.id;
	const response = sqlite.prepare(
		`insert into responses (id, round_id, user_id, link_token, department_id, role_level_id,
		   resume_token_hash, status, created_at, updated_at, submitted_at)
		 values (?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`
	);
	const answer = sqlite.prepare(
		'insert into answers (response_id, question_id, level, not_applicable, note, updated_at) values (?, ?, ?, ?, ?, ?)'
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
				roundId,
				r.userId ?? null,
				r.linkToken ?? null,
				r.departmentId,
				r.roleLevelId,
				hashToken(newToken()),
				r.submittedAt,
				r.submittedAt,
				r.submittedAt
			);
			for (const [questionId, value] of Object.entries(r.answers)) {
				const row = answerRow(value);
				answer.run(
					id,
					questionId,
					row.level,
					row.not_applicable,
					r.notes?.[questionId] ?? null,
					r.submittedAt
				);
			}
			for (const [areaId, stage] of Object.entries(r.targets ?? {})) target.run(id, areaId, stage);
		}
	})();
	// Loaded around the per-response bookkeeping, so the round's sums are recomputed once.
	if (options.rebuildSums ?? true) await rebuildRoundSums(opened.db, round);
	return ids;
}

/** The same rows through Kysely (PostgreSQL): one transaction, multi-row inserts of 1,000 rows. */
async function insertThroughKysely(
	db: Db,
	roundId: string,
	responses: readonly LoadedResponse[]
): Promise<string[]> {
	const rows = responses.map((r) => ({ id: newId(), r }));
	const ids = rows.map((row) => row.id);
	const responseRows = rows.map(({ id, r }) => ({
		id,
		round_id: roundId,
		user_id: r.userId ?? null,
		link_token: r.linkToken ?? null,
		department_id: r.departmentId,
		role_level_id: r.roleLevelId,
		resume_token_hash: hashToken(newToken()),
		status: 'submitted' as const,
		created_at: r.submittedAt,
		updated_at: r.submittedAt,
		submitted_at: r.submittedAt
	}));
	const answerRows = rows.flatMap(({ id, r }) =>
		Object.entries(r.answers).map(([questionId, value]) => {
			const row = answerRow(value);
			return {
				response_id: id,
				question_id: questionId,
				level: row.level,
				not_applicable: row.not_applicable,
				note: r.notes?.[questionId] ?? null,
				updated_at: r.submittedAt
			};
		})
	);
	const targetRows = rows.flatMap(({ id, r }) =>
		Object.entries(r.targets ?? {}).map(([areaId, stage]) => ({
			response_id: id,
			area_id: areaId,
			stage
		}))
	);
	const chunks = <T>(rows: T[]) =>
		Array.from({ length: Math.ceil(rows.length / 1000) }, (_, i) =>
			rows.slice(i * 1000, i * 1000 + 1000)
		);
	await db.transaction().execute(async (trx) => {
		for (const rows of chunks(responseRows))
			await trx.insertInto('responses').values(rows).execute();
		for (const rows of chunks(answerRows)) await trx.insertInto('answers').values(rows).execute();
		for (const rows of chunks(targetRows)) await trx.insertInto('targets').values(rows).execute();
	});
	return ids;
}

/**
 * Deletes every organisation of this exact name with all it holds (departments, role levels,
 * members, rounds, links, responses, tracked roadmap items cascade). Returns how many were deleted.
 * For the demo organisation, which is recreated under a fixed name.
 */
/** Dates a stored model version as made and published earlier (for the demo's history). */
export async function setModelTimeline(
	db: Db,
	modelId: string,
	timeline: { createdAt: string; publishedAt: string }
): Promise<void> {
	await db
		.updateTable('maturity_models')
		.set({ created_at: timeline.createdAt, published_at: timeline.publishedAt })
		.where('id', '=', modelId)
		.execute();
}

export async function deleteOrganisationsNamed(db: Db, name: string): Promise<number> {
	const result = await db.deleteFrom('organisations').where('name', '=', name).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/**
 * Deletes the accounts with these e-mails (compared as stored, lower-cased); their sessions and
 * memberships cascade. Returns how many were deleted.
 */
export async function deleteUsersByEmail(db: Db, emails: readonly string[]): Promise<number> {
	if (emails.length === 0) return 0;
	const result = await db
		.deleteFrom('users')
		.where('email', 'in', emails.map(normaliseEmail))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Makes a user a member of an organisation with a role; an existing member gets the new role. */
export async function addMembership(
	db: Db,
	organisationId: string,
	userId: string,
	role: Role
): Promise<void> {
	await db
		.insertInto('memberships')
		.values({ organisation_id: organisationId, user_id: userId, role })
		.onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ role }))
		.execute();
}

/**
 * Back-dates a round: sets its status and its created, opened and closed times (ISO-8601 with
 * milliseconds, as `Date.toISOString()` writes them). Its respondent links take the opening time
 * (or the creation time) as their own creation time. The app itself only ever stamps "now".
 */
export async function setRoundTimeline(
	db: Db,
	roundId: string,
	timeline: {
		status: RoundStatus;
		createdAt: string;
		openedAt: string | null;
		closedAt: string | null;
	}
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('rounds')
			.set({
				status: timeline.status,
				created_at: timeline.createdAt,
				opened_at: timeline.openedAt,
				closed_at: timeline.closedAt
			})
			.where('id', '=', roundId)
			.execute();
		await trx
			.updateTable('response_links')
			.set({ created_at: timeline.openedAt ?? timeline.createdAt })
			.where('round_id', '=', roundId)
			.execute();
	});
}
