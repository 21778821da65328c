/**
 * `npm run db:demo`: (re)creates a demo organisation that tells a story, in the database at
 * DATABASE_PATH (default db/cx-maturity.sqlite).
 *
 * Northwind Energy ran a baseline round five months ago (about 280 responses from twelve
 * departments), tracked ten recommendations of its roadmap (voice of the customer, journeys and
 * service work done, one item dropped), and ran a follow-up round six weeks ago, still open (about
 * 320 responses) that shows progress where the work was done. Executives see voice of the customer
 * a full stage higher than the frontline; three small departments stay below the anonymity
 * threshold in the follow-up. The leadership team ran a workshop on the follow-up (ten people, three
 * areas, 14 questions) and recorded the agreed levels with their rationale (`demo/workshop.ts`).
 *
 * The organisation becomes the instance's public demo: "Try the demo" on the home page opens it
 * read-only for anyone, without an account (`requireReader` in src/lib/server/guards.ts);
 * `npm run db:demo -- --private` leaves it for its members only.
 *
 * It also creates a consultancy, "Balkan CX Partners (demo)", with a partner and a consultant and
 * seven client organisations in three sectors and two model versions (the practice's own "Balkan
 * CX 1.1" and the default; `demo/practice.ts`), for the practice overview and the benchmark.
 *
 * Re-running deletes the previous demo (the organisation by its name, the demo accounts by their
 * e-mails) and creates it again. The answers come from a seeded generator, so they are the same on
 * every run; only ids, tokens and dates (relative to today) change.
 */
import { openDatabase, type OpenedDatabase } from '$lib/server/db/connection';
import { ensureDefaultModel } from '$lib/server/db/models';
import { createUser } from '$lib/server/db/users';
import { createOrganisation } from '$lib/server/db/organisations';
import { setPublicDemo } from '$lib/server/db/public-demo';
import { addGroup, listGroups } from '$lib/server/db/groups';
import { createRound, createResponseLink } from '$lib/server/db/rounds';
import { trackItem } from '$lib/server/db/roadmap-items';
import {
	addMembership,
	deleteOrganisationsNamed,
	deleteUsersByEmail,
	insertSubmittedResponses,
	setRoundTimeline,
	type LoadedResponse
} from '$lib/server/db/bulk';
import type { RoadmapStatus } from '$lib/domain/roadmap';
import type { RoundStatus } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { roundResults } from '$lib/domain/results';
import { sumResponses } from '$lib/domain/round-sums';
import type { MaturityModel } from '$lib/domain/model';
import type { Role } from '$lib/domain/permissions';
import {
	ANONYMITY_THRESHOLD,
	DEMO_EMAIL,
	DEMO_ORGANISATION_NAME,
	DEMO_PASSWORD,
	DEMO_USERS,
	DEPARTMENTS,
	ROLE_LEVEL_NAMES,
	type DemoUser,
	type RoleLevelName
} from './demo/data';
import { generateResponses } from './demo/responses';
import { DEMO_WORKSHOP_PARTICIPANTS, DEMO_WORKSHOP_PLAN, runDemoWorkshop } from './demo/workshop';
import { DEMO_PRACTICE_USERS, seedDemoPractice, type DemoPracticeSummary } from './demo/practice';

const DAY = 86_400_000;

export interface DemoRound {
	id: string;
	name: string;
	status: RoundStatus;
	createdAt: string;
	openedAt: string;
	closedAt: string | null;
	/** Submitted responses in the round. */
	responses: number;
	/** Department name -> submitted responses. */
	byDepartment: Record<string, number>;
	/** Department name -> how many people its link went to. */
	invited: Record<string, number>;
}

export interface DemoTrackedItem {
	roundId: string;
	recommendationId: string;
	areaId: string;
	status: RoadmapStatus;
	ownerEmail: string;
	dueQuarter: string;
}

