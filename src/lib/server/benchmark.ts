/**
 * The benchmark of a round (docs/scoring.md, "Benchmark"): its organisation's area scores against
 * its peers' (`lib/server/db/benchmark.ts`), computed by `lib/domain/benchmark.ts`. The scope is
 * the practice whose client the organisation is, or every organisation of the instance when the
 * operator sets `BENCHMARK_SCOPE=instance` (docs/operations.md). What is returned holds statistics
 * only: no other organisation's name, id, count below five or value.
 */
import { env } from '$env/dynamic/private';
import { z } from 'zod';
import { benchmarkOf, type Benchmark } from '$lib/domain/benchmark';
import type { MaturityModel } from '$lib/domain/model';
import type { Db } from './db/connection';
import {
	getBenchmarkSettings,
	getPracticeOfClient,
	loadPeerScores,
	loadRoundAreaScores
} from './db/benchmark';
import { getOrganisation } from './db/organisations';

export type BenchmarkScopeSetting = 'practice' | 'instance';

/** The operator's setting: the instance-wide benchmark is off unless `BENCHMARK_SCOPE=instance`. */
export function benchmarkScopeSetting(value = env.BENCHMARK_SCOPE): BenchmarkScopeSetting {
	return value?.trim().toLowerCase() === 'instance' ? 'instance' : 'practice';
}

/** The filter asked in the address: `?benchmarkSector=1&benchmarkSize=1` (same as this client). */
export const benchmarkFilterSchema = z.object({
	benchmarkSector: z.enum(['0', '1']).optional(),
	benchmarkSize: z.enum(['0', '1']).optional()
});

/** The address parameters of a filter, for links that keep it. */
export function benchmarkQuery(request: BenchmarkRequest): Array<[string, string]> {
	const params: Array<[string, string]> = [];
	if (request.sameSector) params.push(['benchmarkSector', '1']);
	if (request.sameSize) params.push(['benchmarkSize', '1']);
	return params;
}

export interface BenchmarkRequest {
	sameSector: boolean;
	sameSize: boolean;
}

/** The filter from the address; an unknown value asks for no filter (it can reveal nothing more). */
export function benchmarkRequestOf(params: URLSearchParams): BenchmarkRequest {
	const parsed = benchmarkFilterSchema.safeParse({
		benchmarkSector: params.get('benchmarkSector') ?? undefined,
		benchmarkSize: params.get('benchmarkSize') ?? undefined
	});
	return {
		sameSector: parsed.success && parsed.data.benchmarkSector === '1',
		sameSize: parsed.success && parsed.data.benchmarkSize === '1'
	};
}

/**
 * The benchmark of a round, or null when it has none: the organisation is no practice's client
 * (and the instance-wide benchmark is off), or the round is below its anonymity threshold.
 */
export async function loadBenchmark(
	db: Db,
	round: { id: string; organisationId: string; modelId: string },
	model: MaturityModel,
	request: BenchmarkRequest,
	scopeSetting: BenchmarkScopeSetting = benchmarkScopeSetting()
): Promise<Benchmark | null> {
	const [practice, organisation, settings, own] = await Promise.all([
		getPracticeOfClient(db, round.organisationId),
		getOrganisation(db, round.organisationId),
		getBenchmarkSettings(db, round.organisationId),
		loadRoundAreaScores(db, round.id)
	]);
	if (!organisation || !settings || !own) return null;
	if (scopeSetting !== 'instance' && !practice) return null;
	const sector = request.sameSector ? organisation.sector : null;
	const sizeBand = request.sameSize ? settings.sizeBand : null;
	const peers = await loadPeerScores(db, {
		organisationId: round.organisationId,
		modelId: round.modelId,
		scope: scopeSetting === 'instance' ? 'instance' : { practiceId: practice!.id },
		sector,
		sizeBand
	});
	return {
		scope:
			scopeSetting === 'instance'
				? { kind: 'instance' }
				: { kind: 'practice', name: practice!.name },
		sector,
		sizeBand,
		options: { sector: organisation.sector, sizeBand: settings.sizeBand },
		own,
		areas: benchmarkOf(
			model.areas.map((a) => a.id),
			own,
			peers
		)
	};
}
