/**
 * An organisation's branding as stored: its logo and accent colour. `lib/server/branding.ts` checks
 * an uploaded logo before it is stored here.
 */
import type { Db } from './connection';

export interface Branding {
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	accentColor: string;
}

export async function getBranding(db: Db, organisationId: string): Promise<Branding | undefined> {
	const row = await db
		.selectFrom('organisations')
		.select(['logo', 'logo_type', 'accent_color'])
		.where('id', '=', organisationId)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		logo:
			row.logo && row.logo_type ? { data: new Uint8Array(row.logo), type: row.logo_type } : null,
		accentColor: row.accent_color
	};
}

export async function setLogo(
	db: Db,
	organisationId: string,
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null
): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ logo: logo ? Buffer.from(logo.data) : null, logo_type: logo?.type ?? null })
		.where('id', '=', organisationId)
		.execute();
}

export async function setAccentColor(db: Db, organisationId: string, color: string): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ accent_color: color })
		.where('id', '=', organisationId)
		.execute();
}
