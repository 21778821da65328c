/**
 * The workshop record names an agreed practice two or more stages below its area's consensus stage
 * (docs/scoring.md rules 24c and 48) in the running app. Two rounds, each with three responses that
 * answer every question 2 (so the individual results name nothing), and a finished workshop on
 * customer feedback (`voice-of-customer`, five questions): in one the room agreed complaint handling
 * (`voc-complaints`) at 1 and the rest at 4 (mean 3.4, stage 3, complaints two stages below); in the
 * other complaints at 2 and the rest at 3 (mean 2.8, stage 3, complaints one stage below: not
 * named). The record on the results page (its data and HTML), the PDF and workshop.json name it for
 * the first only; workshop.csv has no per-area row and carries no such column.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StageId } from '../../src/lib/domain/model';
import type { WorkshopCommand } from '../../src/lib/domain/workshop';
import type { WorkshopRecordView } from '../../src/lib/domain/workshop-record';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { applyWorkshopCommand, createWorkshop } from '../../src/lib/server/db/workshops';
import {
	answersAt,
	createLink,
	createOrg,
	createRound,
	ownerIdOf,
	roundModel,
	setStatus,
	signUp,
	submitSame
} from '../support/flow';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';
import { dataNodes, fetchPageData } from '../support/page-data';

const AREA = 'voice-of-customer';
const LOW = 'voc-complaints';
const QUESTION = 'How are complaints handled?';
const LINE = `Includes a practice two or more stages below the area: "${QUESTION}" (stage 1).`;

let opened: OpenedDatabase;
let owner: Client;
let orgId = '';
let ownerId = '';
/** The room agreed complaints at 1, the rest at 4. */
let lowRoundId = '';
/** The room agreed complaints at 2, the rest at 3. */
let evenRoundId = '';
let areaName = '';

async function command(roundId: string, workshopId: string, c: WorkshopCommand) {
	const result = await applyWorkshopCommand(opened.db, {
		roundId,
		workshopId,
		command: c,
		actorId: ownerId
	});
	if (!result.ok) throw new Error(`${c.type}: ${result.reason}`);
}

/** A workshop on customer feedback that agrees each question at the level `levelOf` gives; ended. */
async function runWorkshop(roundId: string, levelOf: (questionId: string) => StageId) {
	const created = await createWorkshop(opened.db, {
		organisationId: orgId,
		roundId,
		createdBy: ownerId,
		areas: [AREA],
		pace: 'question'
	});
	if (!created.ok) throw new Error(created.reason);
	const id = created.value.id;
	const ids = roundModel(roundId)
		.model.areas.find((a) => a.id === AREA)!
		.questions.map((q) => q.id);
	await command(roundId, id, { type: 'start' });
	for (const [position, questionId] of ids.entries()) {
		await command(roundId, id, { type: 'reveal', position });
		await command(roundId, id, {
			type: 'record',
			position,
			questionId,
			outcome: 'agreed',
			level: levelOf(questionId),
			reason: `Agreed at ${levelOf(questionId)} after discussion`
		});
		if (position < ids.length - 1) await command(roundId, id, { type: 'next', position });
	}
	await command(roundId, id, { type: 'end' });
}

/** A round with three responses answering every question 2, and a workshop ended on it. */
async function roundWithWorkshop(levelOf: (questionId: string) => StageId) {
	const roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const { model } = roundModel(roundId);
	await submitSame(owner, await createLink(owner, orgId, roundId), 3, answersAt(model, 2));
	await runWorkshop(roundId, levelOf);
	return roundId;
}

beforeAll(async () => {
	opened = await openDatabase(inject('databasePath'));
	owner = await signUp('record-low-owner');
	orgId = await createOrg(owner);
	ownerId = ownerIdOf(orgId);
	lowRoundId = await roundWithWorkshop((q) => (q === LOW ? 1 : 4));
	evenRoundId = await roundWithWorkshop((q) => (q === LOW ? 2 : 3));
	areaName = roundModel(lowRoundId).model.areas.find((a) => a.id === AREA)!.name.en;
}, 240_000);

afterAll(async () => {
	await opened?.close();
});

const base = (roundId: string) => `/o/${orgId}/rounds/${roundId}`;

