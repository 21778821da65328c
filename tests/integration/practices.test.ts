/**
 * Practices over HTTP (issue 13): the isolation matrix between practices, their clients and the
 * clients' own people; what a consultant may not do; the last partner; client invitations (used,
 * expired, wrong kind, an organisation already in a practice); ending a practice's access; names
 * escaped. Every refused request is checked against the stored data where it could change it.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	createLink,
	createOrg,
	createRound,
	fromLocation,
	setStatus,
	signUp,
	submitResponses,
	testDb,
	unique,
	writableTestDb
} from '../support/flow';
import type { Client } from '../support/http';

const db = { prepare: (sql: string) => testDb().prepare(sql) };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function createPractice(partner: Client, name = unique('Practice')): Promise<string> {
	return fromLocation(await partner.post('/orgs?/createPractice', { name }), /^\/p\/([a-z0-9]+)$/);
}

async function createClient(
	person: Client,
	practiceId: string,
	name = unique('Client'),
	fields: Record<string, string> = {}
): Promise<string> {
	return fromLocation(
		await person.post(`/p/${practiceId}/clients?/create`, { name, ...fields }),
		/^\/o\/([a-z0-9]+)$/
	);
}

async function inviteToken(res: Response): Promise<string> {
	expect(res.status).toBe(200);
	const token = /\/practice-invite\/([a-z0-9]{16,64})/.exec(await res.text())?.[1];
	expect(token).toBeDefined();
	return token!;
}

async function addPerson(partner: Client, practiceId: string, role: string): Promise<Client> {
	const token = await inviteToken(await partner.post(`/p/${practiceId}/people?/invite`, { role }));
	const person = await signUp(role);
	fromLocation(await person.post(`/practice-invite/${token}`), new RegExp(`^/p/(${practiceId})$`));
	return person;
}

const clientInvite = async (partner: Client, practiceId: string) =>
	inviteToken(await partner.post(`/p/${practiceId}/clients?/invite`));

const practiceClients = (practiceId: string) =>
	(
		db
			.prepare(
				'select organisation_id as id from practice_clients where practice_id = ? order by organisation_id'
			)
			.all(practiceId) as Array<{ id: string }>
	).map((r) => r.id);

/** Two practices: A with a partner, a consultant and two clients it created, B with one. */
async function world() {
	const partnerA = await signUp('partnerA');
	const practiceA = await createPractice(partnerA);
	const consultantA = await addPerson(partnerA, practiceA, 'consultant');
	const a1Name = unique('ClientA1');
	const a1 = await createClient(partnerA, practiceA, a1Name, {
		sector: 'banking',
		sizeBand: 'small'
	});
	const a2Name = unique('ClientA2');
	const a2 = await createClient(consultantA, practiceA, a2Name);
	const partnerB = await signUp('partnerB');
	const practiceB = await createPractice(partnerB);
	const b1Name = unique('ClientB1');
	const b1 = await createClient(partnerB, practiceB, b1Name);
	return {
		partnerA,
		consultantA,
		practiceA,
		a1,
		a1Name,
		a2,
		a2Name,
		partnerB,
		practiceB,
		b1,
		b1Name
	};
}

