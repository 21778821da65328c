/**
 * Who reads which language (lib/domain/locale.ts): the switcher's choice, the account's, the
 * respondent link's, the browser's, the organisation's default, English; `<html lang>` always says
 * which; a round's PDF in any of the five whatever the page's language.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
	addDepartment,
	createLink,
	createOrg,
	createRound,
	setStatus,
	signUp,
	join,
	submitResponses,
	testDb
} from '../support/flow';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import { Client } from '../support/http';
import { pdfText } from '../support/pdf';

const baseURL = inject('baseURL');
const catalogue = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
const en = catalogue('en');
const ro = catalogue('ro');
const uk = catalogue('uk');
const bg = catalogue('bg');

const langOf = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];
const page = async (client: Client, path: string, headers: Record<string, string> = {}) => {
	const res = await client.get(path, headers);
	expect(res.status).toBe(200);
	return res.text();
};

describe('the language of a page', () => {
	it("follows the browser's languages, the first one the app has", async () => {
		const visitor = new Client(baseURL);
		const html = await page(visitor, '/', { 'accept-language': 'de-DE,uk;q=0.8,en;q=0.5' });
		expect(langOf(html)).toBe('uk');
		expect(html).toContain(uk.nav_model);
		expect(langOf(await page(visitor, '/', { 'accept-language': 'de-DE' }))).toBe('en');
		expect(langOf(await page(visitor, '/'))).toBe('en');
	});

	it('follows the switcher over the browser, and sends the person back where they were', async () => {
		const visitor = new Client(baseURL);
		const res = await visitor.post('/language', { locale: 'ro', to: '/model?x=1' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/model?x=1');
		const html = await page(visitor, '/model', { 'accept-language': 'uk' });
		expect(langOf(html)).toBe('ro');
		expect(html).toContain(ro.nav_model);
		expect(html).not.toContain(`>${en.nav_model}<`);
	});

	it('refuses a language the app does not have and changes nothing; sends nobody elsewhere', async () => {
		const visitor = new Client(baseURL);
		const refused = await visitor.post('/language', { locale: 'de', to: '/model' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain(en.language_unknown);
		expect(visitor.cookies.size).toBe(0);
		for (const to of ['//evil.example/x', '/\\evil.example', 'https://evil.example/'])
			expect((await visitor.post('/language', { locale: 'bg', to })).headers.get('location')).toBe(
				'/'
			);
		const script = await visitor.post('/language', { locale: '<script>', to: '/' });
		expect(script.status).toBe(400);
	});

	it("is remembered on the account: another device shows the person's choice", async () => {
		const person = await signUp('polyglot');
		expect((await person.post('/language', { locale: 'bg', to: '/orgs' })).status).toBe(303);
		const session = person.cookies.get('cx_session')!;
		const otherDevice = new Client(baseURL);
		otherDevice.cookies.set('cx_session', session);
		const html = await page(otherDevice, '/orgs', { 'accept-language': 'en' });
		expect(langOf(html)).toBe('bg');
		expect(html).toContain(bg.nav_orgs);
	});
});

describe('a respondent link with a language, an organisation with a default', () => {
	let owner: Client;
	let orgId: string;
	let roundId: string;

	beforeAll(async () => {
		owner = await signUp('owner');
		orgId = await createOrg(owner);
		roundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, roundId, 'open');
	});

	it('shows the questionnaire in the link language to an English browser, until they choose', async () => {
		const roundPage = `/o/${orgId}/rounds/${roundId}`;
		expect((await owner.post(`${roundPage}?/createLink`, { locale: 'uk' })).status).toBe(200);
		const row = testDb()
			.prepare('select token from response_links where round_id = ? and locale = ?')
			.get(roundId, 'uk') as { token: string };
		expect(row).toBeDefined();
		expect(await page(owner, roundPage)).toContain('Українська');

		const { client, token } = await join(row.token);
		const joinPage = await page(new Client(baseURL), `/join/${row.token}`, {
			'accept-language': 'en-US'
		});
		expect(langOf(joinPage)).toBe('uk');
		const step = await page(client, `/answer/${token}/step/1`, { 'accept-language': 'en-US' });
		expect(langOf(step)).toBe('uk');
		// The respondent's own choice wins over the link's.
		await client.post('/language', { locale: 'ro', to: `/answer/${token}/step/1` });
		expect(langOf(await page(client, `/answer/${token}/step/1`))).toBe('ro');
	});

	it('refuses a link language the app does not have', async () => {
		const roundPage = `/o/${orgId}/rounds/${roundId}`;
		const before = testDb()
			.prepare('select count(*) as n from response_links where round_id = ?')
			.get(roundId);
		const res = await owner.post(`${roundPage}?/createLink`, { locale: 'xx' });
		expect(res.status).toBe(400);
		expect(
			testDb().prepare('select count(*) as n from response_links where round_id = ?').get(roundId)
		).toEqual(before);
	});

	it("uses the organisation's default for a browser that asks for none of the app's languages", async () => {
		const settings = `/o/${orgId}/settings`;
		expect((await owner.post(`${settings}?/language`, { defaultLocale: 'ro' })).status).toBe(200);
		expect(
			testDb().prepare('select default_locale from organisations where id = ?').get(orgId)
		).toEqual({ default_locale: 'ro' });
		const german = new Client(baseURL);
		german.cookies.set('cx_session', owner.cookies.get('cx_session')!);
		expect(langOf(await page(german, `/o/${orgId}`, { 'accept-language': 'de-DE' }))).toBe('ro');
		expect(langOf(await page(german, `/o/${orgId}`, { 'accept-language': 'uk' }))).toBe('uk');
		expect((await owner.post(`${settings}?/language`, { defaultLocale: 'fr' })).status).toBe(400);
		expect(
			testDb().prepare('select default_locale from organisations where id = ?').get(orgId)
		).toEqual({ default_locale: 'ro' });
	});
});

describe("a round's PDF in any language", () => {
	it('is written in the language asked for, not the page language', async () => {
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);
		const departmentId = await addDepartment(owner, orgId, 'Продажби');
		const roundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, roundId, 'open');
		const link = await createLink(owner, orgId, roundId, departmentId);
		await submitResponses(link, 3);
		// A second department, so the PDF compares departments and names them.
		const otherId = await addDepartment(owner, orgId, 'Маркетинг');
		await submitResponses(await createLink(owner, orgId, roundId, otherId), 3);
		const pdf = `/o/${orgId}/rounds/${roundId}/report.pdf`;
		const results = await page(owner, `/o/${orgId}/rounds/${roundId}/results`);
		expect(results).toContain('name="language"');

		const romanian = await pdfText(await owner.get(`${pdf}?language=ro`));
		for (const key of ['pdf_summary_title', 'pdf_roadmap_title', 'pdf_method_title'])
			expect(romanian, key).toContain(ro[key]);
		expect(romanian).not.toContain(en.pdf_summary_title);
		expect(romanian).toContain('Продажби');

		const english = await pdfText(await owner.get(pdf));
		expect(english).toContain(en.pdf_summary_title);
		// An unknown language is the reader's own.
		expect(await pdfText(await owner.get(`${pdf}?language=xx`))).toContain(en.pdf_summary_title);
	}, 60_000);

	it('gives the same numbers in every language, and each PDF speaks only its language', async () => {
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);
		const departmentId = await addDepartment(owner, orgId, 'Billing');
		const roundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, roundId, 'open');
		await submitResponses(await createLink(owner, orgId, roundId, departmentId), 4);
		const base = `/o/${orgId}/rounds/${roundId}`;
		const model = loadDefaultModelFile();

		// The scores export carries the numbers; its labels are in the reader's language. Each row's
		// ids and numbers (cells that are not words) must be the same in every language.
		const cells = (line: string) =>
			[...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1] ?? '');
		const rows = async (language: string) => {
			const res = await owner.get(`${base}/export/scores.csv`, { 'accept-language': language });
			expect(res.status).toBe(200);
			return (await res.text())
				.trim()
				.split(/\r?\n/)
				.slice(1)
				.map((line) => cells(line).filter((c) => /^(-?[\d.]+|[a-z]+(-[a-z]+)*)$/.test(c)));
		};
		const english = await rows('en');
		expect(english.flat().filter((c) => /\d/.test(c)).length).toBeGreaterThan(30);
		expect(english[0]).toContain('strategy-vision');
		const catalogues = { bg, ru: catalogue('ru'), ro, uk };
		for (const [language, messages] of Object.entries(catalogues)) {
			expect(await rows(language), language).toEqual(english);

			const text = await pdfText(await owner.get(`${base}/report.pdf?language=${language}`));
			const squeezed = text.replace(/\s+/g, ' ');
			// The language's own stage and area names, from the model…
			const lang = language as 'bg' | 'ru' | 'ro' | 'uk';
			for (const stage of model.stages) expect(squeezed, language).toContain(stage.name[lang]);
			for (const area of model.areas.slice(0, 3))
				expect(squeezed, `${language} ${area.id}`).toContain(area.name[lang]);
			// …and none of the English headings, stage names or area names.
			for (const key of [
				'pdf_summary_title',
				'pdf_roadmap_title',
				'pdf_method_title',
				'pdf_quick_wins'
			])
				if (messages[key] !== en[key])
					expect(squeezed, `${language} ${key}`).not.toContain(en[key]);
			for (const stage of model.stages)
				expect(squeezed, `${language} ${stage.name.en}`).not.toContain(stage.name.en);
			for (const area of model.areas)
				expect(squeezed, `${language} ${area.name.en}`).not.toContain(area.name.en);
		}
	}, 120_000);
});
