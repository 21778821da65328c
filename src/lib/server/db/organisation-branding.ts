/**
 * An organisation's branding as stored: its logo and accent colour; a practice's the same way, in
 * the same columns of `practices` (the `*PracticeBranding` functions), so one set of functions
 * keeps both. `lib/server/branding.ts` checks an uploaded logo before it is stored here.
 */
import type { Db } from './connection';

export interface Branding {
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	accentColor: string;
}

/** The tables that hold a brand, with the same `logo`, `logo_type` and `accent_color` columns. */
type Brandable = 'organisations' | 'practices';

async function readBranding(db: Db, table: Brandable, id: string): Promise<Branding | undefined> {
	// The two tables share the columns read here; Kysely types one table at a time.
	const row = await db
		.selectFrom(table as 'organisations')
		.select(['logo', 'logo_type', 'accent_color'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		logo:
			row.logo && row.logo_type ? { data: new Uint8Array(row.logo), type: row.logo_type } : null,
		accentColor: row.accent_color
	};
}

async function writeLogo(
	db: Db,
	table: Brandable,
	id: string,
	logo: Branding['logo']
): Promise<void> {
	await db
		.updateTable(table as 'organisations')
		.set({ logo: logo ? Buffer.from(logo.data) : null, logo_type: logo?.type ?? null })
		.where('id', '=', id)
		.execute();
}

async function writeAccentColor(db: Db, table: Brandable, id: string, color: string) {
	await db
		.updateTable(table as 'organisations')
		.set({ accent_color: color })
		.where('id', '=', id)
		.execute();
}

export const getBranding = (db: Db, organisationId: string) =>
	readBranding(db, 'organisations', organisationId);

export const setLogo = (db: Db, organisationId: string, logo: Branding['logo']) =>
	writeLogo(db, 'organisations', organisationId, logo);

export const setAccentColor = (db: Db, organisationId: string, color: string) =>
	writeAccentColor(db, 'organisations', organisationId, color);

export const getPracticeBranding = (db: Db, practiceId: string) =>
	readBranding(db, 'practices', practiceId);

export const setPracticeLogo = (db: Db, practiceId: string, logo: Branding['logo']) =>
	writeLogo(db, 'practices', practiceId, logo);

export const setPracticeAccentColor = (db: Db, practiceId: string, color: string) =>
	writeAccentColor(db, 'practices', practiceId, color);
