/**
 * The check every load and action of a practice's pages (`/p/[practiceId]`) makes: who is asking,
 * and whether they are one of the practice's people with a role allowing `action`
 * (lib/domain/practice-permissions.ts). Not signed in: to sign-in; not one of its people: 404, so
 * ids of other practices reveal nothing; the role does not allow it: 403.
 */
import { error } from '@sveltejs/kit';
import {
	canInPractice,
	type PracticeAction,
	type PracticeRole
} from '$lib/domain/practice-permissions';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import type { Db } from '$lib/server/db/connection';
import { getPracticeMembership, type Practice } from '$lib/server/db/practices';
import { requireUser, type SignedInUser } from '$lib/server/guards';

export interface PracticeContext {
	db: Db;
	user: SignedInUser;
	practice: Practice;
	role: PracticeRole;
}

export async function requirePractice(
	locals: App.Locals,
	url: URL,
	practiceId: string,
	action: PracticeAction
): Promise<PracticeContext> {
	const user = requireUser(locals, url);
	const { db } = await database();
	const membership = await getPracticeMembership(db, practiceId, user.id);
	if (!membership) error(404, { message: 'Not found' });
	if (!canInPractice(membership.role, action)) error(403, { message: m.error_forbidden() });
	return { db, user, practice: membership.practice, role: membership.role };
}
