/**
 * Checks every load, action and endpoint makes before touching an organisation's data: who is
 * asking, and whether they belong to the organisation in the URL. Someone outside the organisation
 * gets 404, so ids of other organisations reveal nothing.
 *
 * The one exception is the instance's public demo (`npm run db:demo`, lib/server/db/public-demo.ts):
 * anyone, signed in or not, may read it as a viewer through `requireReader`, and nothing else.
 * `requireMember`, which every action and every page beyond a viewer's uses, never lets a demo
 * visitor through: it answers them 403 ("the demo is read-only") before any work is done.
 *
 * The people of an organisation's practice reach it without a membership, with the role derived
 * from their practice role (`getMembership`, lib/domain/practice-permissions.ts), and never take
 * the actions withheld from a practice (`erase`, `endPracticeAccess`): `mayActInClient` decides.
 * A practice's own pages use lib/server/practice-guards.ts.
 */
import { error, redirect } from '@sveltejs/kit';
import type { Action, Role } from '$lib/domain/permissions';
import { mayActInClient } from '$lib/domain/practice-permissions';
import { database } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Db } from '$lib/server/db/connection';
import {
	getMembership,
	type Organisation,
	type PracticeAccess
} from '$lib/server/db/organisations';
import { getPublicDemoById } from '$lib/server/db/public-demo';

export type SignedInUser = NonNullable<App.Locals['user']>;

export function requireUser(locals: App.Locals, url: URL): SignedInUser {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

export interface MemberContext {
	db: Db;
	user: SignedInUser;
	organisation: Organisation;
	role: Role;
	/** The practice through which the user acts here, without a membership; null for a member. */
	practice: PracticeAccess | null;
}

/**
 * How the reader relates to the public demo: `visitor` reads it without being a member (as a
 * viewer), `member` is a member of the organisation that is the public demo, null otherwise.
 */
export type DemoRelation = 'visitor' | 'member' | null;

export interface ReaderContext {
	db: Db;
	/** Null for a visitor of the public demo who is not signed in. */
	user: SignedInUser | null;
	organisation: Organisation;
	role: Role;
	demo: DemoRelation;
	/** The practice through which the user reads this organisation; null otherwise. */
	practice: PracticeAccess | null;
}

/**
 * A member of the organisation with a role allowing `action` (anything but reading: reading pages
 * use `requireReader`). Not signed in: to sign-in; not a member: 404; the role does not allow it:
 * 403. A visitor of the public demo gets 403 for every action, whatever it is.
 */
export async function requireMember(
	locals: App.Locals,
	url: URL,
	organisationId: string,
	action: Exclude<Action, 'view'>
): Promise<MemberContext> {
	const { db } = await database();
	const membership = locals.user && (await getMembership(db, organisationId, locals.user.id));
	if (!membership) {
		if (await getPublicDemoById(db, organisationId)) error(403, { message: m.demo_read_only() });
		requireUser(locals, url);
		error(404, { message: 'Not found' });
	}
	const access = { role: membership.role, viaPractice: membership.practice?.role ?? null };
	if (!mayActInClient(access, action)) error(403, { message: m.error_forbidden() });
	return {
		db,
		user: locals.user!,
		organisation: membership.organisation,
		role: membership.role,
		practice: membership.practice
	};
}

/**
 * Someone who may read the organisation's pages as its members see them: a member (with their
 * role), or anyone at all, signed in or not, when the organisation is the instance's public demo
 * (as a viewer, `demo: 'visitor'`). Otherwise as `requireMember`: to sign-in, or 404; with
 * `anonymous: 'notFound'` (a file link, not a page) a visitor gets 404 instead of a redirect.
 */
export async function requireReader(
	locals: App.Locals,
	url: URL,
	organisationId: string,
	options: { anonymous?: 'signIn' | 'notFound' } = {}
): Promise<ReaderContext> {
	const { db } = await database();
	const membership = locals.user && (await getMembership(db, organisationId, locals.user.id));
	if (membership)
		return {
			db,
			user: locals.user,
			organisation: membership.organisation,
			role: membership.role,
			demo: membership.publicDemo ? 'member' : null,
			practice: membership.practice
		};
	const demo = await getPublicDemoById(db, organisationId);
	if (demo)
		return {
			db,
			user: locals.user,
			organisation: demo,
			role: 'viewer',
			demo: 'visitor',
			practice: null
		};
	if (!locals.user && options.anonymous === 'notFound') error(404, { message: 'Not found' });
	requireUser(locals, url);
	error(404, { message: 'Not found' });
}