describe('the isolation matrix', () => {
	it("lets a practice's people into its own clients only, and a client's people into their own organisation only", async () => {
		const w = await world();
		// A client's own people: an owner of an existing organisation that accepted A's invitation.
		const clientOwner = await signUp('clientOwner');
		const ownName = unique('OwnOrg');
		const own = await createOrg(clientOwner, ownName);
		const token = await clientInvite(w.partnerA, w.practiceA);
		fromLocation(
			await clientOwner.post(`/practice-invite/${token}`, { organisationId: own }),
			new RegExp(`^/o/(${own})$`)
		);
		expect(practiceClients(w.practiceA)).toEqual([w.a1, w.a2, own].sort());

		const status = async (who: Client, path: string) => (await who.get(path)).status;
		for (const who of [w.partnerA, w.consultantA]) {
			for (const org of [w.a1, w.a2, own]) expect(await status(who, `/o/${org}`)).toBe(200);
			expect(await status(who, `/o/${w.b1}`)).toBe(404);
			expect(await status(who, `/o/${w.b1}/members`)).toBe(404);
			expect(await status(who, `/p/${w.practiceA}`)).toBe(200);
			expect(await status(who, `/p/${w.practiceB}`)).toBe(404);
			expect(await status(who, `/p/${w.practiceB}/clients`)).toBe(404);
		}
		for (const org of [w.a1, w.a2, own]) expect(await status(w.partnerB, `/o/${org}`)).toBe(404);
		expect(await status(w.partnerB, `/p/${w.practiceA}`)).toBe(404);
		// The client's owner sees their organisation, not the practice's other clients nor the practice.
		expect(await status(clientOwner, `/o/${own}`)).toBe(200);
		for (const org of [w.a1, w.a2, w.b1]) expect(await status(clientOwner, `/o/${org}`)).toBe(404);
		expect(await status(clientOwner, `/p/${w.practiceA}`)).toBe(404);
		// Actions of another practice's client are 404 too, and change nothing.
		const before = db
			.prepare('select count(*) as n from rounds where organisation_id = ?')
			.get(w.b1);
		expect(
			(await w.partnerA.post(`/o/${w.b1}?/createRound`, { name: 'x', threshold: '3' })).status
		).toBe(404);
		expect(
			db.prepare('select count(*) as n from rounds where organisation_id = ?').get(w.b1)
		).toEqual(before);

		// The lists: /orgs and the practice pages name A's clients and never B's.
		const orgs = await (await w.consultantA.get('/orgs')).text();
		for (const name of [w.a1Name, w.a2Name, ownName]) expect(orgs).toContain(name);
		expect(orgs).not.toContain(w.b1Name);
		for (const path of [`/p/${w.practiceA}`, `/p/${w.practiceA}/clients`]) {
			const html = await (await w.partnerA.get(path)).text();
			for (const name of [w.a1Name, w.a2Name, ownName]) expect(html, path).toContain(name);
			expect(html, path).not.toContain(w.b1Name);
		}
		expect(await (await clientOwner.get('/orgs')).text()).not.toContain(w.a1Name);
	});

	it('keeps a consultant from partner actions, and a practice from erasing a client or ending its own access', async () => {
		const w = await world();
		const settingsBefore = db.prepare('select * from practices where id = ?').get(w.practiceA);
		const peopleBefore = db
			.prepare('select * from practice_members where practice_id = ? order by user_id')
			.all(w.practiceA);
		for (const [path, fields] of [
			[`/p/${w.practiceA}/people?/invite`, { role: 'partner' }],
			[`/p/${w.practiceA}/clients?/invite`, {}],
			[`/p/${w.practiceA}/settings?/rename`, { name: 'Hijack' }],
			[`/p/${w.practiceA}/settings?/contact`, { contact: 'Hijack' }],
			[`/p/${w.practiceA}/people?/remove`, { userId: 'x'.repeat(24) }]
		] as const) {
			const res = await w.consultantA.post(path, fields);
			expect(res.status, path).toBe(403);
		}
		expect((await w.consultantA.get(`/p/${w.practiceA}/settings`)).status).toBe(403);
		expect(db.prepare('select * from practices where id = ?').get(w.practiceA)).toEqual(
			settingsBefore
		);
		expect(
			db
				.prepare('select * from practice_members where practice_id = ? order by user_id')
				.all(w.practiceA)
		).toEqual(peopleBefore);
		expect(
			db
				.prepare('select count(*) as n from practice_invites where practice_id = ?')
				.get(w.practiceA)
		).toEqual({ n: 1 }); // the consultant's own invitation only

		// In a client: the consultant acts as a facilitator, the partner as an owner without erase.
		expect(
			(await w.consultantA.post(`/o/${w.a1}/members?/invite`, { role: 'viewer' })).status
		).toBe(403);
		expect((await w.consultantA.get(`/o/${w.a1}/settings`)).status).toBe(403);
		await createRound(w.consultantA, w.a1);
		expect((await w.partnerA.post(`/o/${w.a1}/members?/invite`, { role: 'viewer' })).status).toBe(
			200
		);
		expect((await w.partnerA.get(`/o/${w.a1}/settings`)).status).toBe(200);
		expect((await w.partnerA.get(`/o/${w.a1}/delete`)).status).toBe(403);
		expect((await w.partnerA.post(`/o/${w.a1}/delete?/delete`, { confirm: w.a1Name })).status).toBe(
			403
		);
		expect(
			(await w.partnerA.post(`/o/${w.a1}/settings?/endPractice`, { confirm: 'yes' })).status
		).toBe(403);
		expect(db.prepare('select count(*) as n from organisations where id = ?').get(w.a1)).toEqual({
			n: 1
		});
		expect(practiceClients(w.practiceA)).toContain(w.a1);
		// No membership rows were made for the practice's people.
		expect(
			db
				.prepare('select count(*) as n from memberships where organisation_id in (?, ?)')
				.get(w.a1, w.a2)
		).toEqual({ n: 0 });
	});

	it('keeps the last partner', async () => {
		const partner = await signUp('solo');
		const practiceId = await createPractice(partner);
		const { user_id: me } = db
			.prepare('select user_id from practice_members where practice_id = ?')
			.get(practiceId) as { user_id: string };
		const remove = await partner.post(`/p/${practiceId}/people?/remove`, { userId: me });
		expect(remove.status).toBe(409);
		expect(await remove.text()).toContain('A practice needs at least one partner');
		expect(
			(await partner.post(`/p/${practiceId}/people?/setRole`, { userId: me, role: 'consultant' }))
				.status
		).toBe(409);
		expect(
			(await partner.post(`/p/${practiceId}/people?/setRole`, { userId: me, role: 'owner' })).status
		).toBe(400);
		// With a second partner, the first may step down.
		await addPerson(partner, practiceId, 'partner');
		expect(
			(await partner.post(`/p/${practiceId}/people?/setRole`, { userId: me, role: 'consultant' }))
				.status
		).toBe(200);
		expect(
			db
				.prepare('select role from practice_members where practice_id = ? and user_id = ?')
				.get(practiceId, me)
		).toEqual({ role: 'consultant' });
	});
});

