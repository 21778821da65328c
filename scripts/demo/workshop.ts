/**
 * The demo's finished workshop: the leadership team of Northwind Energy ran three areas of the
 * follow-up round with ten people in the room (pace: question by question), each joining with a
 * first name. Every step goes through the storage functions of `lib/server/db/workshops.ts`, as the
 * live pages do: join by code, vote, reveal, re-open, record with a rationale, skip, end. The plan
 * has one entry a question: `voted(question, first vote, outcome, re-opened vote?)` or `skipped`.
 *
 * The story: 14 questions; 11 agreed, 2 without agreement, 1 skipped; three re-opened votes where
 * the room changed its mind (sv-intended-experience, cu-research, voc-complaints) and one re-opened
 * vote where it did not (sv-customer-vs-revenue, which then found no agreement).
 */
import type { StageId } from '$lib/domain/model';
import type { Db } from '$lib/server/db/connection';
import {
	applyWorkshopCommand,
	castVote,
	createWorkshop,
	joinWorkshop
} from '$lib/server/db/workshops';
import type { WorkshopCommand } from '$lib/domain/workshop';

type Level = StageId | null;

/** What the room recorded for a question: the agreed level, or no agreement, with the reason. */
type Outcome =
	| { outcome: 'agreed'; level: StageId; reason: string }
	| { outcome: 'no-agreement'; reason: string };

interface QuestionPlan {
	questionId: string;
	/** The votes, a level per participant: the first, and the re-opened one when there was one. */
	votes: readonly (readonly Level[])[];
	/** What the room recorded; null for a question skipped. */
	record: Outcome | null;
}

const agreed = (level: StageId, reason: string): Outcome => ({ outcome: 'agreed', level, reason });
const noAgreement = (reason: string): Outcome => ({ outcome: 'no-agreement', reason });
/** A question the room voted on, and what it recorded; `second` is the re-opened vote, if any. */
const voted = (
	questionId: string,
	first: Level[],
	record: Outcome,
	second?: Level[]
): QuestionPlan => ({ questionId, votes: second ? [first, second] : [first], record });
const skipped = (questionId: string): QuestionPlan => ({ questionId, votes: [], record: null });

export const DEMO_WORKSHOP_AREAS = [
	'strategy-vision',
	'customer-understanding',
	'voice-of-customer'
] as const;

/** The room's votes and decisions, question by question in the order the model lists them. */
export const DEMO_WORKSHOP_PLAN: readonly QuestionPlan[] = [
	voted(
		'sv-goals',
		[2, 2, 3, 2, 2, 1, 2, 3, 2, null],
		agreed(
			2,
			'Goals exist in the annual plan, but nobody outside the leadership team could name them.'
		)
	),
	voted(
		'sv-intended-experience',
		[1, 2, 1, 2, 3, 1, 2, 2, 1, 2],
		agreed(
			1,
			'Marketing has a brand promise, but service and sales work to no shared description of the experience.'
		),
		[1, 1, 1, 2, 1, 1, 1, 2, 1, 1]
	),
	voted(
		'sv-existing-customers',
		[2, 3, 2, 2, 2, 3, 2, 2, 1, 2],
		agreed(
			2,
			'Retention offers go only to customers who threaten to leave; loyal customers pay more than new ones.'
		)
	),
	voted(
		'sv-customer-vs-revenue',
		[1, 2, 3, 2, 1, 3, 2, 1, 3, 2],
		noAgreement(
			'Finance and service describe the same decisions differently; the room asked for three recent cases before deciding.'
		),
		[2, 2, 3, 1, 2, 3, 2, 1, 3, 1]
	),
	voted(
		'sv-promises',
		[3, 3, 2, 3, 3, 3, 4, 3, 2, 3],
		agreed(
			3,
			'Legal and operations review every campaign before launch; the one slip last year was corrected within a week.'
		)
	),
	voted(
		'cu-customer-groups',
		[2, 2, 2, 3, 2, 2, 1, 2, 2, 2],
		agreed(
			2,
			'Segments exist in the CRM for billing, but what each group needs is not written down anywhere.'
		)
	),
	voted(
		'cu-research',
		[3, 3, 2, 3, 3, 2, 3, 3, null, 3],
		agreed(
			2,
			'The yearly survey is the only research; the customer interviews people remembered were a one-off project in 2022.'
		),
		[2, 2, 2, 3, 2, 2, 2, 3, 2, 2]
	),
	skipped('cu-loss-reasons'),
	voted(
		'cu-business-customers',
		[1, 2, 1, 1, 2, 1, null, 1, 2, 1],
		agreed(
			1,
			'Key account managers know their one contact; nobody knows the people at the customer who pay or use the service.'
		)
	),
	voted(
		'voc-asking',
		[3, 2, 3, 3, 3, 2, 3, 3, 3, 4],
		agreed(
			3,
			'A survey goes out after every installation and every call, and the weekly service meeting reviews the results.'
		)
	),
	voted(
		'voc-complaints',
		[3, 3, 2, 3, 3, 3, 2, 3, 3, 3],
		agreed(2, 'Complaints are logged in one place but nobody reads them monthly.'),
		[2, 2, 2, 2, 3, 2, 2, 2, 2, 2]
	),
	voted(
		'voc-follow-up',
		[1, 2, 1, 2, 2, 1, 2, 1, 2, 1],
		noAgreement(
			'Service says the team calls detractors back; sales and the frontline have never seen it happen. To check in the call logs.'
		)
	),
	voted(
		'voc-root-causes',
		[2, 2, 1, 2, 2, 2, 2, 3, 2, 2],
		agreed(
			2,
			'The billing error fixed in spring was found through complaints, but no routine turns feedback into fixes.'
		)
	),
	voted(
		'voc-staff-input',
		[2, 1, 2, 2, 2, 3, 2, 2, 2, 1],
		agreed(
			2,
			'Frontline staff can post in the team channel; what they post is read, but nothing is tracked.'
		)
	)
];

