/**
 * The demo's consultancy: "Balkan CX Partners (demo)", a practice with a partner and a consultant
 * and seven client organisations in three sectors (banking, telecoms, retail), each with submitted
 * rounds above the anonymity threshold; four have two rounds, so the practice overview shows
 * trends, and a few roadmap items are tracked. The clients have no members of their own: the
 * practice's people work in them through the practice.
 *
 * The answers come from a seeded generator (each client has its level per area, each respondent
 * their own outlook and noise), so they are the same on every run.
 *
 * The practice has its own model version, "Balkan CX 1.1" (`DEMO_PRACTICE_MODEL`): forked from the
 * instance's default and published with a changelog, as a consultant would in the browser.
 * `modelForClientRound` is the one place that picks the version a client's round uses: six clients'
 * latest rounds use the practice's version (so each of them is compared with five others), while
 * Iasi Market Stores stayed on the default and Varna Home Goods switched after its baseline (no
 * trend across versions, docs/scoring.md rule 42a).
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
	setModelTimeline,
	setRoundTimeline,
	type LoadedResponse
} from '$lib/server/db/bulk';
import type { Db, OpenedDatabase } from '$lib/server/db/connection';
import { getModel, type StoredModel } from '$lib/server/db/models';
import {
	forkModel,
	getPracticeModel,
	publishModel,
	updateDraft
} from '$lib/server/db/practice-models';
import { dismissGuide } from '$lib/server/db/first-run';
import { createClientOrganisation, createPractice } from '$lib/server/db/practices';
import {
	addPracticeMember,
	deletePracticesNamed,
	setPracticeContact
} from '$lib/server/db/practices';
import { setPracticeAccentColor } from '$lib/server/db/organisation-branding';
import { trackItem } from '$lib/server/db/roadmap-items';
import { createRound } from '$lib/server/db/rounds';
import { normal, randomFor } from './random';

const DAY = 86_400_000;

export const DEMO_PRACTICE_NAME = 'Balkan CX Partners (demo)';
export const DEMO_PRACTICE_THRESHOLD = 5;
export const DEMO_PRACTICE_ACCENT = '#6b2c5f';
export const DEMO_PRACTICE_CONTACT =
	'Elena Georgieva, Balkan CX Partners, +359 2 123 4567, elena.georgieva@example.com';

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
	/** The model version of each round, oldest first: the practice's own or the instance's default. */
	models: readonly ('practice' | 'default')[];
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
	{
		name: 'Danube Savings Bank (demo)',
		sector: 'banking',
		sizeBand: 'large',
		level: 2.2,
		models: ['practice', 'practice'],
		responses: [28, 34],
		progress: 0.35
	},
	{
		name: 'Sofia Credit Union (demo)',
		sector: 'banking',
		sizeBand: 'medium',
		level: 1.8,
		models: ['practice'],
		responses: [14]
	},
	{
		name: 'Carpathian Telecom (demo)',
		sector: 'telecoms',
		sizeBand: 'large',
		level: 2.5,
		models: ['practice', 'practice'],
		responses: [31, 26],
		progress: -0.3
	},
	{
		name: 'Black Sea Mobile (demo)',
		sector: 'telecoms',
		sizeBand: 'medium',
		level: 2.0,
		models: ['practice'],
		responses: [17]
	},
	{
		name: 'Varna Home Goods (demo)',
		sector: 'retail',
		sizeBand: 'small',
		level: 1.7,
		models: ['default', 'practice'],
		responses: [9, 11],
		progress: 0.6
	},
	{
		name: 'Iasi Market Stores (demo)',
		sector: 'retail',
		sizeBand: 'medium',
		level: 2.6,
		models: ['default', 'default'],
		responses: [19, 21],
		progress: 0.02
	},
	{
		name: 'Cluj Outdoor Outlet (demo)',
		sector: 'retail',
		sizeBand: 'small',
		level: 3.0,
		models: ['practice'],
		responses: [8]
	}
];

export interface DemoPracticeSummary {
	practiceId: string;
	practiceName: string;
	users: Array<{ id: string; email: string; role: 'partner' | 'consultant' }>;
	clients: Array<{
		id: string;
		name: string;
		sector: Sector;
		rounds: number;
		/** The model version (maturity_models.id) of each round, oldest first. */
		modelIds: string[];
	}>;
	/** The practice's own published version: its id, name and version. */
	model: { id: string; name: string; version: string };
}

/** The practice's own model version, forked from the instance's default and published. */
export const DEMO_PRACTICE_MODEL = {
	name: 'Balkan CX',
	version: '1.1',
	changelog:
		'Balkan CX 1.1, forked from the CX maturity model 1.1.0. Most of our clients are regulated banks ' +
		'and telecoms, where complaints and service decide whether customers stay: "Customer feedback ' +
		'and complaints" now weighs 1.5 and "Service and emotion" 1.25 in the overall score (1 before). ' +
		'The second statement on how customers are asked for feedback names the channels our ' +
		"clients' customers use: SMS, e-mail or a messaging app such as Viber."
} as const;