describe('practice invitations', () => {
	it('refuses a used, an expired and a wrong-kind invitation, and an organisation already in a practice', async () => {
		const w = await world();
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);

		// Wrong kind: a client invitation without an organisation, a consultant one with one.
		const clientToken = await clientInvite(w.partnerA, w.practiceA);
		expect((await owner.post(`/practice-invite/${clientToken}`)).status).toBe(400);
		const consultantToken = await inviteToken(
			await w.partnerA.post(`/p/${w.practiceA}/people?/invite`, { role: 'consultant' })
		);
		expect(
			(await owner.post(`/practice-invite/${consultantToken}`, { organisationId: orgId })).status
		).toBe(400);
		// Not an owner of the organisation named.
		const stranger = await signUp('stranger');
		expect(
			(await stranger.post(`/practice-invite/${clientToken}`, { organisationId: orgId })).status
		).toBe(403);
		expect(practiceClients(w.practiceA)).not.toContain(orgId);

		// Accepted once; the second use is refused.
		fromLocation(
			await owner.post(`/practice-invite/${clientToken}`, { organisationId: orgId }),
			new RegExp(`^/o/(${orgId})$`)
		);
		const again = await signUp('again');
		const againOrg = await createOrg(again);
		const used = await again.post(`/practice-invite/${clientToken}`, { organisationId: againOrg });
		expect(used.status).toBe(410);
		expect(await used.text()).toContain('This invitation link has been used or has expired.');
		expect(
			db
				.prepare('select used_by is not null as used from practice_invites where token_hash = ?')
				.get(sha256(clientToken))
		).toEqual({ used: 1 });

		// An organisation already a client of A cannot become B's.
		const fromB = await clientInvite(w.partnerB, w.practiceB);
		const taken = await owner.post(`/practice-invite/${fromB}`, { organisationId: orgId });
		expect(taken.status).toBe(409);
		expect(practiceClients(w.practiceB)).not.toContain(orgId);
		expect(practiceClients(w.practiceA)).toContain(orgId);
		expect(
			db.prepare('select used_at from practice_invites where token_hash = ?').get(sha256(fromB))
		).toEqual({ used_at: null });

		// Expired: refused, and the page says so.
		const expiring = await clientInvite(w.partnerB, w.practiceB);
		const writable = writableTestDb();
		writable
			.prepare(
				"update practice_invites set expires_at = '2000-01-01T00:00:00.000Z' where token_hash = ?"
			)
			.run(sha256(expiring));
		writable.close();
		expect(
			(await again.post(`/practice-invite/${expiring}`, { organisationId: againOrg })).status
		).toBe(410);
		expect(await (await again.get(`/practice-invite/${expiring}`)).text()).toContain(
			'This invitation link has been used or has expired.'
		);
		expect(practiceClients(w.practiceB)).not.toContain(againOrg);

		// A token never made is 404.
		expect((await again.get(`/practice-invite/${'a'.repeat(32)}`)).status).toBe(404);
	});
});

