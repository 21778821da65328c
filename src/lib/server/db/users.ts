import type { Db } from './connection';
import { newId } from './ids';

export interface User {
	id: string;
	email: string;
	displayName: string;
}

/** Emails are compared case-insensitively and stored lower-cased. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function createUser(
	db: Db,
	input: { email: string; displayName: string; passwordHash: string }
): Promise<User | undefined> {
	const user = {
		id: newId(),
		email: normaliseEmail(input.email),
		displayName: input.displayName.trim()
	};
	const result = await db
		.insertInto('users')
		.values({
			id: user.id,
			email: user.email,
			display_name: user.displayName,
			password_hash: input.passwordHash
		})
		.onConflict((oc) => oc.column('email').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? user : undefined;
}

export async function getUserCredentials(
	db: Db,
	email: string
): Promise<(User & { passwordHash: string }) | undefined> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'email', 'display_name', 'password_hash'])
		.where('email', '=', normaliseEmail(email))
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			email: row.email,
			displayName: row.display_name,
			passwordHash: row.password_hash
		}
	);
}

export async function getPasswordHash(db: Db, userId: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('users')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirst();
	return row?.password_hash;
}

export async function updatePasswordHash(
	db: Db,
	userId: string,
	passwordHash: string
): Promise<void> {
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash })
		.where('id', '=', userId)
		.execute();
}