/** The area weights the practice's version changes, and the statement it rewords (all languages). */
const PRACTICE_WEIGHTS: Readonly<Record<string, number>> = {
	'voice-of-customer': 1.5,
	'service-emotion': 1.25
};
const PRACTICE_STATEMENT = {
	questionId: 'voc-asking',
	stage: 2,
	text: {
		en: 'Customers are asked for feedback at one or a few moments, such as after a purchase or a service call, by SMS, e-mail or a messaging app such as Viber.',
		bg: 'Клиентите биват питани за обратна връзка в един или няколко момента, например след покупка или след обаждане за обслужване, чрез SMS, имейл или приложение за съобщения като Viber.',
		ru: 'Обратную связь у клиентов запрашивают в одном или нескольких моментах, например после покупки или обращения в службу обслуживания, по SMS, электронной почте или в мессенджере, например Viber.',
		ro: 'Clienților li se cere feedback într-unul sau în câteva momente, cum ar fi după o achiziție sau după o interacțiune cu serviciul clienți, prin SMS, e-mail sau o aplicație de mesagerie precum Viber.',
		uk: 'Зворотний зв’язок у клієнтів запитують в одному або кількох моментах, як-от після покупки чи сервісного дзвінка, через SMS, електронну пошту або месенджер, як-от Viber.'
	}
} as const;

/** The default model with the practice's changes: the content of its draft before publishing. */
export function practiceModelContent(draft: MaturityModel): MaturityModel {
	const model = structuredClone(draft);
	for (const area of model.areas) {
		area.weight = PRACTICE_WEIGHTS[area.id] ?? area.weight;
		for (const question of area.questions)
			if (question.id === PRACTICE_STATEMENT.questionId) {
				const level = question.levels[PRACTICE_STATEMENT.stage - 1]!;
				Object.assign(level, PRACTICE_STATEMENT.text);
			}
	}
	return model;
}

/**
 * Forks the default model into the practice's lineage, applies its changes and publishes it with
 * its changelog, through the same functions as the model editor (lib/server/db/practice-models.ts).
 */
async function publishPracticeModel(
	db: Db,
	practiceId: string,
	defaultModel: StoredModel,
	publishedAt: Date
): Promise<StoredModel> {
	const fail = (step: string, result: { ok: false } & Record<string, unknown>) => {
		throw new Error(`the demo practice's model: ${step} failed: ${JSON.stringify(result)}`);
	};
	const fork = await forkModel(db, {
		practiceId,
		baseModelId: defaultModel.id,
		version: DEMO_PRACTICE_MODEL.version,
		name: DEMO_PRACTICE_MODEL.name
	});
	if (!fork.ok) return fail('fork', fork);
	const draft = await getPracticeModel(db, practiceId, fork.id);
	if (!draft) throw new Error("the demo practice's draft is missing");
	const updated = await updateDraft(db, practiceId, fork.id, practiceModelContent(draft.model));
	if (!updated.ok) return fail('update', updated);
	const published = await publishModel(db, fork.id, DEMO_PRACTICE_MODEL.changelog);
	if (!published.ok) return fail('publish', published);
	await setModelTimeline(db, fork.id, {
		createdAt: new Date(publishedAt.getTime() - 7 * DAY).toISOString(),
		publishedAt: publishedAt.toISOString()
	});
	const stored = await getModel(db, fork.id);
	if (!stored) throw new Error("the demo practice's model is missing");
	return stored;
}

/**
 * The model a client's round uses (`roundIndex` 0 for its first round): the practice's own version
 * or the instance's default, as `DemoClient.models` says.
 */
export function modelForClientRound(
	client: DemoClient,
	roundIndex: number,
	models: { default: StoredModel; practice: StoredModel }
): StoredModel {
	return models[client.models[roundIndex] ?? 'default'];
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
	// The clients first: their rounds pin the practice's model, which goes with the practice.
	for (const client of DEMO_CLIENTS) await deleteOrganisationsNamed(db, client.name);
	await deletePracticesNamed(db, DEMO_PRACTICE_NAME);

	const people = DEMO_PRACTICE_USERS.map((u) => {
		const user = options.users.get(u.email);
		if (!user) throw new Error(`the demo account ${u.email} is missing`);
		return { id: user.id, email: u.email, role: u.role };
	});
	const partner = people.find((p) => p.role === 'partner')!;
	const practice = await createPractice(db, { name: DEMO_PRACTICE_NAME, partnerId: partner.id });
	for (const person of people)
		if (person.role !== 'partner') await addPracticeMember(db, practice.id, person.id, person.role);
	// Its brand on the clients' reports: an accent colour and the contact line of the last page.
	await setPracticeAccentColor(db, practice.id, DEMO_PRACTICE_ACCENT);
	await setPracticeContact(db, practice.id, DEMO_PRACTICE_CONTACT);
	// They run a practice with history: the newcomer's guide is not for them.
	for (const person of people) await dismissGuide(db, person.id);
	// Published before the earliest round (a baseline about 200 days and more ago).
	const practiceModel = await publishPracticeModel(
		db,
		practice.id,
		options.defaultModel,
		new Date(now.getTime() - 260 * DAY)
	);
	const models = { default: options.defaultModel, practice: practiceModel };

	const clients: DemoPracticeSummary['clients'] = [];
	for (const [c, client] of DEMO_CLIENTS.entries()) {
		const organisation = await createClientOrganisation(db, {
			practiceId: practice.id,
			name: client.name,
			sector: client.sector,
			sizeBand: client.sizeBand
		});
		const count = client.responses.length;
		const modelIds: string[] = [];
		for (let index = 0; index < count; index++) {
			const stored = modelForClientRound(client, index, models);
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
			modelIds.push(stored.id);
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
		clients.push({
			id: organisation.id,
			name: client.name,
			sector: client.sector,
			rounds: count,
			modelIds
		});
	}
	return {
		practiceId: practice.id,
		practiceName: practice.name,
		users: people,
		clients,
		model: {
			id: practiceModel.id,
			name: practiceModel.model.name.en,
			version: practiceModel.version
		}
	};
}
