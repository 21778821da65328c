import { sql, type Kysely } from 'kysely';

// Languages (docs/architecture.md, "Languages"): the language a person chose, saved on their account
// so it follows them to another device; an organisation's default language, for browsers that ask
// for none the app has; a respondent link's language, which its respondents read the questionnaire
// in unless they chose otherwise. All optional; a check keeps them to the five the app has.
const LOCALE_CHECK = (column: string) =>
	sql`${sql.ref(column)} is null or ${sql.ref(column)} in ('en', 'bg', 'ru', 'ro', 'uk')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('users')
		.addColumn('locale', 'text', (c) => c.check(LOCALE_CHECK('locale')))
		.execute();
	await db.schema
		.alterTable('organisations')
		.addColumn('default_locale', 'text', (c) => c.check(LOCALE_CHECK('default_locale')))
		.execute();
	await db.schema
		.alterTable('response_links')
		.addColumn('locale', 'text', (c) => c.check(LOCALE_CHECK('locale')))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('response_links').dropColumn('locale').execute();
	await db.schema.alterTable('organisations').dropColumn('default_locale').execute();
	await db.schema.alterTable('users').dropColumn('locale').execute();
}