export interface DemoSummary {
	organisationId: string;
	organisationName: string;
	/** Whether anyone may open it read-only from "Try the demo". */
	publicDemo: boolean;
	email: string;
	password: string;
	users: Array<{ id: string; email: string; displayName: string; role: Role }>;
	/** Oldest first; the last one is the latest round. */
	rounds: DemoRound[];
	/** Departments with fewer responses than the anonymity threshold in the latest round. */
	smallDepartments: string[];
	trackedItems: DemoTrackedItem[];
	/** The finished workshop on the latest round (scripts/demo/workshop.ts). */
	workshop: { id: string; roundId: string; questions: number; participants: number };
	/** The demo consultancy and its client organisations (scripts/demo/practice.ts). */
	practice: DemoPracticeSummary;
}

/** What to track on the baseline's roadmap: per line, the best-ranked item of that area not yet taken. */
const BASELINE_PLAN: ReadonlyArray<{
	areaId: string;
	status: RoadmapStatus;
	owner: DemoUser['key'];
}> = [
	{ areaId: 'voice-of-customer', status: 'done', owner: 'maria' },
	{ areaId: 'voice-of-customer', status: 'done', owner: 'andrei' },
	{ areaId: 'journeys-touchpoints', status: 'done', owner: 'owner' },
	{ areaId: 'service-emotion', status: 'done', owner: 'georgi' },
	{ areaId: 'journeys-touchpoints', status: 'in_progress', owner: 'andrei' },
	{ areaId: 'data-technology', status: 'in_progress', owner: 'georgi' },
	{ areaId: 'strategy-vision', status: 'in_progress', owner: 'owner' },
	{ areaId: 'governance', status: 'dropped', owner: 'maria' },
	{ areaId: 'measurement', status: 'planned', owner: 'maria' },
	{ areaId: 'culture-people', status: 'planned', owner: 'andrei' }
];

/** How much an area moves between the rounds per tracked item, by the item's status. */
const PROGRESS: Record<RoadmapStatus, number> = {
	done: 0.3,
	in_progress: 0.1,
	planned: 0,
	dropped: 0
};
const MAX_PROGRESS = 0.6;
/** Everything gets a little better once people have talked about it. */
const GENERAL_PROGRESS = 0.05;

