/**
 * The benchmark and the co-branded report (issue 13) on real SQLite files.
 * - The peer set, read straight from a fresh file: it leaves out the organisation itself,
 *   organisations that opted out, other practices' clients, other model versions and rounds below
 *   their threshold, and takes each organisation's latest qualifying round; the instance scope
 *   takes every organisation; sector and size band narrow it.
 * - Over HTTP on the built app: suppressed with four other organisations, shown with five; the
 *   page data and the PDF name no other organisation; "Prepared by" on the PDF; the cover note
 *   is escaped, limited and audited; the size band and opt-out are validated and audited.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkOf, type PeerScores } from '../../src/lib/domain/benchmark';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { loadPeerScores, loadRoundAreaScores } from '../../src/lib/server/db/benchmark';
import { ensureDefaultModel } from '../../src/lib/server/db/models';
import {
	createLink,
	createOrg,
	createRound,
	roundModel,
	setStatus,
	signUp,
	submitResponses,
	testDb,
	unique,
	writableTestDb
} from '../support/flow';
import type { Client } from '../support/http';
import type { SyncDatabase } from '../support/sync-pg';
import { seed } from '../support/benchmark-seed';
import { pdfBytesText } from '../support/pdf';

let counter = 0;
const id = (label: string) => `${label}${(counter++).toString(36).padStart(4, '0')}`;

/** Level 1 is 0, 2.5 is 50, 4 is 100. */
const scoreOf = (level: number) => ((level - 1) / 3) * 100;
const sortedFirstArea = (peers: PeerScores[], areaId: string) =>
	peers.map((p) => p[areaId]).sort((a, b) => (a ?? 0) - (b ?? 0));

