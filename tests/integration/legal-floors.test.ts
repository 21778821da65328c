/**
 * Legal floors in the running app (issue 16; docs/scoring.md rule 24b): an owner sets the
 * organisation's sector on the settings page (validated, audited, nobody else's organisation); a
 * bank whose respondents answer complaint handling (`voc-complaints`, floor 2 for banks) with 1
 * sees the compliance finding on the personal and team results pages, in both PDFs, at the top of
 * the roadmap and in the compliance export. The same outputs list the points of law its answers
 * touch (the questions' legal notes in banking) for compliance to check, never as findings. The
 * same answers in an organisation without a sector show nothing of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedModel } from '../../src/lib/server/db/models';
import {
	answersAt,
	createLink,
	createOrg,
	createRound,
	inviteAndAccept,
	setStatus,
	signUp,
	submitSame,
	testDb
} from '../support/flow';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';

const model = loadShippedModel('1.1.0');
const complaints = model.areas.flatMap((a) => a.questions).find((q) => q.id === 'voc-complaints')!;
const RULE = complaints.legalFloor!.rule.en;
const FINDING = `Below the legal minimum for Banking: ${RULE}`;
const TITLE = 'Below the legal minimum: compliance findings';
const CHECKS =
	'Points of law for Banking that these answers touch; not scored, for compliance to check:';
const question = (id: string) => model.areas.flatMap((a) => a.questions).find((q) => q.id === id)!;
/** `se-reaching-us` carries notes for every sector; `dt-privacy`'s shows only up to statement 1. */
const [basicRate] = question('se-reaching-us').legalNotes!;
const [consent] = question('dt-privacy').legalNotes!;

/** Every question answered 3, complaint handling 1. */
const answers = answersAt(model, 3, { [complaints.id]: 1 });

const sectorOf = (orgId: string) =>
	(
		testDb().prepare('select sector from organisations where id = ?').get(orgId) as {
			sector: string | null;
		}
	).sector;

/** An organisation with an open round and `count` submitted responses; the last one's token. */
async function roundWithResponses(owner: Client, orgId: string, count: number) {
	const roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const link = await createLink(owner, orgId, roundId);
	const last = await submitSame(owner, link, count, answers);
	return { roundId, respondent: last };
}

let bankOwner: Client;
let bankId = '';
let bank: Awaited<ReturnType<typeof roundWithResponses>>;
let plainOwner: Client;
let plainId = '';
let plain: Awaited<ReturnType<typeof roundWithResponses>>;

beforeAll(async () => {
	bankOwner = await signUp('bank-owner');
	bankId = await createOrg(bankOwner);
	plainOwner = await signUp('plain-owner');
	plainId = await createOrg(plainOwner);
}, 60_000);

describe('the sector on the settings page', () => {
	it('is set by the owner, shown on the organisation page and written to the audit log', async () => {
		expect(sectorOf(bankId)).toBeNull();
		const settings = await (await bankOwner.get(`/o/${bankId}/settings`)).text();
		expect(settings).toContain('name="sector"');
		expect(settings).toContain('<option value="consumer-credit"');

		const res = await bankOwner.post(`/o/${bankId}/settings?/sector`, { sector: 'banking' });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Sector saved.');
		expect(sectorOf(bankId)).toBe('banking');
		expect(await (await bankOwner.get(`/o/${bankId}`)).text()).toContain('Sector: Banking');

		const event = testDb()
			.prepare(
				"select before_json as before, after_json as after from audit_events where organisation_id = ? and action = 'org.settings' order by created_at desc"
			)
			.get(bankId) as { before: string; after: string };
		expect(JSON.parse(event.before)).toEqual({ sector: null });
		expect(JSON.parse(event.after)).toEqual({ sector: 'banking' });
	});

	it('refuses a sector that is not on the list with a message, and changes nothing', async () => {
		for (const sector of ['mining', 'Banking', 'banking ', 'x'.repeat(500)]) {
			const res = await bankOwner.post(`/o/${bankId}/settings?/sector`, { sector });
			expect(res.status).toBe(400);
			expect(await res.text()).toContain('Choose a sector from the list, or “Not set”.');
		}
		expect(sectorOf(bankId)).toBe('banking');
	});

	it('cannot be changed in another organisation, nor by a facilitator', async () => {
		const outsider = await plainOwner.post(`/o/${bankId}/settings?/sector`, { sector: 'water' });
		expect(outsider.status).toBe(404);
		const facilitator = await inviteAndAccept(bankOwner, bankId, 'facilitator');
		const refused = await facilitator.post(`/o/${bankId}/settings?/sector`, { sector: 'water' });
		expect(refused.status).toBe(403);
		expect(sectorOf(bankId)).toBe('banking');
		expect(sectorOf(plainId)).toBeNull();
	});

	it('is cleared with "Not set"', async () => {
		await plainOwner.post(`/o/${plainId}/settings?/sector`, { sector: 'retail' });
		expect(sectorOf(plainId)).toBe('retail');
		const res = await plainOwner.post(`/o/${plainId}/settings?/sector`, { sector: '' });
		expect(res.status).toBe(200);
		expect(sectorOf(plainId)).toBeNull();
	});
});

