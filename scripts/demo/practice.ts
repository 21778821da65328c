/**
 * The demo's consultancy: "Balkan CX Partners (demo)", a practice with a partner and a consultant
 * and seven client organisations in three sectors (banking, telecoms, retail), each with submitted
 * rounds above the anonymity threshold; four have two rounds, so the practice overview shows
 * trends, and a few roadmap items are tracked. The clients have no members of their own: the
 * practice's people work in them through the practice.
 *
 * The answers come from a seeded generator (each client has its level per area, each respondent
 * their own outlook and noise), so they are the same on every run. `modelForClientRound` is the one
 * place that picks the model version a client's round uses: today always the default model; a
 * second model version hooks in there.
 */
import type { MaturityModel, StageId } from '$lib/domain/model';
import type { RoadmapStatus } from '$lib/domain/roadmap';
import { roundResults } from '$lib/domain/results';
import { sumResponses } from '$lib/domain/round-sums';
import type { Sector } from '$lib/domain/sectors';
import type { SizeBand } from '$lib/domain/size-bands';
import type { AnswerValue } from '$lib/domain/scoring';
import {
	deleteOrganisationsNamed,
	insertSubmittedResponses,
	setRoundTimeline,
	type LoadedResponse
} from '$lib/server/db/bulk';
import type { OpenedDatabase } from '$lib/server/db/connection';
import type { StoredModel } from '$lib/server/db/models';
import { createClientOrganisation, createPractice } from '$lib/server/db/practices';
import { addPracticeMember, deletePracticesNamed } from '$lib/server/db/practices';
import { trackItem } from '$lib/server/db/roadmap-items';
import { createRound } from '$lib/server/db/rounds';
import { normal, randomFor } from './random';

const DAY = 86_400_000;

export const DEMO_PRACTICE_NAME = 'Balkan CX Partners (demo)';
export const DEMO_PRACTICE_THRESHOLD = 5;

export const DEMO_PRACTICE_USERS = [
	{ email: 'elena.georgieva@example.com', displayName: 'Elena Georgieva', role: 'partner' },
	{ email: 'radu.ionescu@example.com', displayName: 'Radu Ionescu', role: 'consultant' }
] as const;

export interface DemoClient {
	name: string;
	sector: Sector;
	sizeBand: SizeBand;
	/** The client's level (1-4) in its first round, for an average respondent. */
	level: number;
	/** Responses per round, oldest first: one or two rounds. */
	responses: readonly number[];
	/** How far the client moved between its rounds, in stages. */
	progress?: number;
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
	{
		name: 'Danube Savings Bank (demo)',
		sector: 'banking',
		sizeBand: 'large',
		level: 2.2,
		responses: [28, 34],
		progress: 0.35
	},
	{
		name: 'Sofia Credit Union (demo)',
		sector: 'banking',
		sizeBand: 'medium',
		level: 1.8,
		responses: [14]
	},
	{
		name: 'Carpathian Telecom (demo)',
		sector: 'telecoms',
		sizeBand: 'large',
		level: 2.5,
		responses: [31, 26],
		progress: -0.3
	},
	{
		name: 'Black Sea Mobile (demo)',
		sector: 'telecoms',
		sizeBand: 'medium',
		level: 2.0,
		responses: [17]
	},
	{
		name: 'Varna Home Goods (demo)',
		sector: 'retail',
		sizeBand: 'small',
		level: 1.7,
		responses: [9, 11],
		progress: 0.6
	},
	{
		name: 'Iasi Market Stores (demo)',
		sector: 'retail',
		sizeBand: 'medium',
		level: 2.6,
		responses: [19, 21],
		progress: 0.02
	},
	{
		name: 'Cluj Outdoor Outlet (demo)',
		sector: 'retail',
		sizeBand: 'small',
		level: 3.0,
		responses: [8]
	}
];

export interface DemoPracticeSummary {
	practiceId: string;
	practiceName: string;
	users: Array<{ id: string; email: string; role: 'partner' | 'consultant' }>;
	clients: Array<{ id: string; name: string; sector: Sector; rounds: number }>;
}

/**
 * The model a client's round uses (`roundIndex` 0 for its first round). The default model for
 * every round today; a second model version of the demo is chosen here.
 */
export function modelForClientRound(
	_client: DemoClient,
	_roundIndex: number,
	defaultModel: StoredModel
): StoredModel {
	return defaultModel;
}