/** Creates the demo organisation, replacing a previous one; see the top of this file. */
export async function seedDemo(
	opened: OpenedDatabase,
	options: { now?: Date; publicDemo?: boolean } = {}
): Promise<DemoSummary> {
	const { db } = opened;
	const now = options.now ?? new Date();
	const publicDemo = options.publicDemo ?? true;
	const stored = await ensureDefaultModel(db);
	const model = stored.model;

	// Start over: the organisation's rounds, responses, groups and members cascade.
	await deleteOrganisationsNamed(db, DEMO_ORGANISATION_NAME);
	await deleteUsersByEmail(db, [
		...DEMO_USERS.map((u) => u.email),
		...DEMO_PRACTICE_USERS.map((u) => u.email)
	]);

	// One hash for all demo accounts: they share the password, and argon2 is slow on purpose.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const users = new Map<DemoUser['key'], DemoSummary['users'][number]>();
	for (const demoUser of DEMO_USERS) {
		const user = await createUser(db, {
			email: demoUser.email,
			displayName: demoUser.displayName,
			passwordHash
		});
		if (!user) throw new Error(`could not create the demo account ${demoUser.email}`);
		users.set(demoUser.key, { ...user, role: demoUser.role });
	}
	const userOf = (key: DemoUser['key']) => users.get(key)!;
	const practiceUsers = new Map<string, { id: string }>();
	for (const demoUser of DEMO_PRACTICE_USERS) {
		const user = await createUser(db, {
			email: demoUser.email,
			displayName: demoUser.displayName,
			passwordHash
		});
		if (!user) throw new Error(`could not create the demo account ${demoUser.email}`);
		practiceUsers.set(demoUser.email, user);
	}
	const owner = userOf('owner');

	const organisation = await createOrganisation(db, {
		name: DEMO_ORGANISATION_NAME,
		ownerId: owner.id
	});
	for (const demoUser of DEMO_USERS)
		if (demoUser.role !== 'owner')
			await addMembership(db, organisation.id, userOf(demoUser.key).id, demoUser.role);

	const departmentIds = new Map<string, string>();
	for (const department of DEPARTMENTS) {
		const group = await addGroup(db, 'departments', organisation.id, department.name);
		if (!group) throw new Error(`could not add the department ${department.name}`);
		departmentIds.set(department.name, group.id);
	}
	const levels = await listGroups(db, 'role_levels', organisation.id);
	const roleLevelIds = Object.fromEntries(
		ROLE_LEVEL_NAMES.map((name) => {
			const level = levels.find((l) => l.name === name);
			if (!level) throw new Error(`the organisation has no role level "${name}"`);
			return [name, level.id];
		})
	) as Record<RoleLevelName, string>;

	/** Creates a round, back-dates it and fills it; returns it with its responses. */
	const runRound = async (plan: {
		index: 0 | 1;
		label: string;
		createdAt: Date;
		openedAt: Date;
		closedAt: Date | null;
		areaShift: Record<string, number>;
	}): Promise<{ summary: DemoRound; responses: LoadedResponse[] }> => {
		const name = `${quarterLabel(plan.openedAt)} ${plan.label}`;
		const round = await createRound(db, {
			organisationId: organisation.id,
			modelId: stored.id,
			name,
			anonymityThreshold: ANONYMITY_THRESHOLD,
			createdBy: owner.id
		});
		const responses: LoadedResponse[] = [];
		const byDepartment: Record<string, number> = {};
		const invited: Record<string, number> = {};
		for (const department of DEPARTMENTS) {
			const departmentId = departmentIds.get(department.name)!;
			const count = department.responses[plan.index];
			invited[department.name] = department.invited;
			const token = await createResponseLink(db, {
				organisationId: organisation.id,
				roundId: round.id,
				departmentId,
				roleLevelId: null,
				invited: invited[department.name],
				locale: department.locale ?? null
			});
			if (token === 'invalid') throw new Error(`could not create a link for ${department.name}`);
			responses.push(
				...generateResponses({
					model,
					seedKey: `round-${plan.index + 1}`,
					department,
					departmentId,
					linkToken: token,
					count,
					roleLevelIds,
					areaShift: plan.areaShift,
					levelShift: plan.index === 0 ? 0 : (department.trend ?? 0),
					// The round is still open: answers so far came in until yesterday.
					period: { from: plan.openedAt, to: plan.closedAt ?? new Date(now.getTime() - DAY) }
				})
			);
			byDepartment[department.name] = count;
		}
		responses.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
		await insertSubmittedResponses(opened, round, responses);
		const status: RoundStatus = plan.closedAt ? 'closed' : 'open';
		const timeline = {
			status,
			createdAt: plan.createdAt.toISOString(),
			openedAt: plan.openedAt.toISOString(),
			closedAt: plan.closedAt?.toISOString() ?? null
		};
		await setRoundTimeline(db, round.id, timeline);
		return {
			summary: {
				id: round.id,
				name,
				...timeline,
				responses: responses.length,
				byDepartment,
				invited
			},
			responses
		};
	};

	const trackedItems: DemoTrackedItem[] = [];
	const track = async (roundId: string, item: Omit<DemoTrackedItem, 'roundId'>) => {
		const ownerId = [...users.values()].find((u) => u.email === item.ownerEmail)!.id;
		const result = await trackItem(db, organisation.id, roundId, {
			recommendationId: item.recommendationId,
			ownerId,
			dueQuarter: item.dueQuarter,
			status: item.status
		});
		if (result !== 'ok') throw new Error(`could not track ${item.recommendationId}: ${result}`);
		trackedItems.push({ roundId, ...item });
	};

	// The baseline: about five months ago, open for four weeks.
	const baseline = await runRound({
		index: 0,
		label: 'baseline',
		createdAt: daysBefore(now, 152, 9, 14),
		openedAt: daysBefore(now, 150, 8, 30),
		closedAt: daysBefore(now, 121, 17, 0),
		areaShift: {}
	});

	// Its roadmap, as the app plans it, and the items the team took on.
	const baselineRoadmap = roadmapOf(model, baseline.responses);
	const closedAt = new Date(baseline.summary.closedAt!);
	const dueBy: Record<RoadmapStatus, string> = {
		done: quarterKey(new Date(closedAt.getTime() + 60 * DAY)),
		in_progress: quarterKey(now),
		dropped: quarterKey(now),
		planned: quarterKey(new Date(now.getTime() + 90 * DAY))
	};
	const taken = new Set<string>();
	for (const plan of BASELINE_PLAN) {
		const item = baselineRoadmap.find((i) => i.areaId === plan.areaId && !taken.has(i.id));
		if (!item) continue; // the area has no (more) recommendations at its stage
		taken.add(item.id);
		await track(baseline.summary.id, {
			recommendationId: item.id,
			areaId: item.areaId,
			status: plan.status,
			ownerEmail: userOf(plan.owner).email,
			dueQuarter: dueBy[plan.status]
		});
	}

	// The follow-up moves where the work was done.
	const areaShift: Record<string, number> = {};
	for (const area of model.areas) {
		const work = trackedItems
			.filter((i) => i.areaId === area.id)
			.reduce((sum, i) => sum + PROGRESS[i.status], 0);
		areaShift[area.id] = GENERAL_PROGRESS + Math.min(MAX_PROGRESS, work);
	}
	const followUp = await runRound({
		index: 1,
		label: 'follow-up',
		createdAt: daysBefore(now, 44, 10, 5),
		openedAt: daysBefore(now, 42, 8, 0),
		closedAt: null,
		areaShift
	});

	// The follow-up's roadmap: its first items, one per area, planned for next year (what was done
	// or dropped after the baseline is not taken up again).
	const settled = new Set(
		trackedItems
			.filter((i) => i.status === 'done' || i.status === 'dropped')
			.map((i) => i.recommendationId)
	);
	const owners: DemoUser['key'][] = ['maria', 'georgi', 'andrei', 'owner'];
	const areas = new Set<string>();
	for (const item of roadmapOf(model, followUp.responses)) {
		if (areas.size === owners.length) break;
		if (settled.has(item.id) || areas.has(item.areaId)) continue;
		await track(followUp.summary.id, {
			recommendationId: item.id,
			areaId: item.areaId,
			status: 'planned',
			ownerEmail: userOf(owners[areas.size]!).email,
			dueQuarter: quarterKey(new Date(now.getTime() + (areas.size < 2 ? 90 : 180) * DAY))
		});
		areas.add(item.areaId);
	}

	// The leadership team's workshop on the follow-up, finished, with its rationales.
	const workshopId = await runDemoWorkshop(db, {
		organisationId: organisation.id,
		roundId: followUp.summary.id,
		facilitatorId: userOf('maria').id
	});

	// The consultancy with its clients, for the practice overview.
	const practice = await seedDemoPractice(opened, {
		now,
		defaultModel: stored,
		users: practiceUsers
	});

	// Last, so that a demo half made by a failed run is never the one visitors open.
	await setPublicDemo(db, publicDemo ? organisation.id : null);

	return {
		organisationId: organisation.id,
		organisationName: organisation.name,
		publicDemo,
		email: DEMO_EMAIL,
		password: DEMO_PASSWORD,
		users: [...users.values()],
		rounds: [baseline.summary, followUp.summary],
		smallDepartments: DEPARTMENTS.filter((d) => d.responses[1] < ANONYMITY_THRESHOLD).map(
			(d) => d.name
		),
		trackedItems,
		workshop: {
			id: workshopId,
			roundId: followUp.summary.id,
			questions: DEMO_WORKSHOP_PLAN.length,
			participants: DEMO_WORKSHOP_PARTICIPANTS
		},
		practice
	};
}

