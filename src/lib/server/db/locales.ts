/** The languages saved for a person, an organisation and a respondent link (migration 0011). */
import type { Locale } from '$lib/domain/model';
import type { Db } from './connection';

export async function saveUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
	await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function organisationLocale(db: Db, organisationId: string): Promise<string | null> {
	const row = await db
		.selectFrom('organisations')
		.select('default_locale')
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row?.default_locale ?? null;
}

export async function setOrganisationLocale(
	db: Db,
	organisationId: string,
	locale: Locale | null
): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ default_locale: locale })
		.where('id', '=', organisationId)
		.execute();
}

export interface RespondentLocales {
	link: string | null;
	organisation: string | null;
}

/** The languages of a respondent link (`/join/<token>`) and its organisation. */
export async function linkLocales(db: Db, linkToken: string): Promise<RespondentLocales> {
	const row = await db
		.selectFrom('response_links as l')
		.innerJoin('rounds as r', 'r.id', 'l.round_id')
		.innerJoin('organisations as o', 'o.id', 'r.organisation_id')
		.select(['l.locale as link', 'o.default_locale as organisation'])
		.where('l.token', '=', linkToken)
		.executeTakeFirst();
	return { link: row?.link ?? null, organisation: row?.organisation ?? null };
}