/** Made-up responses of one client's round: all questions answered, seeded by client and round. */
function clientResponses(
	model: MaturityModel,
	client: DemoClient,
	roundIndex: number,
	period: { from: Date; to: Date }
): LoadedResponse[] {
	const random = randomFor(`practice/${client.name}/${roundIndex}`);
	const level = client.level + (roundIndex > 0 ? (client.progress ?? 0) : 0);
	const areaShift = new Map(
		model.areas.map((area) => [area.id, normal(randomFor(`${client.name}/${area.id}`), 0.35)])
	);
	const span = period.to.getTime() - period.from.getTime();
	return Array.from({ length: client.responses[roundIndex]! }, (_, i) => {
		const outlook = normal(random, 0.3);
		const answers: Record<string, AnswerValue> = {};
		const targets: Record<string, StageId> = {};
		for (const area of model.areas) {
			const base = level + areaShift.get(area.id)! + outlook;
			for (const question of area.questions) {
				const value = Math.round(base + normal(random, 0.5));
				answers[question.id] = Math.min(4, Math.max(1, value)) as StageId;
			}
			targets[area.id] = Math.min(4, Math.max(1, Math.round(base) + 1)) as StageId;
		}
		return {
			departmentId: null,
			roleLevelId: null,
			answers,
			targets,
			submittedAt: new Date(
				period.from.getTime() + Math.floor((span * (i + 0.5)) / client.responses[roundIndex]!)
			).toISOString()
		};
	});
}

/**
 * Creates the demo practice, its two people (already created accounts, by e-mail) and its clients,
 * replacing a previous one (found by their names).
 */
export async function seedDemoPractice(
	opened: OpenedDatabase,
	options: {
		now: Date;
		defaultModel: StoredModel;
		/** The accounts of `DEMO_PRACTICE_USERS`, by e-mail. */
		users: ReadonlyMap<string, { id: string }>;
	}
): Promise<DemoPracticeSummary> {
	const { db } = opened;
	const { now } = options;
	await deletePracticesNamed(db, DEMO_PRACTICE_NAME);
	for (const client of DEMO_CLIENTS) await deleteOrganisationsNamed(db, client.name);

	const people = DEMO_PRACTICE_USERS.map((u) => {
		const user = options.users.get(u.email);
		if (!user) throw new Error(`the demo account ${u.email} is missing`);
		return { id: user.id, email: u.email, role: u.role };
	});
	const partner = people.find((p) => p.role === 'partner')!;
	const practice = await createPractice(db, { name: DEMO_PRACTICE_NAME, partnerId: partner.id });
	for (const person of people)
		if (person.role !== 'partner') await addPracticeMember(db, practice.id, person.id, person.role);

	const clients: DemoPracticeSummary['clients'] = [];
	for (const [c, client] of DEMO_CLIENTS.entries()) {
		const organisation = await createClientOrganisation(db, {
			practiceId: practice.id,
			name: client.name,
			sector: client.sector,
			sizeBand: client.sizeBand
		});
		const count = client.responses.length;
		for (let index = 0; index < count; index++) {
			const stored = modelForClientRound(client, index, options.defaultModel);
			// The last round closed a few weeks ago; an earlier one about half a year before.
			const closedDaysAgo = 20 + c * 3 + (count - 1 - index) * 180;
			const openedAt = new Date(now.getTime() - (closedDaysAgo + 21) * DAY);
			const closedAt = new Date(now.getTime() - closedDaysAgo * DAY);
			const round = await createRound(db, {
				organisationId: organisation.id,
				modelId: stored.id,
				name: count === 1 ? 'Baseline' : index === 0 ? 'Baseline' : 'Follow-up',
				anonymityThreshold: DEMO_PRACTICE_THRESHOLD,
				createdBy: partner.id
			});
			const responses = clientResponses(stored.model, client, index, {
				from: openedAt,
				to: closedAt
			});
			await insertSubmittedResponses(opened, round, responses);
			await setRoundTimeline(db, round.id, {
				status: 'closed',
				createdAt: new Date(openedAt.getTime() - DAY).toISOString(),
				openedAt: openedAt.toISOString(),
				closedAt: closedAt.toISOString()
			});
			// The latest round's first roadmap items, as the consultant tracks them.
			if (index === count - 1) {
				const results = roundResults(
					stored.model,
					sumResponses(
						stored.model,
						responses.map((r) => ({ answers: r.answers, targets: r.targets ?? {} }))
					)
				);
				const statuses: RoadmapStatus[] = ['done', 'in_progress', 'planned', 'planned'];
				for (const [i, item] of results.roadmap.items.slice(0, 1 + (c % 4)).entries()) {
					const tracked = await trackItem(db, organisation.id, round.id, {
						recommendationId: item.recommendation.id,
						ownerId: null,
						dueQuarter: null,
						status: statuses[i]!
					});
					if (tracked !== 'ok') throw new Error(`could not track ${item.recommendation.id}`);
				}
			}
		}
		clients.push({ id: organisation.id, name: client.name, sector: client.sector, rounds: count });
	}
	return { practiceId: practice.id, practiceName: practice.name, users: people, clients };
}