/** The record in the results page's data (`__data.json`), decoded. */
async function recordData(roundId: string): Promise<WorkshopRecordView> {
	const { status, body } = await fetchPageData(owner, `${base(roundId)}/results`);
	expect(status).toBe(200);
	const page = dataNodes(body!)
		.map((n) => n as { record?: WorkshopRecordView | null })
		.find((n) => n.record);
	expect(page, 'a record in the page data').toBeDefined();
	return page!.record!;
}

/** The workshop record's section of the results page: its low-practice lines, entities decoded. */
async function recordSection(roundId: string) {
	const html = await (await owner.get(`${base(roundId)}/results`)).text();
	const start = html.indexOf('id="workshop-record"');
	expect(start).toBeGreaterThan(-1);
	const section = html.slice(start, html.indexOf('</section>', start));
	const lines = [...section.matchAll(/<p class="small low-practice[^"]*">([\s\S]*?)<\/p>/g)].map(
		(m) =>
			m[1]!
				.replace(/<!---->/g, '')
				.replace(/&quot;|&#34;/g, '"')
				.trim()
	);
	return { html, section, lines };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

interface ExportedConsensus {
	areaId: string;
	stage: number | null;
	mean: number | null;
	lowPractices: unknown[];
}

async function workshopJson(roundId: string): Promise<ExportedConsensus[]> {
	const res = await owner.get(`${base(roundId)}/export/workshop.json`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { consensus: ExportedConsensus[] }).consensus;
}

describe('an agreed practice two or more stages below the consensus stage', () => {
	it('is named under the area in the record page’s data and HTML, and nowhere else on it', async () => {
		const record = await recordData(lowRoundId);
		expect(record.areas).toHaveLength(1);
		expect(record.areas[0]!.consensus).toMatchObject({
			stage: 3,
			mean: 3.4,
			agreed: 5,
			questions: 5,
			lowPractices: [{ id: LOW, question: QUESTION, stage: 1 }]
		});
		const { html, section, lines } = await recordSection(lowRoundId);
		expect(section).toContain('Consensus stage');
		expect(lines).toEqual([LINE]);
		// The individual answers (all 2) name nothing: the record's line is the page's only one.
		expect(html.match(/two or more stages below the area/g)).toHaveLength(1);
	});

	it('is named in the PDF’s record', async () => {
		const text = flat(await pdfText(await owner.get(`${base(lowRoundId)}/report.pdf`)));
		expect(text).toContain('Workshop record');
		expect(text).toContain(`${areaName}: ${LINE}`);
	});

	it('is in workshop.json beside the consensus stage; workshop.csv has no column for it', async () => {
		expect(await workshopJson(lowRoundId)).toEqual([
			{
				areaId: AREA,
				area: areaName,
				mean: 3.4,
				stage: 3,
				lowPractices: [{ questionId: LOW, question: QUESTION, stage: 1 }],
				agreed: 5,
				questions: 5
			}
		]);
		const res = await owner.get(`${base(lowRoundId)}/export/workshop.csv`);
		expect(res.status).toBe(200);
		const rows = (await res.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows).toHaveLength(1 + 5);
		expect(rows[0]).not.toContain('Practices two or more stages below');
	});
});

describe('a workshop whose agreed levels are at most one stage below the consensus stage', () => {
	it('names nothing in the record page’s data or HTML, the PDF or workshop.json', async () => {
		const record = await recordData(evenRoundId);
		expect(record.areas[0]!.consensus).toMatchObject({ stage: 3, mean: 2.8, lowPractices: [] });
		const { html, section, lines } = await recordSection(evenRoundId);
		expect(section).toContain('Consensus stage');
		expect(lines).toEqual([]);
		expect(html).not.toContain('two or more stages below the area');
		const text = flat(await pdfText(await owner.get(`${base(evenRoundId)}/report.pdf`)));
		expect(text).toContain('Workshop record');
		expect(text).not.toContain('two or more stages below the area');
		expect(await workshopJson(evenRoundId)).toEqual([
			expect.objectContaining({ areaId: AREA, stage: 3, mean: 2.8, lowPractices: [] })
		]);
	});
});