describe("ending a practice's access", () => {
	it('removes the access at once, records it, and the practice no longer lists the client', async () => {
		const w = await world();
		const owner = await signUp('owner');
		const orgName = unique('Leaving');
		const orgId = await createOrg(owner, orgName);
		fromLocation(
			await owner.post(`/practice-invite/${await clientInvite(w.partnerA, w.practiceA)}`, {
				organisationId: orgId
			}),
			new RegExp(`^/o/(${orgId})$`)
		);
		expect((await w.consultantA.get(`/o/${orgId}`)).status).toBe(200);
		const settings = await (await owner.get(`/o/${orgId}/settings`)).text();
		expect(settings).toContain('the practice keeps nothing personal');

		const unconfirmed = await owner.post(`/o/${orgId}/settings?/endPractice`, {});
		expect(unconfirmed.status).toBe(400);
		expect(practiceClients(w.practiceA)).toContain(orgId);

		expect((await owner.post(`/o/${orgId}/settings?/endPractice`, { confirm: 'yes' })).status).toBe(
			200
		);
		expect(practiceClients(w.practiceA)).not.toContain(orgId);
		for (const who of [w.partnerA, w.consultantA]) {
			expect((await who.get(`/o/${orgId}`)).status).toBe(404);
			expect(
				(await who.post(`/o/${orgId}?/createRound`, { name: 'x', threshold: '3' })).status
			).toBe(404);
		}
		expect(await (await w.partnerA.get(`/p/${w.practiceA}`)).text()).not.toContain(orgName);
		expect(await (await w.partnerA.get('/orgs')).text()).not.toContain(orgName);
		expect((await owner.get(`/o/${orgId}`)).status).toBe(200);
		expect(
			db
				.prepare(
					"select subject_label, after_json from audit_events where organisation_id = ? and action = 'practice.end'"
				)
				.all(orgId)
		).toEqual([{ subject_label: expect.any(String), after_json: '{"practice":null}' }]);
	});
});

describe('the practice overview', () => {
	it('gives a stage only above the threshold, and escapes names', async () => {
		const partner = await signUp('partner');
		const hostile = `<script>alert(1)</script><b>${unique('P')}</b>`;
		const practiceId = await createPractice(partner, hostile);
		const clientName = `<img src=x onerror=alert(2)>${unique('C')}`;
		const shown = await createClient(partner, practiceId, clientName, { sector: 'retail' });
		const hidden = await createClient(partner, practiceId, unique('Hidden'));
		for (const [orgId, responses] of [
			[shown, 3],
			[hidden, 1]
		] as const) {
			const roundId = await createRound(partner, orgId, 3);
			await setStatus(partner, orgId, roundId, 'open');
			await submitResponses(await createLink(partner, orgId, roundId), responses);
		}
		const html = await (await partner.get(`/p/${practiceId}`)).text();
		expect(html).not.toContain('<script>alert(1)');
		expect(html).not.toContain('<img src=x');
		expect(html).toContain('&lt;script>alert(1)&lt;/script>');
		expect(html).toContain('&lt;img src=x onerror=alert(2)>');
		expect(html).toMatch(/class="stage-badge" data-stage="[1-4]"/);
		expect(html).toContain('Too few responses');
		expect(html).toContain('Retail');
		const orgs = await (await partner.get('/orgs')).text();
		expect(orgs).not.toContain('<script>alert(1)');
		expect(orgs).toContain('&lt;script>alert(1)&lt;/script>');
	});
});

