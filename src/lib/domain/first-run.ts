/**
 * The first-run guide, "Run your first assessment in five minutes" (issue 14): four steps from an
 * empty account to an open round with a link to share and the person's own first answer. Progress
 * is read from what exists (organisations, rounds, links, answers), never from clicks, so it is
 * right on every device and after a reload; each step links to the page and form that does it.
 *
 *   1 organisation  the person manages an organisation (owner or facilitator)
 *   2 round         it has a round (rounds start on the default model)
 *   3 share         a round is open and has a respondent link that is not revoked
 *   4 answer        the person has answered at least one question of that round themselves
 *
 * The guide is not shown once every step is done, once the person hid it, or to someone who is
 * only a member or viewer of other people's organisations (they were invited to answer, not to
 * run rounds).
 */
import { can, type Role } from './permissions';

export const GUIDE_STEPS = ['organisation', 'round', 'share', 'answer'] as const;
export type GuideStepId = (typeof GUIDE_STEPS)[number];

export interface GuideRoundFacts {
	id: string;
	status: 'draft' | 'open' | 'closed';
	createdAt: string;
	/** Respondent links of the round that are not revoked. */
	activeLinks: number;
	/** Whether the person has answered at least one question of this round with their account. */
	answered: boolean;
}

export interface GuideOrganisationFacts {
	id: string;
	role: Role;
	createdAt: string;
	rounds: readonly GuideRoundFacts[];
}

export interface FirstRunFacts {
	dismissed: boolean;
	organisations: readonly GuideOrganisationFacts[];
}

export interface GuideStep {
	id: GuideStepId;
	done: boolean;
	/** The page (and place on it) where the step is done; null while an earlier step is missing. */
	href: string | null;
	/** A form action that does the step at once (posted without fields), when there is one. */
	action: string | null;
}

export interface FirstRunGuide {
	steps: GuideStep[];
	done: number;
	/** The first step not done yet. */
	current: GuideStepId;
}

/** The steps done for one organisation and (optionally) one of its rounds. */
function doneFor(round: GuideRoundFacts | null): Record<GuideStepId, boolean> {
	return {
		organisation: true,
		round: round !== null,
		share: round !== null && round.status === 'open' && round.activeLinks > 0,
		answer: round?.answered ?? false
	};
}

const count = (done: Record<GuideStepId, boolean>) => GUIDE_STEPS.filter((s) => done[s]).length;

/**
 * Where the person has got furthest: the organisation and round with the most steps done; on a
 * tie the round created last, then the organisation created last.
 */
function furthest(organisations: readonly GuideOrganisationFacts[]): {
	organisation: GuideOrganisationFacts | null;
	round: GuideRoundFacts | null;
} {
	let best: { organisation: GuideOrganisationFacts | null; round: GuideRoundFacts | null } = {
		organisation: null,
		round: null
	};
	let bestKey: [number, string, string] = [-1, '', ''];
	const better = (key: [number, string, string]) =>
		key[0] !== bestKey[0]
			? key[0] > bestKey[0]
			: key[1] !== bestKey[1]
				? key[1] > bestKey[1]
				: key[2] > bestKey[2];
	for (const organisation of organisations) {
		for (const round of [null, ...organisation.rounds]) {
			const key: [number, string, string] = [
				count(doneFor(round)),
				round?.createdAt ?? '',
				organisation.createdAt
			];
			if (better(key)) {
				best = { organisation, round };
				bestKey = key;
			}
		}
	}
	return best;
}

/** The guide for a person, or null when it is not to be shown (see the top of this file). */
export function firstRunGuide(facts: FirstRunFacts): FirstRunGuide | null {
	if (facts.dismissed) return null;
	const managed = facts.organisations.filter((o) => can(o.role, 'manageRounds'));
	if (managed.length === 0 && facts.organisations.length > 0) return null;
	const { organisation, round } = furthest(managed);
	const done: Record<GuideStepId, boolean> = organisation
		? doneFor(round)
		: { organisation: false, round: false, share: false, answer: false };
	const doneCount = count(done);
	if (doneCount === GUIDE_STEPS.length) return null;

	const orgPath = organisation && `/o/${organisation.id}`;
	const roundPath = orgPath && round && `${orgPath}/rounds/${round.id}`;
	const href: Record<GuideStepId, string | null> = {
		organisation: '/orgs#create-title',
		round: orgPath && `${orgPath}#new-round-title`,
		share: roundPath && `${roundPath}#${round?.status === 'open' ? 'links-title' : 'status-title'}`,
		answer: roundPath && `${roundPath}#you-title`
	};
	const steps = GUIDE_STEPS.map((id) => ({
		id,
		done: done[id],
		href: href[id],
		// Starting one's own response is one post to the round page's action, without fields.
		action: id === 'answer' && roundPath && round?.status === 'open' ? `${roundPath}?/answer` : null
	}));
	return { steps, done: doneCount, current: GUIDE_STEPS.find((id) => !done[id])! };
}

/** Where "Start an assessment" takes a signed-in person: their next step, or their organisations. */
export function startHref(guide: FirstRunGuide | null): string {
	return guide?.steps.find((s) => s.id === guide.current)?.href ?? '/orgs';
}
