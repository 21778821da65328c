/**
 * The demo's finished workshop: the leadership team of Northwind Energy ran three areas of the
 * follow-up round with ten people in the room (pace: question by question). Every step goes through
 * the storage functions of `lib/server/db/workshops.ts`, as the live pages do: join by code, vote,
 * reveal, re-open, record with a rationale, skip, end.
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

interface QuestionPlan {
	questionId: string;
	first: Level[];
	/** The re-opened vote, when the room discussed and voted again. */
	second?: Level[];
	/** Recorded as agreed (a level), no agreement, or skipped. */
	outcome: { agreed: StageId; reason: string } | { noAgreement: string } | 'skip';
}

export const DEMO_WORKSHOP_AREAS = [
	'strategy-vision',
	'customer-understanding',
	'voice-of-customer'
] as const;

/** The room's votes and decisions, question by question in the order the model lists them. */
export const DEMO_WORKSHOP_PLAN: readonly QuestionPlan[] = [
	{
		questionId: 'sv-goals',
		first: [2, 2, 3, 2, 2, 1, 2, 3, 2, null],
		outcome: {
			agreed: 2,
			reason:
				'Goals exist in the annual plan, but nobody outside the leadership team could name them.'
		}
	},
	{
		questionId: 'sv-intended-experience',
		first: [1, 2, 1, 2, 3, 1, 2, 2, 1, 2],
		second: [1, 1, 1, 2, 1, 1, 1, 2, 1, 1],
		outcome: {
			agreed: 1,
			reason:
				'Marketing has a brand promise, but service and sales work to no shared description of the experience.'
		}
	},
	{
		questionId: 'sv-existing-customers',
		first: [2, 3, 2, 2, 2, 3, 2, 2, 1, 2],
		outcome: {
			agreed: 2,
			reason:
				'Retention offers go only to customers who threaten to leave; loyal customers pay more than new ones.'
		}
	},
	{
		questionId: 'sv-customer-vs-revenue',
		first: [1, 2, 3, 2, 1, 3, 2, 1, 3, 2],
		second: [2, 2, 3, 1, 2, 3, 2, 1, 3, 1],
		outcome: {
			noAgreement:
				'Finance and service describe the same decisions differently; the room asked for three recent cases before deciding.'
		}
	},
	{
		questionId: 'sv-promises',
		first: [3, 3, 2, 3, 3, 3, 4, 3, 2, 3],
		outcome: {
			agreed: 3,
			reason:
				'Legal and operations review every campaign before launch; the one slip last year was corrected within a week.'
		}
	},
	{
		questionId: 'cu-customer-groups',
		first: [2, 2, 2, 3, 2, 2, 1, 2, 2, 2],
		outcome: {
			agreed: 2,
			reason:
				'Segments exist in the CRM for billing, but what each group needs is not written down anywhere.'
		}
	},
	{
		questionId: 'cu-research',
		first: [3, 3, 2, 3, 3, 2, 3, 3, null, 3],
		second: [2, 2, 2, 3, 2, 2, 2, 3, 2, 2],
		outcome: {
			agreed: 2,
			reason:
				'The yearly survey is the only research; the customer interviews people remembered were a one-off project in 2022.'
		}
	},
	{ questionId: 'cu-loss-reasons', first: [], outcome: 'skip' },
	{
		questionId: 'cu-business-customers',
		first: [1, 2, 1, 1, 2, 1, null, 1, 2, 1],
		outcome: {
			agreed: 1,
			reason:
				'Key account managers know their one contact; nobody knows the people at the customer who pay or use the service.'
		}
	},
	{
		questionId: 'voc-asking',
		first: [3, 2, 3, 3, 3, 2, 3, 3, 3, 4],
		outcome: {
			agreed: 3,
			reason:
				'A survey goes out after every installation and every call, and the weekly service meeting reviews the results.'
		}
	},
	{
		questionId: 'voc-complaints',
		first: [3, 3, 2, 3, 3, 3, 2, 3, 3, 3],
		second: [2, 2, 2, 2, 3, 2, 2, 2, 2, 2],
		outcome: {
			agreed: 2,
			reason: 'Complaints are logged in one place but nobody reads them monthly.'
		}
	},
	{
		questionId: 'voc-follow-up',
		first: [1, 2, 1, 2, 2, 1, 2, 1, 2, 1],
		outcome: {
			noAgreement:
				'Service says the team calls detractors back; sales and the frontline have never seen it happen. To check in the call logs.'
		}
	},
	{
		questionId: 'voc-root-causes',
		first: [2, 2, 1, 2, 2, 2, 2, 3, 2, 2],
		outcome: {
			agreed: 2,
			reason:
				'The billing error fixed in spring was found through complaints, but no routine turns feedback into fixes.'
		}
	},
	{
		questionId: 'voc-staff-input',
		first: [2, 1, 2, 2, 2, 3, 2, 2, 2, 1],
		outcome: {
			agreed: 2,
			reason:
				'Frontline staff can post in the team channel; what they post is read, but nothing is tracked.'
		}
	}
];

/** How many people are in the room. */
export const DEMO_WORKSHOP_PARTICIPANTS = 10;

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
	for (let i = 0; i < DEMO_WORKSHOP_PARTICIPANTS; i++)
		tokens.push(must(await joinWorkshop(db, { code: workshop.joinCode }), 'joining').token);
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
		const last = i === DEMO_WORKSHOP_PLAN.length - 1;
		if (plan.outcome === 'skip') {
			state = (await command({ type: 'skip', position })).state;
			continue;
		}
		await vote(plan.questionId, plan.first);
		await command({ type: 'reveal', position });
		if (plan.second) {
			await command({ type: 'reopen', position });
			await vote(plan.questionId, plan.second);
			await command({ type: 'reveal', position });
		}
		const outcome = plan.outcome;
		await command(
			'agreed' in outcome
				? {
						type: 'record',
						position,
						questionId: plan.questionId,
						outcome: 'agreed',
						level: outcome.agreed,
						reason: outcome.reason
					}
				: {
						type: 'record',
						position,
						questionId: plan.questionId,
						outcome: 'no-agreement',
						reason: outcome.noAgreement
					}
		);
		if (!last) state = (await command({ type: 'next', position })).state;
	}
	await command({ type: 'end' });
	return workshop.id;
}