/** The team roadmap of a round's responses, in rank order: recommendation and area ids. */
function roadmapOf(
	model: MaturityModel,
	responses: readonly LoadedResponse[]
): Array<{ id: string; areaId: string }> {
	const results = roundResults(
		model,
		sumResponses(
			model,
			responses.map((r) => ({ answers: r.answers, targets: r.targets ?? {} }))
		)
	);
	return results.roadmap.items.map((i) => ({ id: i.recommendation.id, areaId: i.areaId }));
}

/** A time `days` days before today at hh:mm UTC. */
function daysBefore(now: Date, days: number, hours: number, minutes: number): Date {
	const at = new Date(now.getTime() - days * DAY);
	at.setUTCHours(hours, minutes, 0, 0);
	return at;
}

/** "2026-Q3", the format of a roadmap item's due quarter. */
function quarterKey(date: Date): string {
	return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** "Q3 2026", for round names. */
function quarterLabel(date: Date): string {
	return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
}

/** `npm run db:demo [-- --private]`: seeds the demo and prints how to open it and sign in. */
export default async function main(args: string[]): Promise<void> {
	const unknown = args.filter((a) => a !== '--private');
	if (unknown.length > 0) {
		const refusal = new Error(`usage: npm run db:demo [-- --private] (not: ${unknown.join(' ')})`);
		refusal.name = 'OperatorError';
		throw refusal;
	}
	const path = process.env.DATABASE_PATH || 'db/cx-maturity.sqlite';
	const opened = await openDatabase(path);
	let summary: DemoSummary;
	try {
		summary = await seedDemo(opened, { publicDemo: !args.includes('--private') });
	} finally {
		await opened.close();
	}
	const base = `http://localhost:${process.env.PORT || '3000'}`;
	const [first, latest] = [summary.rounds[0]!, summary.rounds[summary.rounds.length - 1]!];
	const day = (iso: string | null) => iso?.slice(0, 10) ?? '-';
	const counts = (status: RoadmapStatus, roundId: string) =>
		summary.trackedItems.filter((i) => i.roundId === roundId && i.status === status).length;
	const small = summary.smallDepartments.map((d) => `${d} (${latest.byDepartment[d]})`);
	const onPracticeModel = summary.practice.clients.filter(
		(c) => c.modelIds.at(-1) === summary.practice.model.id
	).length;
	console.log(
		[
			`Demo organisation "${summary.organisationName}" created in ${path}`,
			`  ${first.name}: ${first.responses} responses, open ${day(first.openedAt)} to ${day(first.closedAt)} (closed)`,
			`  ${latest.name}: ${latest.responses} responses, opened ${day(latest.openedAt)} and still open (respondents can still join by its links)`,
			`  Links in other languages: ${DEPARTMENTS.filter((d) => d.locale)
				.map((d) => `${d.name} (${d.locale})`)
				.join(', ')}`,
			`  ${DEPARTMENTS.length} departments; below the anonymity threshold (${ANONYMITY_THRESHOLD}) in the latest round: ${small.join(', ')}`,
			`  Roadmap of ${first.name}: ${counts('done', first.id)} done, ${counts('in_progress', first.id)} in progress, ` +
				`${counts('planned', first.id)} planned, ${counts('dropped', first.id)} dropped; ` +
				`${counts('planned', latest.id)} items planned on ${latest.name}`,
			`  Workshop on ${latest.name}: ${summary.workshop.questions} questions, ${summary.workshop.participants} participants, ended (its record is on the results page and in the PDF)`,
			'',
			summary.publicDemo
				? `Anyone can open it read-only, without an account: ${base}/demo ("Try the demo" on the home page)`
				: 'Not public (--private): only its members can open it.',
			'',
			`Sign in at ${base}/signin`,
			`  e-mail:   ${summary.email}`,
			`  password: ${summary.password}`,
			`  (colleagues ${summary.users
				.filter((u) => u.email !== summary.email)
				.map((u) => `${u.email} ${u.role}`)
				.join(', ')} use the same password)`,
			'',
			`Results of the latest round: ${base}/o/${summary.organisationId}/rounds/${latest.id}/results`,
			`Results of the baseline:     ${base}/o/${summary.organisationId}/rounds/${first.id}/results`,
			'',
			`Practice "${summary.practice.practiceName}": ${summary.practice.clients.length} clients in ${new Set(summary.practice.clients.map((c) => c.sector)).size} sectors, ` +
				`${summary.practice.clients.filter((c) => c.rounds > 1).length} with two rounds`,
			`  overview: ${base}/p/${summary.practice.practiceId}`,
			`  its own model "${summary.practice.model.name}" ${summary.practice.model.version}: ` +
				`${onPracticeModel} of the clients' latest rounds use it, ${summary.practice.clients.length - onPracticeModel} the default model`,
			`  ${summary.practice.users.map((u) => `${u.email} (${u.role})`).join(', ')} use the same password`
		].join('\n')
	);
}
