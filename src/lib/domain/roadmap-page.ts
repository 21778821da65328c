/**
 * What the roadmap tracking page of a round carries for the asking role: the round's roadmap by
 * horizon with who owns each item, by when and how far it is, the items tracked earlier that later
 * responses moved off the roadmap, and, for those who may set them (`manageRounds`), the members
 * to choose an owner from and the quarters to choose a due date from. Nothing of the roadmap while
 * the round is below its threshold.
 */
import type { Locale, MaturityModel } from './model';
import { can, type Role } from './permissions';
import type { Results } from './results';
import { recommendationNames, resultsView } from './results-view';
import { HORIZONS, ROADMAP_STATUSES, type RoadmapStatus } from './roadmap';

/** A due quarter as stored and posted: "2027-Q1". */
export const QUARTER = /^\d{4}-Q[1-4]$/;

/** How many quarters the due-quarter list offers, starting with the current one. */
export const QUARTERS_OFFERED = 8;

/**
 * The current quarter (UTC) and the ones after it: `upcomingQuarters(new Date('2026-11-05'), 3)` is
 * `['2026-Q4', '2027-Q1', '2027-Q2']`.
 */
export function upcomingQuarters(now: Date, count = QUARTERS_OFFERED): string[] {
	const first = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
	return Array.from({ length: count }, (_, i) => {
		const q = first + i;
		return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
	});
}

/** The quarters offered for an item: the upcoming ones, plus its stored one when outside them. */
export function quarterOptions(upcoming: readonly string[], stored: string | null): string[] {
	if (stored === null || upcoming.includes(stored)) return [...upcoming];
	// "YYYY-Qn" sorts as text in time order.
	return [...upcoming, stored].sort();
}

export interface MemberInput {
	userId: string;
	displayName: string;
	email: string;
}

/**
 * The members an item's owner is chosen from, in the given order. Names can repeat within an
 * organisation; the e-mail address tells such members apart: "Ana (ana@a.example)".
 */
export function memberOptions(members: readonly MemberInput[]) {
	const nameCount = new Map<string, number>();
	for (const mb of members) nameCount.set(mb.displayName, (nameCount.get(mb.displayName) ?? 0) + 1);
	return members.map((mb) => ({
		id: mb.userId,
		name:
			(nameCount.get(mb.displayName) ?? 0) > 1 ? `${mb.displayName} (${mb.email})` : mb.displayName
	}));
}

export interface TrackedInput {
	ownerId: string | null;
	ownerName: string | null;
	/** "2027-Q1" */
	dueQuarter: string | null;
	status: RoadmapStatus;
}

export interface RoadmapPageInput {
	role: Role;
	round: { id: string; name: string; anonymityThreshold: number };
	model: MaturityModel;
	/**
	 * The whole round's results; null while the round may not be shown. Below the threshold, a
	 * round with a workshop record has the consensus results instead (docs/scoring.md rule 49).
	 */
	results: Results | null;
	/** The results are the workshop's agreed answers (rule 49), not the individual answers. */
	consensus?: boolean;
	/** The round's tracked items by recommendation id. */
	tracked: ReadonlyMap<string, TrackedInput>;
	/** The organisation's members (read only for those who manage rounds; ignored for others). */
	members: readonly MemberInput[];
	/** Today: the due-quarter list starts with its quarter. */
	now: Date;
	locale: Locale;
}

/** The roadmap tracking page's data for the asking role. */
export function roadmapPageView(input: RoadmapPageInput) {
	const { model, results, tracked, locale } = input;
	const canEdit = can(input.role, 'manageRounds');
	const members = canEdit ? input.members : [];
	const memberIds = new Set(members.map((mb) => mb.userId));
	const upcoming = upcomingQuarters(input.now);

	const tracking = (id: string) => {
		const t = tracked.get(id);
		return {
			ownerId: t?.ownerId ?? null,
			ownerName: t?.ownerName ?? null,
			// Owners who have since left the organisation are shown, but cannot be chosen again.
			formerOwner: canEdit && !!t?.ownerId && !memberIds.has(t.ownerId),
			dueQuarter: t?.dueQuarter ?? null,
			status: t?.status ?? 'planned',
			quarters: quarterOptions(upcoming, t?.dueQuarter ?? null)
		};
	};

	const roadmap = results ? resultsView(model, results, locale).roadmap : null;
	const horizons = roadmap
		? HORIZONS.map((days) => ({
				days,
				items: roadmap[days].map((item) => ({
					id: item.id,
					rank: item.rank,
					title: item.title,
					areaName: item.areaName,
					quickWin: item.quickWin,
					/** Moves a question answered below its legal floor (rule 24b). */
					legalMinimum: item.legalMinimum !== null,
					...tracking(item.id)
				}))
			})).filter((h) => h.items.length > 0)
		: [];

	// Items tracked earlier that later responses moved off the roadmap: still tracked, still shown
	// by the next round, so still listed (only while the roadmap itself can be shown).
	const onRoadmap = new Set(horizons.flatMap((h) => h.items.map((i) => i.id)));
	const recommendations = recommendationNames(model, locale);
	const others = roadmap
		? [...tracked.keys()]
				.filter((id) => !onRoadmap.has(id))
				.flatMap((id) => {
					const rec = recommendations.get(id);
					if (!rec) return [];
					const { position: _position, ...named } = rec;
					return [{ ...named, legalMinimum: false, ...tracking(id) }];
				})
				.sort((a, b) => a.title.localeCompare(b.title))
		: [];

	return {
		round: {
			id: input.round.id,
			name: input.round.name,
			threshold: input.round.anonymityThreshold
		},
		hidden: results === null,
		consensus: results !== null && input.consensus === true,
		canEdit,
		horizons,
		others,
		members: memberOptions(members),
		statuses: ROADMAP_STATUSES
	};
}

export type RoadmapPageView = ReturnType<typeof roadmapPageView>;
