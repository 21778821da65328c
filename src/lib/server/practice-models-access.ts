/**
 * Who may work on a practice's models: its partners and consultants. Not signed in: to sign-in;
 * not a member of the practice (or no such practice): 404, so ids of other practices reveal
 * nothing. Minimal on purpose: the practice's own guard (accounts and pages) takes it over.
 */
import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import type { Db } from '$lib/server/db/connection';
import type { PracticeRole } from '$lib/server/db/schema';
import { requireUser, type SignedInUser } from '$lib/server/guards';

export interface PracticeModelContext {
	db: Db;
	user: SignedInUser;
	practice: { id: string; name: string };
	role: PracticeRole;
}

export async function requirePracticeModelAccess(
	locals: App.Locals,
	url: URL,
	practiceId: string
): Promise<PracticeModelContext> {
	const user = requireUser(locals, url);
	const { db } = await database();
	const row = await db
		.selectFrom('practice_members')
		.innerJoin('practices', 'practices.id', 'practice_members.practice_id')
		.select(['practices.id', 'practices.name', 'practice_members.role'])
		.where('practice_members.practice_id', '=', practiceId)
		.where('practice_members.user_id', '=', user.id)
		.executeTakeFirst();
	if (!row) error(404, { message: 'Not found' });
	return { db, user, practice: { id: row.id, name: row.name }, role: row.role };
}
