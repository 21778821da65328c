/**
 * Checks every load, action and endpoint makes before touching an organisation's data: who is
 * asking, and whether they belong to the organisation in the URL. Someone outside the organisation
 * gets 404, so ids of other organisations reveal nothing.
 */
import { error, redirect } from '@sveltejs/kit';
import { can, type Action, type Role } from '$lib/domain/permissions';
import { database } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import type { Db } from '$lib/server/db/connection';
import { getMembership, type Organisation } from '$lib/server/db/organisations';

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
}

export async function requireMember(
	locals: App.Locals,
	url: URL,
	organisationId: string,
	action: Action = 'view'
): Promise<MemberContext> {
	const user = requireUser(locals, url);
	const { db } = await database();
	const membership = await getMembership(db, organisationId, user.id);
	if (!membership) error(404, { message: 'Not found' });
	if (!can(membership.role, action)) error(403, { message: m.error_forbidden() });
	return { db, user, ...membership };
}