describe('a bank answering complaint handling with 1', () => {
	beforeAll(async () => {
		bank = await roundWithResponses(bankOwner, bankId, 3);
		plain = await roundWithResponses(plainOwner, plainId, 3);
	}, 180_000);

	it('sees the finding on its own results page, and the item that fixes it first', async () => {
		const { client, token } = bank.respondent;
		const page = await (await client.get(`/answer/${token}/results`)).text();
		expect(page).toContain(TITLE);
		expect(page).toContain(`${FINDING} — a compliance finding, not a maturity stage.`);
		expect(page).toContain('Answer: statement 1.');
		// The points of law: the basic-rate note for every answer, the consent note not at 3.
		expect(page).toContain(CHECKS);
		expect(page).toContain(basicRate!.check.en.replaceAll("'", '&#39;'));
		expect(page).not.toContain(consent!.check.en.replaceAll("'", '&#39;'));
		const data = await (await client.get(`/answer/${token}/results/__data.json`)).text();
		expect(data).toContain('voc-r1-complaint-procedure');
		expect(data).toContain('legalMinimum');
		// Rank 1 of the roadmap is the complaint procedure, marked "Legal minimum".
		const title = model.areas
			.flatMap((a) => a.recommendations)
			.find((r) => r.id === 'voc-r1-complaint-procedure')!.title.en;
		const start = page.indexOf('<li value="1"');
		const rankOne = page.slice(start, page.indexOf('</li>', start));
		expect(rankOne).toContain(title.replaceAll("'", '&#39;'));
		expect(rankOne).toContain('class="legal-minimum"');
		expect(rankOne).toContain('up to the legal minimum (statement 2)');
		// The legal mark says why; the low-answer line (rule 24a) would repeat it.
		expect(rankOne).not.toContain('two or more stages below its area');
	});

	it('reads the finding in its own PDF, with the mark on the roadmap', async () => {
		const { client, token } = bank.respondent;
		const text = await pdfText(await client.get(`/answer/${token}/report.pdf`));
		expect(text).toContain(TITLE);
		expect(text.replace(/\s+/g, ' ')).toContain('a compliance finding, not a maturity stage');
		expect(text).toContain('Legal minimum');
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain(CHECKS);
		expect(flat).toContain(basicRate!.check.en);
	});

	it('sees the team finding (median 1) on the team results page, the PDF and the export', async () => {
		const base = `/o/${bankId}/rounds/${bank.roundId}`;
		const page = await (await bankOwner.get(`${base}/results`)).text();
		expect(page).toContain(TITLE);
		expect(page).toContain('Median answer of the group: 1.');
		expect(page).toContain('compliance.csv');
		const text = await pdfText(await bankOwner.get(`${base}/report.pdf`));
		expect(text).toContain(TITLE);
		const csv = await (await bankOwner.get(`${base}/export/compliance.csv`)).text();
		expect(csv).toContain(`Whole round,Whole round,Banking,voice-of-customer,`);
		expect(csv).toContain(',voc-complaints,');
		const json = JSON.parse(
			await (await bankOwner.get(`${base}/export/compliance.json`)).text()
		) as {
			sector: string;
			groups: Array<{
				lines: Array<{ questionId: string; kind: string; answer: number | null; check?: string }>;
			}>;
		};
		expect(json.sector).toBe('banking');
		const lines = json.groups[0]!.lines;
		expect(lines.filter((l) => l.kind !== 'to-check')).toMatchObject([
			{ questionId: 'voc-complaints', kind: 'below-legal-minimum', answer: 1 }
		]);
		expect(lines).toContainEqual(
			expect.objectContaining({
				questionId: 'se-reaching-us',
				kind: 'to-check',
				answer: null,
				check: basicRate!.check.en
			})
		);
		expect(lines.some((l) => l.questionId === 'dt-privacy')).toBe(false);
		expect(csv).toContain('point of law: check with compliance');
		// The organisation page names the latest round's finding.
		expect(await (await bankOwner.get(`/o/${bankId}`)).text()).toContain(FINDING);
	});

	it('shows nothing of it in an organisation without a sector', async () => {
		const { client, token } = plain.respondent;
		const own = await (await client.get(`/answer/${token}/results`)).text();
		expect(own).not.toContain('legal minimum');
		expect(own).not.toContain('class="legal-minimum"');
		expect(own).not.toContain('Points of law');
		expect(await pdfText(await client.get(`/answer/${token}/report.pdf`))).not.toContain(
			'legal minimum'
		);
		const base = `/o/${plainId}/rounds/${plain.roundId}`;
		const team = await (await plainOwner.get(`${base}/results`)).text();
		expect(team).not.toContain('legal minimum');
		expect(team).not.toContain('compliance.csv');
		expect(await pdfText(await plainOwner.get(`${base}/report.pdf`))).not.toContain(
			'legal minimum'
		);
		const csv = await plainOwner.get(`${base}/export/compliance.csv`);
		expect(csv.status).toBe(404);
		expect(await csv.text()).toContain('The organisation has no sector');
	});
});
