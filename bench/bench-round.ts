/**
 * The round the database benches (bench/dashboard.ts, bench/sums-contention.ts) load their
 * submitted responses into, made with the app's own db functions: the default model, a user who
 * owns the organisation "Bench" with the departments named and the default role levels, and a
 * round on the model with an anonymity threshold of 5.
 */
import type { LoadedResponse } from '$lib/server/db/bulk';
import type { Db } from '$lib/server/db/connection';
import { addGroup, listGroups } from '$lib/server/db/groups';
import { ensureDefaultModel, type StoredModel } from '$lib/server/db/models';
import { createOrganisation } from '$lib/server/db/organisations';
import { createRound } from '$lib/server/db/rounds';
import { createUser } from '$lib/server/db/users';

/** Creates the bench's round in `db`, with one department per name in `departmentNames`. */
export async function createBenchRound(db: Db, departmentNames: readonly string[]) {
	const stored = await ensureDefaultModel(db);
	const user = (await createUser(db, {
		email: 'bench@example.com',
		displayName: 'Bench',
		passwordHash: 'not-used'
	}))!;
	const org = await createOrganisation(db, { name: 'Bench', ownerId: user.id });
	for (const name of departmentNames) await addGroup(db, 'departments', org.id, name);
	const departments = await listGroups(db, 'departments', org.id);
	const roleLevels = await listGroups(db, 'role_levels', org.id);
	const round = await createRound(db, {
		organisationId: org.id,
		modelId: stored.id,
		name: 'Bench round',
		anonymityThreshold: 5,
		createdBy: user.id
	});
	const questions = stored.model.areas.flatMap((a) => a.questions.map((q) => q.id));
	return { stored, departments, roleLevels, round, questions };
}

/**
 * The `i`-th submitted response of a bench round: submitted `i` seconds after 1 October 2026,
 * with a target of stage 3 for the model's first area.
 */
export const benchResponse = (
	stored: StoredModel,
	i: number,
	response: Pick<LoadedResponse, 'departmentId' | 'roleLevelId' | 'answers'>
): LoadedResponse => ({
	...response,
	targets: { [stored.model.areas[0]!.id]: 3 },
	submittedAt: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString()
});
