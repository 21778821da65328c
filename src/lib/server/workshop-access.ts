/**
 * Who may open a live workshop's screens (issue 12). A participant holds a random token in an
 * httpOnly cookie scoped to `/workshop/<id>`, so it is sent to that workshop's pages only and
 * works in no other workshop; facilitators and presenters are signed-in members who manage
 * rounds, and another organisation's or round's workshop ids are not found (404).
 */
import { error, type Cookies } from '@sveltejs/kit';
import { MAX_NAME, MAX_REASON } from '$lib/domain/limits';
import { TIMER_SECONDS } from '$lib/domain/workshop';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import {
	loadWorkshop,
	rejoinWorkshop,
	type Workshop,
	type WorkshopRefusal
} from '$lib/server/db/workshops';
import { requireMember, type MemberContext } from '$lib/server/guards';

export const PARTICIPANT_COOKIE = 'cx_workshop';
/** A workshop runs for hours, not weeks: the cookie lasts a day. */
const PARTICIPANT_MAX_AGE = 60 * 60 * 24;

export const workshopPath = (workshopId: string) => `/workshop/${workshopId}`;

export function setParticipantCookie(
	cookies: Cookies,
	url: URL,
	workshopId: string,
	token: string
): void {
	cookies.set(PARTICIPANT_COOKIE, token, {
		path: workshopPath(workshopId),
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: PARTICIPANT_MAX_AGE
	});
}

/** The participant holding this request's cookie in the workshop, with the workshop; or undefined. */
export async function participantOfRequest(cookies: Cookies, workshopId: string) {
	const token = cookies.get(PARTICIPANT_COOKIE);
	if (!token || token.length > 128) return undefined;
	const { db } = await database();
	const rejoined = await rejoinWorkshop(db, { workshopId, token });
	return rejoined.ok ? { db, token, ...rejoined.value } : undefined;
}

/** A member who manages rounds, and the workshop of this organisation's round; 404 otherwise. */
export async function requireFacilitator(
	locals: App.Locals,
	url: URL,
	params: { orgId: string; roundId: string; workshopId: string }
): Promise<MemberContext & { workshop: Workshop }> {
	const member = await requireMember(locals, url, params.orgId, 'manageRounds');
	const workshop = await loadWorkshop(member.db, params.roundId, params.workshopId);
	if (!workshop || workshop.organisationId !== params.orgId) error(404, { message: 'Not found' });
	return { ...member, workshop };
}

/**
 * A refusal in words, with its status: 404 for what is not there, 400 for input that can never
 * be right, 409 for a command or vote that does not fit the workshop's state now (a stale tab, a
 * second click, a vote after the reveal).
 */
export function refusalMessage(reason: WorkshopRefusal): {
	status: 400 | 404 | 409;
	message: string;
} {
	const bad = (message: string) => ({ status: 400 as const, message });
	const conflict = (message: string) => ({ status: 409 as const, message });
	switch (reason) {
		case 'not-found':
			return { status: 404, message: m.workshop_refused_not_found() };
		case 'ended':
			return conflict(m.workshop_refused_ended());
		case 'paused':
			return conflict(m.workshop_refused_paused());
		case 'already-started':
			return conflict(m.workshop_refused_already_started());
		case 'not-started':
			return conflict(m.workshop_refused_not_started());
		case 'not-open':
			return conflict(m.workshop_refused_not_open());
		case 'already-revealed':
			return conflict(m.workshop_refused_already_revealed());
		case 'not-revealed':
			return conflict(m.workshop_refused_not_revealed());
		case 'no-more-rounds':
			return conflict(m.workshop_refused_no_more_rounds());
		case 'not-recorded':
			return conflict(m.workshop_refused_not_recorded());
		case 'already-recorded':
			return conflict(m.workshop_refused_already_recorded());
		case 'not-paused':
			return conflict(m.workshop_refused_not_paused());
		case 'not-pausable':
			return conflict(m.workshop_refused_not_pausable());
		case 'first-step':
			return conflict(m.workshop_refused_first_step());
		case 'last-step':
			return conflict(m.workshop_refused_last_step());
		case 'stale-position':
			return conflict(m.workshop_refused_stale());
		case 'round-closed':
			return conflict(m.workshop_refused_round_closed());
		case 'timer-not-now':
			return conflict(m.workshop_timer_not_now());
		case 'no-timer':
			return conflict(m.workshop_refused_no_timer());
		case 'timer-out-of-range':
			return bad(
				m.workshop_refused_timer_range({
					min: TIMER_SECONDS.min,
					max: TIMER_SECONDS.max / 60
				})
			);
		case 'unknown-question':
			return bad(m.workshop_refused_unknown_question());
		case 'unknown-area':
		case 'no-questions':
			return bad(m.workshop_no_areas());
		case 'reason-required':
			return bad(m.workshop_refused_reason_required());
		case 'reason-too-long':
			return bad(m.workshop_refused_reason_too_long({ max: MAX_REASON }));
		case 'level-out-of-range':
			return bad(m.workshop_refused_level());
		case 'threshold-out-of-range':
			return bad(m.form_check());
		case 'group-required':
			return bad(m.workshop_join_group_required());
		case 'unknown-group':
			return bad(m.links_invalid_group());
		case 'name-too-long':
			return bad(m.form_name_too_long({ max: MAX_NAME }));
	}
}