describe('the peer set (one query)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'cx-benchmark-'));
	let opened: OpenedDatabase;
	let sqlite: Database.Database;
	let modelId: string;
	let otherModelId: string;
	let areaIds: string[];
	let own: string;
	let ownRound: string;
	let practiceId: string;

	beforeAll(async () => {
		const path = join(dir, 'benchmark.sqlite');
		opened = await openDatabase(path);
		const stored = await ensureDefaultModel(opened.db);
		modelId = stored.id;
		areaIds = stored.model.areas.map((a) => a.id);
		sqlite = new Database(path);
		sqlite.pragma('busy_timeout = 5000');
		// Another version of the model: a copy of the row under another id.
		otherModelId = `${modelId}-fork`;
		sqlite
			.prepare(
				"insert into maturity_models (id, model_key, version, name, content, is_default) select ?, model_key, '9.9.9', name, content, 0 from maturity_models where id = ?"
			)
			.run(otherModelId, modelId);
		const { organisation, round, practice } = seed(sqlite, areaIds);
		practiceId = practice('Practice');
		const otherPractice = practice('Other practice');
		own = organisation('Own', { practiceId, sector: 'banking', sizeBand: 'small' });
		ownRound = round(own, modelId, 2.5);
		// Five peers of the practice at levels 1, 2, 3, 4 and 2.5; sectors and sizes differ.
		const peers: Array<[number, string, string]> = [
			[1, 'banking', 'small'],
			[2, 'banking', 'large'],
			[3, 'retail', 'small'],
			[4, 'banking', 'small'],
			[2.5, 'retail', 'large']
		];
		for (const [level, sector, sizeBand] of peers)
			round(organisation('Peer', { practiceId, sector, sizeBand }), modelId, level);
		// Left out: opted out; another practice's client; another model version; below threshold;
		// at the threshold but with a removal (rule 44); no practice at all.
		round(organisation('Opted out', { practiceId, optOut: true }), modelId, 4);
		round(organisation('Other practice', { practiceId: otherPractice }), modelId, 4);
		round(organisation('Other version', { practiceId }), otherModelId, 4);
		round(organisation('Too few', { practiceId }), modelId, 4, { responses: 2 });
		round(organisation('Removed', { practiceId }), modelId, 4, { removed: 1 });
		round(organisation('No practice'), modelId, 1.5);
		// Two qualifying rounds: the latest counts (level 3.5); a later one below threshold does not.
		const twice = organisation('Twice', { practiceId, sector: 'banking', sizeBand: 'small' });
		round(twice, modelId, 1.5, { createdAt: '2025-01-01T00:00:00.000Z' });
		round(twice, modelId, 3.5, { createdAt: '2025-06-01T00:00:00.000Z' });
		round(twice, modelId, 1, { createdAt: '2025-09-01T00:00:00.000Z', responses: 1 });
		// The organisation's own other round is never a peer.
		round(own, modelId, 4, { createdAt: '2024-01-01T00:00:00.000Z' });
	});

	afterAll(async () => {
		sqlite?.close();
		await opened?.db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	it("takes the practice's other clients that qualify, each once, with its latest round", async () => {
		const peers = await loadPeerScores(opened.db, {
			organisationId: own,
			modelId,
			scope: { practiceId }
		});
		expect(peers).toHaveLength(6);
		expect(sortedFirstArea(peers, areaIds[0]!)).toEqual(
			[1, 2, 2.5, 3, 3.5, 4].map(scoreOf).map((s) => expect.closeTo(s, 9))
		);
		// No name or id leaves the query's result: only area scores.
		for (const peer of peers) expect(Object.keys(peer).sort()).toEqual([...areaIds].sort());
	});

	it('the instance scope takes every organisation that did not opt out', async () => {
		const peers = await loadPeerScores(opened.db, {
			organisationId: own,
			modelId,
			scope: 'instance'
		});
		// The six, the other practice's client, "Too few"? no; "Removed"? no; "No practice": 8.
		expect(sortedFirstArea(peers, areaIds[0]!)).toEqual(
			[1, 1.5, 2, 2.5, 3, 3.5, 4, 4].map(scoreOf).map((s) => expect.closeTo(s, 9))
		);
	});

	it('sector and size band narrow the peers, and then the benchmark is suppressed', async () => {
		const peers = await loadPeerScores(opened.db, {
			organisationId: own,
			modelId,
			scope: { practiceId },
			sector: 'banking',
			sizeBand: 'small'
		});
		expect(sortedFirstArea(peers, areaIds[0]!)).toEqual(
			[1, 3.5, 4].map(scoreOf).map((s) => expect.closeTo(s, 9))
		);
		const ownScores = await loadRoundAreaScores(opened.db, ownRound);
		const benchmark = benchmarkOf(areaIds, ownScores!, peers);
		expect(benchmark.every((a) => !a.shown && a.reason === 'too-few-peers')).toBe(true);
	});

	it("the round's own scores, and none below its threshold", async () => {
		const scores = await loadRoundAreaScores(opened.db, ownRound);
		expect(scores?.[areaIds[0]!]).toBeCloseTo(50, 9);
		const { organisation, round } = seed(sqlite, areaIds);
		const small = round(organisation('Small'), modelId, 3, { responses: 2 });
		expect(await loadRoundAreaScores(opened.db, small)).toBeNull();
	});
});

describe('benchmark, branding and cover note over HTTP', () => {
	let owner: Client;
	let orgId: string;
	let roundId: string;
	let writable: SyncDatabase;
	let practiceId: string;
	const practiceName = unique('Practice Ünïcode');
	const peerNames: string[] = [];
	const peerIds: string[] = [];

	beforeAll(async () => {
		owner = await signUp('benchmark-owner');
		orgId = await createOrg(owner, unique('Client'));
		roundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, roundId, 'open');
		await submitResponses(await createLink(owner, orgId, roundId), 3);
		writable = writableTestDb();
		practiceId = id('practice');
		writable
			.prepare('insert into practices (id, name, accent_color, contact) values (?, ?, ?, ?)')
			.run(practiceId, practiceName, '#1b8a5a', 'Ana Popescu · ana@practice.example');
		writable
			.prepare('insert into practice_clients (practice_id, organisation_id) values (?, ?)')
			.run(practiceId, orgId);
		const { modelId, model } = roundModel(roundId);
		const areaIds = model.areas.map((a) => a.id);
		const { organisation, round } = seed(writable, areaIds);
		for (const level of [1.5, 2, 3, 3.5]) {
			const name = unique('Peer Secret');
			const peer = organisation(name, { practiceId });
			peerNames.push(name);
			peerIds.push(peer, round(peer, modelId, level));
		}
		// A fifth that opted out does not count.
		const optedOut = unique('Peer Secret');
		peerNames.push(optedOut);
		const opted = organisation(optedOut, { practiceId, optOut: true });
		peerIds.push(opted, round(opted, modelId, 4));
	}, 120_000);

	afterAll(() => writable?.close());

	const results = () => owner.get(`/o/${orgId}/rounds/${roundId}/results`);
	const data = () => owner.get(`/o/${orgId}/rounds/${roundId}/results/__data.json`);

	function expectNoPeer(text: string) {
		for (const secret of [...peerNames, ...peerIds]) expect(text).not.toContain(secret);
	}

	it('with four other organisations: suppressed, no numbers', async () => {
		const html = await (await results()).text();
		expect(html).toContain('No area can be compared yet');
		expect(html).not.toContain('Among 4 organisations');
		const json = await (await data()).text();
		expect(json).not.toMatch(/"percentile"/);
		expectNoPeer(html + json);
	});

	it('with five: shown on the results page, the dashboard and the PDF, naming no peer', async () => {
		const { organisation, round } = seed(writable, []);
		const name = unique('Peer Secret');
		peerNames.push(name);
		const fifth = organisation(name, { practiceId });
		const { modelId } = roundModel(roundId);
		const fifthRound = round(fifth, modelId, 4);
		peerIds.push(fifth, fifthRound);
		// Copy the area sums of another peer at level 4 for the fifth one.
		writable
			.prepare(
				'insert into round_area_sums (round_id, department_key, role_level_key, area_id, scored, sum, sum_sq, answered, not_applicable, target_sum, target_count) select ?, department_key, role_level_key, area_id, scored, sum, sum_sq, answered, not_applicable, target_sum, target_count from round_area_sums where round_id = ?'
			)
			.run(fifthRound, peerIds[peerIds.length - 3]);
		const html = await (await results()).text();
		expect(html).toContain(`Among 5 organisations of the clients of ${practiceName}`);
		const json = await (await data()).text();
		expectNoPeer(html + json);
		const dashboard = await (await owner.get(`/o/${orgId}`)).text();
		expect(dashboard).toContain('Among 5 organisations');
		expectNoPeer(dashboard);
		const res = await owner.get(`/o/${orgId}/rounds/${roundId}/report.pdf`);
		expect(res.status).toBe(200);
		const text = (await pdfBytesText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
		expect(text).toContain(`Prepared by ${practiceName}`);
		expect(text).toContain('Among 5 organisations');
		expect(text).toContain('ana@practice.example');
		expectNoPeer(text);
	});

	it('an unknown benchmark filter value is refused quietly (no filter)', async () => {
		const res = await owner.get(
			`/o/${orgId}/rounds/${roundId}/results?benchmarkSector=yes&benchmarkSize=<x>`
		);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Among 5 organisations');
	});

	it('the cover note: escaped on the page, in the PDF as typed, limited, audited', async () => {
		const note = 'Thanks! <script>alert("x")</script> & <b>bold</b>';
		const page = `/o/${orgId}/rounds/${roundId}`;
		expect((await owner.post(`${page}?/coverNote`, { coverNote: note })).status).toBe(200);
		const html = await (await owner.get(page)).text();
		expect(html).not.toContain('<script>alert("x")');
		expect(html).toContain('&lt;script>alert("x")&lt;/script>');
		const tooLong = await owner.post(`${page}?/coverNote`, { coverNote: 'x'.repeat(1201) });
		expect(tooLong.status).toBe(400);
		const stored = testDb().prepare('select cover_note from rounds where id = ?').get(roundId) as {
			cover_note: string;
		};
		expect(stored.cover_note).toBe(note);
		const audit = testDb()
			.prepare(
				"select after_json from audit_events where organisation_id = ? and action = 'round.cover_note'"
			)
			.all(orgId) as Array<{ after_json: string }>;
		expect(audit.map((a) => JSON.parse(a.after_json))).toEqual([{ coverNote: note }]);
		const pdf = await owner.get(`${page}/report.pdf`);
		const text = (await pdfBytesText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
		expect(text).toContain('<script>alert("x")</script> & <b>bold</b>');
	});

	it('someone outside the organisation cannot write the note', async () => {
		const stranger = await signUp('benchmark-stranger');
		const res = await stranger.post(`/o/${orgId}/rounds/${roundId}?/coverNote`, {
			coverNote: 'mine'
		});
		expect([403, 404]).toContain(res.status);
	});

	it('settings: size band and opt-out, validated and audited', async () => {
		const bad = await owner.post(`/o/${orgId}/settings?/benchmark`, { sizeBand: 'huge' });
		expect(bad.status).toBe(400);
		const badBox = await owner.post(`/o/${orgId}/settings?/benchmark`, {
			sizeBand: 'small',
			optOut: 'maybe'
		});
		expect(badBox.status).toBe(400);
		expect(
			testDb()
				.prepare('select size_band, benchmark_opt_out from organisations where id = ?')
				.get(orgId)
		).toEqual({ size_band: null, benchmark_opt_out: 0 });
		const ok = await owner.post(`/o/${orgId}/settings?/benchmark`, {
			sizeBand: 'small',
			optOut: 'on'
		});
		expect(ok.status).toBe(200);
		expect(
			testDb()
				.prepare('select size_band, benchmark_opt_out from organisations where id = ?')
				.get(orgId)
		).toEqual({ size_band: 'small', benchmark_opt_out: 1 });
		const audit = testDb()
			.prepare(
				"select before_json, after_json from audit_events where organisation_id = ? and action = 'org.settings' order by created_at desc limit 1"
			)
			.get(orgId) as { before_json: string; after_json: string };
		expect(JSON.parse(audit.before_json)).toEqual({ sizeBand: null, benchmarkOptOut: false });
		expect(JSON.parse(audit.after_json)).toEqual({ sizeBand: 'small', benchmarkOptOut: true });
		// Opting out still shows the organisation its own benchmark.
		expect(await (await results()).text()).toContain('Among 5 organisations');
	});
});