describe("the practice's own audit log", () => {
	/** A 2 x 2 PNG, built by hand (signature, IHDR, IDAT, IEND with CRCs). */
	function tinyPng(): Uint8Array {
		const chunk = (type: string, data: Buffer) => {
			const len = Buffer.alloc(4);
			len.writeUInt32BE(data.length);
			const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
			const crc = Buffer.alloc(4);
			crc.writeUInt32BE(crc32(body));
			return Buffer.concat([len, body, crc]);
		};
		const ihdr = Buffer.alloc(13);
		ihdr.writeUInt32BE(2, 0);
		ihdr.writeUInt32BE(2, 4);
		ihdr[8] = 8;
		ihdr[9] = 2;
		return new Uint8Array(
			Buffer.concat([
				Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
				chunk('IHDR', ihdr),
				chunk('IDAT', deflateSync(Buffer.alloc(14, 0))),
				chunk('IEND', Buffer.alloc(0))
			])
		);
	}
	const events = (practiceId: string) =>
		(
			db
				.prepare(
					'select actor_id as "actorId", actor_name as "actorName", action, before_json as before, after_json as after from practice_audit_events where practice_id = ? order by created_at'
				)
				.all(practiceId) as Array<{
				actorId: string | null;
				actorName: string | null;
				action: string;
				before: string;
				after: string;
			}>
		).map((e) => ({
			...e,
			before: JSON.parse(e.before) as unknown,
			after: JSON.parse(e.after) as unknown
		}));

	it('records who changed the name, logo, accent colour and contact line, and shows it to partners', async () => {
		const partner = await signUp('partner');
		const oldName = unique('Practice');
		const practiceId = await createPractice(partner, oldName);
		const partnerId = (
			db
				.prepare(
					"select user_id as id from practice_members where practice_id = ? and role = 'partner'"
				)
				.get(practiceId) as { id: string }
		).id;
		const newName = unique('Renamed practice');
		const post = (action: string, fields: Record<string, string>) =>
			partner.post(`/p/${practiceId}/settings?/${action}`, fields);
		expect((await post('rename', { name: newName })).status).toBe(200);
		// Saving the same name again is no change, and is not logged.
		expect((await post('rename', { name: newName })).status).toBe(200);
		expect(
			(await post('contact', { contact: 'hello@balkan.example, +359 2 000 0000' })).status
		).toBe(200);
		expect((await post('accent', { accentColor: '#aa3300' })).status).toBe(200);
		const form = new FormData();
		form.set('logo', new Blob([Buffer.from(tinyPng())], { type: 'image/png' }), 'logo.png');
		const logo = await fetch(`${partner.baseURL}/p/${practiceId}/settings?/logo`, {
			method: 'POST',
			body: form,
			headers: {
				origin: partner.baseURL,
				accept: 'text/html',
				cookie: `cx_session=${partner.cookie('cx_session')}`
			},
			redirect: 'manual'
		});
		expect(logo.status).toBe(200);
		expect((await post('removeLogo', {})).status).toBe(200);
		// Refused input changes nothing and logs nothing.
		expect((await post('accent', { accentColor: 'red' })).status).toBe(400);

		const logged = events(practiceId);
		expect(logged).toEqual([
			{
				actorId: partnerId,
				actorName: 'partner',
				action: 'practice.settings',
				before: { name: oldName },
				after: { name: newName }
			},
			{
				actorId: partnerId,
				actorName: 'partner',
				action: 'practice.settings',
				before: { contact: null },
				after: { contact: 'hello@balkan.example, +359 2 000 0000' }
			},
			{
				actorId: partnerId,
				actorName: 'partner',
				action: 'practice.settings',
				// The colour a practice starts with (lib/domain/colours.ts, BRAND).
				before: { accentColor: '#1f4e79' },
				after: { accentColor: '#aa3300' }
			},
			{
				actorId: partnerId,
				actorName: 'partner',
				action: 'practice.settings',
				before: { logo: null },
				after: { logo: 'png' }
			},
			{
				actorId: partnerId,
				actorName: 'partner',
				action: 'practice.settings',
				before: { logo: 'png' },
				after: { logo: null }
			}
		]);

		const html = await (await partner.get(`/p/${practiceId}/settings`)).text();
		expect(html).toContain('Changes to the practice');
		expect(html).toContain(`Name: ${oldName} → ${newName}`);
		expect(html).toContain('Accent colour: #1f4e79 → #aa3300');
		expect(html).toContain('Contact line: none → hello@balkan.example, +359 2 000 0000');

		// A consultant reads no settings and changes none: nothing is logged for them.
		const token = await inviteToken(
			await partner.post(`/p/${practiceId}/people?/invite`, { role: 'consultant' })
		);
		const consultant = await signUp('consultant');
		await consultant.post(`/practice-invite/${token}`);
		expect(
			(await consultant.post(`/p/${practiceId}/settings?/rename`, { name: 'Hijack' })).status
		).toBe(403);
		// The invitation and its acceptance are people changes, logged as such; the refusal is not.
		expect(events(practiceId).map((e) => e.action)).toEqual([
			...logged.map((e) => e.action),
			'practice.invite',
			'practice.member.join'
		]);
	});

	it('records invitations made, revoked and accepted, roles changed and people removed, with the change', async () => {
		const partnerName = unique('partner');
		const partner = await signUp(partnerName);
		const practiceId = await createPractice(partner);
		const idOf = (name: string) =>
			(db.prepare('select id from users where display_name = ?').get(name) as { id: string }).id;
		const people = `/p/${practiceId}/people`;

		// An invitation made, then revoked: its link stops working, and both are logged.
		const revokedToken = await inviteToken(
			await partner.post(`${people}?/invite`, { role: 'partner' })
		);
		const openHtml = await (await partner.get(people)).text();
		expect(openHtml).toContain('Open invitations');
		const inviteId = sha256(revokedToken);
		expect(openHtml).toContain(inviteId);
		// Bad or unknown ids change nothing and log nothing.
		expect((await partner.post(`${people}?/revoke`, { inviteId: 'nope' })).status).toBe(400);
		expect((await partner.post(`${people}?/revoke`, { inviteId: sha256('other') })).status).toBe(
			404
		);
		expect((await partner.post(`${people}?/revoke`, { inviteId })).status).toBe(200);
		expect((await partner.post(`${people}?/revoke`, { inviteId })).status).toBe(404);
		expect(await (await partner.get(people)).text()).not.toContain(inviteId);
		const late = await signUp('late');
		expect((await late.post(`/practice-invite/${revokedToken}`)).status).toBe(410);

		// An invitation made and accepted; the role changed twice (once to the same role: no
		// change); the person removed. A client invitation accepted is logged as the client joining.
		const consultantName = unique('consultant');
		const consultant = await signUp(consultantName);
		const joinToken = await inviteToken(
			await partner.post(`${people}?/invite`, { role: 'consultant' })
		);
		expect((await consultant.post(`/practice-invite/${joinToken}`)).status).toBe(303);
		// Accepting again (used) changes nothing and logs nothing.
		expect((await consultant.post(`/practice-invite/${joinToken}`)).status).toBe(410);
		const consultantId = idOf(consultantName);
		expect(
			(await partner.post(`${people}?/setRole`, { userId: consultantId, role: 'partner' })).status
		).toBe(200);
		expect(
			(await partner.post(`${people}?/setRole`, { userId: consultantId, role: 'partner' })).status
		).toBe(200);
		expect((await partner.post(`${people}?/remove`, { userId: consultantId })).status).toBe(200);
		// The last partner stays, and the refusal is not logged.
		const partnerId = idOf(partnerName);
		expect((await partner.post(`${people}?/remove`, { userId: partnerId })).status).toBe(409);

		const ownerName = unique('owner');
		const owner = await signUp(ownerName);
		const clientName = unique('Joining client');
		const clientId = await createOrg(owner, clientName);
		const token = await clientInvite(partner, practiceId);
		expect(
			(await owner.post(`/practice-invite/${token}`, { organisationId: clientId })).status
		).toBe(303);

		const partnerActor = { actorId: partnerId, actorName: partnerName };
		expect(events(practiceId)).toEqual([
			{
				...partnerActor,
				action: 'practice.invite',
				before: null,
				after: { invitation: 'partner' }
			},
			{
				...partnerActor,
				action: 'practice.invite.revoke',
				before: { invitation: 'partner' },
				after: null
			},
			{
				...partnerActor,
				action: 'practice.invite',
				before: null,
				after: { invitation: 'consultant' }
			},
			{
				actorId: consultantId,
				actorName: consultantName,
				action: 'practice.member.join',
				before: null,
				after: { person: consultantName, role: 'consultant' }
			},
			{
				...partnerActor,
				action: 'practice.member.role',
				before: { person: consultantName, role: 'consultant' },
				after: { person: consultantName, role: 'partner' }
			},
			{
				...partnerActor,
				action: 'practice.member.remove',
				before: { person: consultantName, role: 'partner' },
				after: null
			},
			{ ...partnerActor, action: 'practice.invite', before: null, after: { invitation: 'client' } },
			{
				actorId: idOf(ownerName),
				actorName: ownerName,
				action: 'practice.client.join',
				before: null,
				after: { client: clientName }
			}
		]);

		// The settings page lists them in words, newest first.
		const html = await (await partner.get(`/p/${practiceId}/settings`)).text();
		const text = html.replace(/<[^>]+>/g, '');
		for (const line of [
			'Invitation created',
			'Invitation: none → Partner',
			'Invitation revoked',
			'Invitation: Partner → none',
			`Joined the practice: ${consultantName}`,
			'Role: none → Consultant',
			`Role changed: ${consultantName}`,
			'Role: Consultant → Partner',
			`Member removed: ${consultantName}`,
			'Invitation: none → Client',
			'Client joined',
			`Client: none → ${clientName}`
		])
			expect(text).toContain(line);
		expect(text.indexOf('Client joined')).toBeLessThan(text.indexOf('Invitation revoked'));
	});

	it('revokes a client invitation from the clients page, logged; a consultant sees and revokes none, and each page revokes only its own kind', async () => {
		const partnerName = unique('partner');
		const partner = await signUp(partnerName);
		const practiceId = await createPractice(partner);
		const consultant = await addPerson(partner, practiceId, 'consultant');
		const clients = `/p/${practiceId}/clients`;
		const people = `/p/${practiceId}/people`;
		const clientToken = await clientInvite(partner, practiceId);
		const peopleToken = await inviteToken(
			await partner.post(`${people}?/invite`, { role: 'partner' })
		);
		const clientId = sha256(clientToken);
		const peopleId = sha256(peopleToken);

		// Listed where it was made, for partners only.
		const html = await (await partner.get(clients)).text();
		expect(html).toContain('Open invitations');
		expect(html).toContain(clientId);
		expect(html).toContain(`Client · made by ${partnerName}`);
		expect(html).not.toContain(peopleId);
		expect(await (await partner.get(people)).text()).not.toContain(clientId);
		const asConsultant = await (await consultant.get(clients)).text();
		expect(asConsultant).not.toContain(clientId);
		expect(asConsultant).not.toContain('Open invitations');
		expect(await (await consultant.get(`${clients}/__data.json`)).text()).not.toContain(clientId);

		const before = events(practiceId).length;
		// A consultant may not; the other page's kind is not open here; bad ids are refused.
		expect((await consultant.post(`${clients}?/revoke`, { inviteId: clientId })).status).toBe(403);
		expect((await partner.post(`${clients}?/revoke`, { inviteId: peopleId })).status).toBe(404);
		expect((await partner.post(`${people}?/revoke`, { inviteId: clientId })).status).toBe(404);
		expect((await partner.post(`${clients}?/revoke`, { inviteId: 'nope' })).status).toBe(400);
		expect(events(practiceId)).toHaveLength(before);

		expect((await partner.post(`${clients}?/revoke`, { inviteId: clientId })).status).toBe(200);
		expect((await partner.post(`${clients}?/revoke`, { inviteId: clientId })).status).toBe(404);
		expect(events(practiceId).slice(before)).toEqual([
			{
				actorId: (
					db.prepare('select id from users where display_name = ?').get(partnerName) as {
						id: string;
					}
				).id,
				actorName: partnerName,
				action: 'practice.invite.revoke',
				before: { invitation: 'client' },
				after: null
			}
		]);
		expect(await (await partner.get(clients)).text()).not.toContain(clientId);
		// Its link no longer works; the people invitation still does.
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);
		expect(
			(await owner.post(`/practice-invite/${clientToken}`, { organisationId: orgId })).status
		).toBe(410);
		expect(practiceClients(practiceId)).toEqual([]);
		expect(await (await partner.get(people)).text()).toContain(peopleId);
	});
});
