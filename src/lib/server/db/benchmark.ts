/**
 * The benchmark's reads (docs/scoring.md, "Benchmark"): an organisation's practice and its
 * benchmark settings, and the peer set, in one query from the stored round sums. What leaves this
 * module about other organisations is their area scores only, without a name or an id.
 */
import { sql } from 'kysely';
import { areaScoreOfSums, type PeerScores } from '$lib/domain/benchmark';
import type { Sector } from '$lib/domain/sectors';
import { toSizeBand, type SizeBand } from '$lib/domain/size-bands';
import type { Db } from './connection';

export interface BenchmarkSettings {
	sizeBand: SizeBand | null;
	/** The organisation does not contribute to other organisations' benchmarks. */
	optOut: boolean;
}

export async function getBenchmarkSettings(
	db: Db,
	organisationId: string
): Promise<BenchmarkSettings | undefined> {
	const row = await db
		.selectFrom('organisations')
		.select(['size_band', 'benchmark_opt_out'])
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row && { sizeBand: toSizeBand(row.size_band), optOut: row.benchmark_opt_out === 1 };
}

export async function setBenchmarkSettings(
	db: Db,
	organisationId: string,
	settings: BenchmarkSettings
): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ size_band: settings.sizeBand, benchmark_opt_out: settings.optOut ? 1 : 0 })
		.where('id', '=', organisationId)
		.execute();
}

/** Whom an organisation is compared with: its practice's clients, or the whole instance. */
export type PeerScope = { practiceId: string } | 'instance';

export interface PeerQuery {
	/** The organisation asking: never among its peers. */
	organisationId: string;
	/** The model version (maturity_models.id) its round used; peers used the same. */
	modelId: string;
	scope: PeerScope;
	sector?: Sector | null;
	sizeBand?: SizeBand | null;
}

/** Submitted responses of the round (its stored sums), and those that left it (rule 44). */
const responsesOf = sql<number>`(select coalesce(sum(g.responses), 0) from round_group_sums g where g.round_id = rounds.id)`;
const removedOf = sql<number>`(select coalesce(sum(x.removed), 0) from round_removals x where x.round_id = rounds.id)`;

/**
 * The area scores of each peer: per other organisation in scope that did not opt out, its latest
 * round (by creation) on the same model version that is at or above its anonymity threshold
 * (counting responses that left it, as the results do). One query for the whole peer set.
 */
export async function loadPeerScores(db: Db, query: PeerQuery): Promise<PeerScores[]> {
	let q = db
		.selectFrom('rounds')
		.innerJoin('organisations', 'organisations.id', 'rounds.organisation_id')
		.innerJoin('round_area_sums', 'round_area_sums.round_id', 'rounds.id')
		.select([
			'rounds.id as roundId',
			'rounds.organisation_id as organisationId',
			'rounds.created_at as createdAt',
			'round_area_sums.area_id as areaId',
			(eb) => eb.fn.sum<number>('round_area_sums.sum').as('sum'),
			(eb) => eb.fn.sum<number>('round_area_sums.scored').as('scored')
		])
		.where('rounds.model_id', '=', query.modelId)
		.where('rounds.organisation_id', '<>', query.organisationId)
		.where('organisations.benchmark_opt_out', '=', 0)
		.where(sql<boolean>`${responsesOf} >= rounds.anonymity_threshold + ${removedOf}`);
	const scope = query.scope;
	if (scope !== 'instance')
		q = q.where('rounds.organisation_id', 'in', (eb) =>
			eb
				.selectFrom('practice_clients')
				.select('practice_clients.organisation_id')
				.where('practice_clients.practice_id', '=', scope.practiceId)
		);
	if (query.sector) q = q.where('organisations.sector', '=', query.sector);
	if (query.sizeBand) q = q.where('organisations.size_band', '=', query.sizeBand);
	const rows = await q
		.groupBy([
			'rounds.id',
			'rounds.organisation_id',
			'rounds.created_at',
			'round_area_sums.area_id'
		])
		.execute();

	// Each organisation's latest qualifying round.
	const latest = new Map<string, { roundId: string; createdAt: string }>();
	for (const r of rows) {
		const seen = latest.get(r.organisationId);
		if (
			!seen ||
			r.createdAt > seen.createdAt ||
			(r.createdAt === seen.createdAt && r.roundId > seen.roundId)
		)
			latest.set(r.organisationId, { roundId: r.roundId, createdAt: r.createdAt });
	}
	const peers = new Map<string, Record<string, number | null>>();
	for (const { roundId } of latest.values()) peers.set(roundId, {});
	for (const r of rows) {
		const scores = peers.get(r.roundId);
		if (scores) scores[r.areaId] = areaScoreOfSums(Number(r.sum), Number(r.scored));
	}
	return [...peers.values()];
}

/**
 * A round's own area scores from its stored sums, or null while the round is below its anonymity
 * threshold (it is then compared with nobody). The caller has checked the round's organisation.
 */
export async function loadRoundAreaScores(
	db: Db,
	roundId: string
): Promise<Record<string, number | null> | null> {
	const round = await db
		.selectFrom('rounds')
		.select(['rounds.anonymity_threshold as threshold'])
		.select([responsesOf.as('responses'), removedOf.as('removed')])
		.where('rounds.id', '=', roundId)
		.executeTakeFirst();
	if (!round || Number(round.responses) < round.threshold + Number(round.removed)) return null;
	const rows = await db
		.selectFrom('round_area_sums')
		.select([
			'area_id as areaId',
			(eb) => eb.fn.sum<number>('sum').as('sum'),
			(eb) => eb.fn.sum<number>('scored').as('scored')
		])
		.where('round_id', '=', roundId)
		.groupBy('area_id')
		.execute();
	return Object.fromEntries(
		rows.map((r) => [r.areaId, areaScoreOfSums(Number(r.sum), Number(r.scored))])
	);
}

/** The practice an organisation is a client of, with its brand; undefined without one. */
export interface PracticeBrand {
	id: string;
	name: string;
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	accentColor: string;
	contact: string | null;
}

export async function getPracticeOfClient(
	db: Db,
	organisationId: string
): Promise<PracticeBrand | undefined> {
	const row = await db
		.selectFrom('practice_clients')
		.innerJoin('practices', 'practices.id', 'practice_clients.practice_id')
		.select([
			'practices.id',
			'practices.name',
			'practices.logo',
			'practices.logo_type',
			'practices.accent_color',
			'practices.contact'
		])
		.where('practice_clients.organisation_id', '=', organisationId)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			name: row.name,
			logo:
				row.logo && row.logo_type ? { data: new Uint8Array(row.logo), type: row.logo_type } : null,
			accentColor: row.accent_color,
			contact: row.contact
		}
	);
}
