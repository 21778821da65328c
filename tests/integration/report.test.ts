/**
 * The PDF roadmap over HTTP: who may fetch it, that its numbers are the results page's numbers,
 * that Cyrillic and Romanian names come out of it as typed, and that bad logos are refused while
 * the previous logo stays.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import { resultsView } from '../../src/lib/domain/results-view';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import {
	addDepartment,
	answerAll,
	createLink,
	createOrg,
	createRound,
	join,
	setStatus,
	signUp,
	submit,
	testDb
} from '../support/flow';
import { teamResults } from '../support/statistics-oracle';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';

const baseURL = inject('baseURL');
const ORG_NAME = 'Тестова Организация ЕООД';
const DEPARTMENT = 'Vânzări și Relații cu Clienții';

let owner: Client;
let orgId = '';
let roundId = '';
let model: MaturityModel;
const inputs: ResponseInput[] = [];
let respondentToken = '';

/** A valid PNG of w x h pixels, built by hand (signature, IHDR, IDAT, IEND with CRCs). */
function makePng(w: number, h: number): Uint8Array {
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([len, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const rows = Buffer.alloc((w * 3 + 1) * h, 0x80);
	for (let y = 0; y < h; y++) rows[y * (w * 3 + 1)] = 0; // filter byte
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', ihdr),
			chunk('IDAT', deflateSync(rows)),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

function upload(client: Client, bytes: Uint8Array, name: string, type: string): Promise<Response> {
	const form = new FormData();
	form.set('logo', new Blob([Buffer.from(bytes)], { type }), name);
	return fetch(`${baseURL}/o/${orgId}/settings?/logo`, {
		method: 'POST',
		body: form,
		headers: {
			origin: baseURL,
			accept: 'text/html',
			cookie: `cx_session=${client.cookie('cx_session')}`
		},
		redirect: 'manual'
	});
}

const storedLogo = () =>
	testDb().prepare('select logo, logo_type from organisations where id = ?').get(orgId) as {
		logo: Buffer | null;
		logo_type: string | null;
	};

beforeAll(async () => {
	owner = await signUp('owner');
	orgId = await createOrg(owner, ORG_NAME);
	const departmentId = await addDepartment(owner, orgId, DEPARTMENT);
	roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const link = await createLink(owner, orgId, roundId, departmentId);
	const parsed = parseModel(
		JSON.parse(
			(
				testDb().prepare('select content from maturity_models where is_default = 1').get() as {
					content: string;
				}
			).content
		)
	);
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	model = parsed.value;
	for (let r = 0; r < 3; r++) {
		const input: ResponseInput = { answers: {}, targets: {} };
		model.areas.forEach((area, a) => {
			area.questions.forEach((q, i) => {
				input.answers[q.id] = (((a + i + r) % 4) + 1) as StageId;
			});
			input.targets[area.id] = 3;
		});
		const { client, token } = await join(link);
		await answerAll(token, input);
		await submit(client, token);
		inputs.push(input);
		respondentToken = token;
	}
}, 60_000);

afterAll(() => testDb().close());

describe('the round PDF', () => {
	it('holds every area, the stage names and the results page numbers, and the Cyrillic name as typed', async () => {
		const text = await pdfText(await owner.get(`/o/${orgId}/rounds/${roundId}/report.pdf`));
		const view = resultsView(model, teamResults(model, inputs), 'en');
		expect(text).toContain(ORG_NAME);
		for (const area of view.areas) {
			expect(text).toContain(area.name);
			expect(text).toContain(String(area.score));
		}
		for (const stage of view.stages) expect(text).toContain(stage.name);
		expect(text).toContain(String(view.overall.score));
	});

	it('downloads as an attachment, and opens inline for the preview', async () => {
		const download = await owner.get(`/o/${orgId}/rounds/${roundId}/report.pdf`);
		expect(download.headers.get('content-disposition')).toMatch(
			/^attachment; filename="cx-roadmap-/
		);
		const preview = await owner.get(`/o/${orgId}/rounds/${roundId}/report.pdf?view=1`);
		expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);
	});

	it("is 404 for another organisation's member and for an anonymous visitor", async () => {
		const stranger = await signUp('stranger');
		await createOrg(stranger);
		expect((await stranger.get(`/o/${orgId}/rounds/${roundId}/report.pdf`)).status).toBe(404);
		const anonymous = await fetch(`${baseURL}/o/${orgId}/rounds/${roundId}/report.pdf`, {
			redirect: 'manual'
		});
		expect(anonymous.status).toBe(404);
	});

	it('is withheld (409) while fewer than the threshold have submitted', async () => {
		const other = await createRound(owner, orgId, 3);
		const res = await owner.get(`/o/${orgId}/rounds/${other}/report.pdf`);
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('at least 3 people');
	});
});

describe('the department heatmap on the team results page', () => {
	it('shows the department with its response count and one cell per area', async () => {
		const html = await (await owner.get(`/o/${orgId}/rounds/${roundId}/results`)).text();
		const start = html.indexOf('class="heatmap');
		expect(start).toBeGreaterThan(-1);
		const table = html.slice(start, html.indexOf('</table>', start));
		expect(table).toContain(DEPARTMENT);
		expect(table.match(/class="cell/g)).toHaveLength(model.areas.length);
		expect(table).not.toContain('Fewer than');
	});
});

describe("a respondent's own PDF", () => {
	it('is theirs with the resume link, and 404 for a forged one', async () => {
		const text = await pdfText(await fetch(`${baseURL}/answer/${respondentToken}/report.pdf`));
		expect(text).toContain(ORG_NAME);
		expect((await fetch(`${baseURL}/answer/${'a'.repeat(32)}/report.pdf`)).status).toBe(404);
	});
});

describe('logo uploads', () => {
	it('keeps the previous logo when a bad file comes, and uses a good one in the PDF', async () => {
		const good = makePng(40, 20);
		expect((await upload(owner, good, 'logo.png', 'image/png')).status).toBe(200);
		expect(storedLogo().logo_type).toBe('png');
		const before = Buffer.from(storedLogo().logo!);

		const cases: Array<[string, Uint8Array, string, number, string]> = [
			[
				'a text file named .png',
				new TextEncoder().encode('just some text, not an image'),
				'logo.png',
				400,
				'not a PNG or JPEG'
			],
			[
				'a truncated JPEG',
				new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
				'logo.jpg',
				400,
				'damaged'
			],
			['a PNG cut short', good.slice(0, good.length - 20), 'logo.png', 400, 'damaged'],
			['an oversized image', new Uint8Array(300 * 1024).fill(0x89), 'big.png', 413, 'too large']
		];
		for (const [name, bytes, file, status, message] of cases) {
			const res = await upload(owner, bytes, file, 'image/png');
			expect(res.status, name).toBe(status);
			expect(await res.text(), name).toContain(message);
			expect(Buffer.from(storedLogo().logo!).equals(before), name).toBe(true);
		}

		const pdf = await owner.get(`/o/${orgId}/rounds/${roundId}/report.pdf`);
		const bytes = Buffer.from(await pdf.arrayBuffer());
		expect(bytes.includes(Buffer.from('/Subtype /Image'))).toBe(true);
	});

	it('refuses uploads from a member who is not the owner', async () => {
		const stranger = await signUp('intruder');
		const res = await upload(stranger, makePng(4, 4), 'x.png', 'image/png');
		expect(res.status).toBe(404);
	});
});