/** Who is in the room: the first names they gave when joining (the control view lists them). */
const DEMO_WORKSHOP_NAMES = [
	'Elena',
	'Mihai',
	'Ana',
	'Dmytro',
	'Iva',
	'Radu',
	'Olga',
	'Petar',
	'Sofia',
	'Andrei'
] as const;

/** How many people are in the room. */
export const DEMO_WORKSHOP_PARTICIPANTS = DEMO_WORKSHOP_NAMES.length;

function must<T>(result: { ok: true; value: T } | { ok: false; reason: string }, what: string): T {
	if (!result.ok) throw new Error(`demo workshop: ${what} was refused (${result.reason})`);
	return result.value;
}

/** Runs the demo workshop on the round to its end; returns the workshop's id. */
export async function runDemoWorkshop(
	db: Db,
	input: { organisationId: string; roundId: string; facilitatorId: string }
): Promise<string> {
	const workshop = must(
		await createWorkshop(db, {
			organisationId: input.organisationId,
			roundId: input.roundId,
			createdBy: input.facilitatorId,
			areas: [...DEMO_WORKSHOP_AREAS],
			pace: 'question'
		}),
		'creating the workshop'
	);
	const tokens: string[] = [];
	for (const name of DEMO_WORKSHOP_NAMES)
		tokens.push(must(await joinWorkshop(db, { code: workshop.joinCode, name }), 'joining').token);
	const command = async (c: WorkshopCommand) =>
		must(
			await applyWorkshopCommand(db, {
				roundId: input.roundId,
				workshopId: workshop.id,
				command: c,
				actorId: input.facilitatorId
			}),
			`the command ${c.type}`
		).workshop;
	const vote = async (questionId: string, levels: readonly Level[]) => {
		for (const [i, level] of levels.entries())
			must(
				await castVote(db, { workshopId: workshop.id, token: tokens[i]!, questionId, level }),
				`a vote on ${questionId}`
			);
	};

	let state = (await command({ type: 'start' })).state;
	for (const [i, plan] of DEMO_WORKSHOP_PLAN.entries()) {
		const position = state.position;
		const current = state.steps[position]?.questionIds[0];
		if (current !== plan.questionId)
			throw new Error(`demo workshop: expected ${plan.questionId}, the room is on ${current}`);
		if (!plan.record) {
			state = (await command({ type: 'skip', position })).state;
			continue;
		}
		// Every vote is revealed; a second one re-opens the first.
		for (const [round, levels] of plan.votes.entries()) {
			if (round > 0) await command({ type: 'reopen', position });
			await vote(plan.questionId, levels);
			await command({ type: 'reveal', position });
		}
		await command({ type: 'record', position, questionId: plan.questionId, ...plan.record });
		if (i < DEMO_WORKSHOP_PLAN.length - 1)
			state = (await command({ type: 'next', position })).state;
	}
	await command({ type: 'end' });
	return workshop.id;
}
