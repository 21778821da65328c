/**
 * Peers for a benchmark written straight into the test database: organisations (optionally clients
 * of a practice) with one closed round each whose stored sums give every area the same mean, as
 * the benchmark reads them. Ids are random, so test files sharing a database do not collide.
 */
import { randomUUID } from 'node:crypto';
import type { SyncDatabase } from './sync-pg';

const id = (label: string) => `${label}${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** Writes an organisation with one round of `responses` whose every area has mean `level`. */
export function seed(sqlite: Pick<SyncDatabase, 'prepare'>, areaIds: readonly string[]) {
	const organisation = (
		name: string,
		options: { sector?: string; sizeBand?: string; optOut?: boolean; practiceId?: string } = {}
	) => {
		const orgId = id('org');
		sqlite
			.prepare(
				'insert into organisations (id, name, sector, size_band, benchmark_opt_out) values (?, ?, ?, ?, ?)'
			)
			.run(orgId, name, options.sector ?? null, options.sizeBand ?? null, options.optOut ? 1 : 0);
		if (options.practiceId)
			sqlite
				.prepare('insert into practice_clients (practice_id, organisation_id) values (?, ?)')
				.run(options.practiceId, orgId);
		return orgId;
	};
	const round = (
		orgId: string,
		modelId: string,
		level: number,
		options: { responses?: number; threshold?: number; removed?: number; createdAt?: string } = {}
	) => {
		const roundId = id('round');
		const responses = options.responses ?? 3;
		sqlite
			.prepare(
				"insert into rounds (id, organisation_id, model_id, name, status, anonymity_threshold, created_at) values (?, ?, ?, ?, 'closed', ?, ?)"
			)
			.run(
				roundId,
				orgId,
				modelId,
				'Round',
				options.threshold ?? 3,
				options.createdAt ?? new Date().toISOString()
			);
		sqlite
			.prepare(
				"insert into round_group_sums (round_id, department_key, role_level_key, responses) values (?, '', '', ?)"
			)
			.run(roundId, responses);
		if (options.removed)
			sqlite
				.prepare(
					"insert into round_removals (round_id, department_key, role_level_key, removed) values (?, '', '', ?)"
				)
				.run(roundId, options.removed);
		for (const areaId of areaIds)
			sqlite
				.prepare(
					"insert into round_area_sums (round_id, department_key, role_level_key, area_id, scored, sum, sum_sq, answered, not_applicable, target_sum, target_count) values (?, '', '', ?, ?, ?, ?, ?, 0, 0, 0)"
				)
				.run(roundId, areaId, responses, level * responses, level * level * responses, responses);
		return roundId;
	};
	const practice = (name: string) => {
		const practiceId = id('practice');
		sqlite.prepare('insert into practices (id, name) values (?, ?)').run(practiceId, name);
		return practiceId;
	};
	return { organisation, round, practice };
}
