/**
 * A person deleting their own account at /account, against the built server and its SQLite file:
 * what goes (account, sessions, memberships, drafts, organisations where they were alone), what
 * stays (submitted answers, unlinked, unless they ask otherwise), what stops it (being the last
 * owner of an organisation with other members, being the last partner of a practice with people
 * or clients, a wrong password), and the rounds' stored sums staying equal to sums recomputed from
 * every answer.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StageId } from '../../src/lib/domain/model';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import { loadRoundSums } from '../../src/lib/server/db/round-sums';
import {
	answerAll,
	createOrg,
	createRound,
	fromLocation,
	inviteAndAccept,
	PASSWORD,
	saveOk,
	setStatus,
	signUp,
	submit,
	testDb,
	unique
} from '../support/flow';
import { Client } from '../support/http';
import { expectStoredSumsEqualRecomputed, roundWithModel } from '../support/round-sums';

const baseURL = inject('baseURL');
const model = loadDefaultModelFile();
const questions = model.areas.flatMap((a) => a.questions.map((q) => q.id));
const answersAt = (level: StageId) => ({
	answers: Object.fromEntries(questions.map((q) => [q, level])) as Record<string, StageId>,
	targets: { [model.areas[0]!.id]: 4 as StageId }
});

let opened: OpenedDatabase;
let owner: Client;
let orgId: string;
let orgName: string;
let roundId: string;
let draftRoundId: string;

beforeAll(async () => {
	owner = await signUp('owner');
	orgName = unique('Shared org');
	orgId = await createOrg(owner, orgName);
	roundId = await createRound(owner, orgId);
	draftRoundId = await createRound(owner, orgId);
	await setStatus(owner, orgId, roundId, 'open');
	await setStatus(owner, orgId, draftRoundId, 'open');
	opened = await openDatabase(inject('databasePath'));
}, 60_000);

afterAll(async () => {
	await opened?.close();
});

const emailOf = async (client: Client) => {
	const html = await (await client.get('/account')).text();
	return /autocomplete="username" value="([^"]+)"/.exec(html)![1]!;
};

const userIdOf = (email: string) =>
	(
		testDb().prepare('select id from users where email = ?').get(email) as
			{ id: string } | undefined
	)?.id;

const count = (sql: string, ...params: unknown[]) =>
	(
		testDb()
			.prepare(sql)
			.get(...params) as { n: number }
	).n;

/** Starts the member's own response to a round and returns its resume token. */
async function startAnswering(client: Client, round: string): Promise<string> {
	const res = await client.post(`/o/${orgId}/rounds/${round}?/answer`);
	return fromLocation(res, /^\/answer\/([a-z0-9]+)$/);
}

/** A member who submitted in `roundId` and left a draft in `draftRoundId`. */
async function memberWithAnswers(): Promise<{ client: Client; email: string; userId: string }> {
	const client = await inviteAndAccept(owner, orgId, 'member');
	const token = await startAnswering(client, roundId);
	await answerAll(token, answersAt(3));
	await submit(client, token);
	const draft = await startAnswering(client, draftRoundId);
	await saveOk(draft, { kind: 'answer', questionId: questions[0], level: 2 });
	const email = await emailOf(client);
	return { client, email, userId: userIdOf(email)! };
}

const storedResponses = async () =>
	(await loadRoundSums(opened.db, roundWithModel(roundId))).cells.reduce(
		(n, g) => n + g.responses,
		0
	);
const expectStoredEqualsRecomputed = () => expectStoredSumsEqualRecomputed(opened.db, roundId);

async function signInStatus(email: string): Promise<number> {
	return (await new Client(baseURL).post('/signin', { email, password: PASSWORD })).status;
}

describe('deleting one’s account', () => {
	it('says on the page what goes and what stays', async () => {
		const { client } = await memberWithAnswers();
		const html = await (await client.get('/account')).text();
		expect(html).toContain('Delete your account');
		expect(html).toContain('your membership of every organisation');
		expect(html).toContain('the answers you started but did not submit');
		expect(html).toContain('Answers you submitted stay in their rounds');
		expect(html).toContain('name="deleteAnswers"');
		expect(html).toMatch(/<label for="deletePassword">/);
	});

	it('deletes the account, its sessions, memberships and drafts, keeps submitted answers unlinked, and signs out', async () => {
		const { client, email, userId } = await memberWithAnswers();
		const otherTab = client.clone();
		const before = await storedResponses();
		const unlinked = () =>
			count('select count(*) as n from responses where round_id = ? and user_id is null', roundId);
		const unlinkedBefore = unlinked();

		const res = await client.post('/account?/deleteAccount', { deletePassword: PASSWORD });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/?account=deleted');
		expect(client.cookie('cx_session')).toBeUndefined();
		const home = await (await client.get('/?account=deleted')).text();
		expect(home).toContain('Your account has been deleted.');

		expect(userIdOf(email)).toBeUndefined();
		expect(count('select count(*) as n from sessions where user_id = ?', userId)).toBe(0);
		expect(count('select count(*) as n from memberships where user_id = ?', userId)).toBe(0);
		expect(count('select count(*) as n from responses where user_id = ?', userId)).toBe(0);
		// The draft is gone; the submitted response stays in the round, with no link to the person.
		expect(
			count(
				`select count(*) as n from responses where round_id = ? and user_id is null`,
				draftRoundId
			)
		).toBe(0);
		expect(unlinked()).toBe(unlinkedBefore + 1);
		expect(await storedResponses()).toBe(before);
		await expectStoredEqualsRecomputed();

		expect((await otherTab.get('/account')).status).toBe(303);
		expect(await signInStatus(email)).toBe(400);
		// The member list no longer has them; the owner still manages the organisation.
		expect(await (await owner.get(`/o/${orgId}/members`)).text()).not.toContain(email);
	});

	it('deletes the submitted answers too when asked, and the round’s sums follow', async () => {
		const { client, email } = await memberWithAnswers();
		const before = await storedResponses();
		await expectStoredEqualsRecomputed();

		const res = await client.post('/account?/deleteAccount', {
			deletePassword: PASSWORD,
			deleteAnswers: 'yes'
		});
		expect(res.status).toBe(303);
		expect(userIdOf(email)).toBeUndefined();
		expect(await storedResponses()).toBe(before - 1);
		await expectStoredEqualsRecomputed();
	});

	it('deletes an organisation where the person is the only member, and says so first', async () => {
		const solo = await signUp('solo');
		const name = unique('Solo org');
		const soloOrg = await createOrg(solo, name);
		await createRound(solo, soloOrg);
		const page = await (await solo.get('/account')).text();
		expect(page).toContain('You are the only member of these organisations');
		expect(page).toContain(name);

		const res = await solo.post('/account?/deleteAccount', { deletePassword: PASSWORD });
		expect(res.status).toBe(303);
		expect(count('select count(*) as n from organisations where id = ?', soloOrg)).toBe(0);
		expect(count('select count(*) as n from rounds where organisation_id = ?', soloOrg)).toBe(0);
	});

	it('refuses while the person is the last owner of an organisation with other members, naming it, and changes nothing', async () => {
		const email = await emailOf(owner);
		const userId = userIdOf(email)!;
		const page = await (await owner.get('/account')).text();
		expect(page).toContain('You are the last owner of these organisations');
		expect(page).toContain(`href="/o/${orgId}/members"`);

		const res = await owner.post('/account?/deleteAccount', {
			deletePassword: PASSWORD,
			deleteAnswers: 'yes'
		});
		expect(res.status).toBe(409);
		expect(await res.text()).toContain(
			`Your account was not deleted: you are the last owner of ${orgName}.`
		);
		expect(userIdOf(email)).toBe(userId);
		expect(count('select count(*) as n from memberships where user_id = ?', userId)).toBe(1);
		expect(count('select count(*) as n from organisations where id = ?', orgId)).toBe(1);
		expect((await owner.get('/account')).status).toBe(200);
		expect(await signInStatus(email)).toBe(303);
	});

	it('refuses while the person is the last partner of a practice with a consultant or a client, until another is a partner', async () => {
		const partner = await signUp('partner');
		const practiceName = unique('Practice');
		const practiceId = fromLocation(
			await partner.post('/orgs?/createPractice', { name: practiceName }),
			/^\/p\/([a-z0-9]+)$/
		);
		const email = await emailOf(partner);
		const userId = userIdOf(email)!;
		// A client, so the practice is not the partner's alone.
		fromLocation(
			await partner.post(`/p/${practiceId}/clients?/create`, { name: unique('Client') }),
			/^\/o\/([a-z0-9]+)$/
		);
		const page = await (await partner.get('/account')).text();
		expect(page).toContain('You are the last partner of these practices');
		expect(page).toContain(`href="/p/${practiceId}/people"`);
		const people = () =>
			count('select count(*) as n from practice_members where practice_id = ?', practiceId);

		const refused = await partner.post('/account?/deleteAccount', { deletePassword: PASSWORD });
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain(
			`Your account was not deleted: you are the last partner of ${practiceName}. Make someone else a partner first.`
		);
		expect(userIdOf(email)).toBe(userId);
		expect(people()).toBe(1);
		expect(count('select count(*) as n from practices where id = ?', practiceId)).toBe(1);

		// A consultant joins; the partner is still the last partner, and still refused.
		const invite = await partner.post(`/p/${practiceId}/people?/invite`, { role: 'consultant' });
		const token = /\/practice-invite\/([a-z0-9]{16,64})/.exec(await invite.text())![1]!;
		const consultant = await signUp('consultant');
		await consultant.post(`/practice-invite/${token}`);
		expect(people()).toBe(2);
		expect(
			(await partner.post('/account?/deleteAccount', { deletePassword: PASSWORD })).status
		).toBe(409);
		expect(userIdOf(email)).toBe(userId);

		// Once the consultant is a partner too, the account goes and the practice keeps its partner.
		const consultantId = userIdOf(await emailOf(consultant))!;
		expect(
			(
				await partner.post(`/p/${practiceId}/people?/setRole`, {
					userId: consultantId,
					role: 'partner'
				})
			).status
		).toBe(200);
		expect((await partner.get('/account')).status).toBe(200);
		expect(await (await partner.get('/account')).text()).not.toContain('last partner');
		const res = await partner.post('/account?/deleteAccount', { deletePassword: PASSWORD });
		expect(res.status).toBe(303);
		expect(userIdOf(email)).toBeUndefined();
		expect(
			testDb()
				.prepare('select user_id as id, role from practice_members where practice_id = ?')
				.all(practiceId)
		).toEqual([{ id: consultantId, role: 'partner' }]);
	});

	it('deletes a practice where the person is the only one and that has no clients, and says so first', async () => {
		const solo = await signUp('solo-partner');
		const practiceName = unique('Solo practice');
		const practiceId = fromLocation(
			await solo.post('/orgs?/createPractice', { name: practiceName }),
			/^\/p\/([a-z0-9]+)$/
		);
		expect(
			(await solo.post(`/p/${practiceId}/settings?/rename`, { name: `${practiceName}!` })).status
		).toBe(200);
		const page = await (await solo.get('/account')).text();
		expect(page).toContain('You are the only person in these practices');
		expect(page).toContain(`${practiceName}!`);
		expect((await solo.post('/account?/deleteAccount', { deletePassword: PASSWORD })).status).toBe(
			303
		);
		expect(count('select count(*) as n from practices where id = ?', practiceId)).toBe(0);
		expect(
			count('select count(*) as n from practice_audit_events where practice_id = ?', practiceId)
		).toBe(0);
	});

	it('blanks the name of a deleted account in a practice’s audit log', async () => {
		const partner = await signUp('keeper');
		const practiceId = fromLocation(
			await partner.post('/orgs?/createPractice', { name: unique('Practice') }),
			/^\/p\/([a-z0-9]+)$/
		);
		const invite = await partner.post(`/p/${practiceId}/people?/invite`, { role: 'partner' });
		const token = /\/practice-invite\/([a-z0-9]{16,64})/.exec(await invite.text())![1]!;
		const leaving = await signUp('leaving-partner');
		await leaving.post(`/practice-invite/${token}`);
		const leavingId = userIdOf(await emailOf(leaving))!;
		expect(
			(await leaving.post(`/p/${practiceId}/settings?/contact`, { contact: 'x@example.com' }))
				.status
		).toBe(200);
		expect(
			(await leaving.post('/account?/deleteAccount', { deletePassword: PASSWORD })).status
		).toBe(303);
		// The log also holds the invitation made and accepted (people changes are logged too).
		const events = testDb()
			.prepare(
				'select actor_id as "actorId", actor_name as "actorName", after_json as after from practice_audit_events where practice_id = ?'
			)
			.all(practiceId) as { actorId: string | null; actorName: string | null; after: string }[];
		expect(leavingId).toBeDefined();
		expect(events.filter((e) => e.actorId === leavingId)).toEqual([]);
		expect(events.filter((e) => e.after === '{"contact":"x@example.com"}')).toEqual([
			{ actorId: null, actorName: null, after: '{"contact":"x@example.com"}' }
		]);
	});

	it('blanks the name of a deleted account where it is the subject of a practice’s or an organisation’s log event', async () => {
		const partnerName = unique('keeping-partner');
		const partner = await signUp(partnerName);
		const practiceId = fromLocation(
			await partner.post('/orgs?/createPractice', { name: unique('Practice') }),
			/^\/p\/([a-z0-9]+)$/
		);
		const people = `/p/${practiceId}/people`;
		const invite = await partner.post(`${people}?/invite`, { role: 'consultant' });
		const token = /\/practice-invite\/([a-z0-9]{16,64})/.exec(await invite.text())![1]!;
		const name = unique('subject-person');
		const subject = await signUp(name);
		expect((await subject.post(`/practice-invite/${token}`)).status).toBe(303);
		const subjectId = userIdOf(await emailOf(subject))!;
		// Joined (the subject acts), made a partner, then removed by the partner: three people
		// events about them, two of them by someone else.
		expect(
			(await partner.post(`${people}?/setRole`, { userId: subjectId, role: 'partner' })).status
		).toBe(200);
		expect((await partner.post(`${people}?/remove`, { userId: subjectId })).status).toBe(200);
		// In an organisation too: made a member, their role changed, removed by its owner.
		const orgOwner = await signUp(unique('org-owner'));
		const org = await createOrg(orgOwner);
		const memberInvite = await orgOwner.post(`/o/${org}/members?/invite`, { role: 'viewer' });
		const memberToken = /\/invite\/([a-z0-9]{16,64})/.exec(await memberInvite.text())![1]!;
		expect((await subject.post(`/invite/${memberToken}`)).status).toBe(303);
		expect(
			(await orgOwner.post(`/o/${org}/members?/setRole`, { userId: subjectId, role: 'member' }))
				.status
		).toBe(200);
		expect((await orgOwner.post(`/o/${org}/members?/remove`, { userId: subjectId })).status).toBe(
			200
		);

		const practiceEvents = () =>
			(
				testDb()
					.prepare(
						'select action, actor_name as "actorName", before_json as before, after_json as after from practice_audit_events where practice_id = ? and subject_id = ? order by created_at, id'
					)
					.all(practiceId, subjectId) as {
					action: string;
					actorName: string | null;
					before: string | null;
					after: string | null;
				}[]
			).map((e) => ({
				...e,
				before: JSON.parse(e.before ?? 'null') as unknown,
				after: JSON.parse(e.after ?? 'null') as unknown
			}));
		const orgEvents = () =>
			testDb()
				.prepare(
					"select action, subject_label as label from audit_events where organisation_id = ? and subject_type = 'member' and subject_id = ? order by created_at, id"
				)
				.all(org, subjectId) as { action: string; label: string | null }[];
		// Before: the name stands in every one of them, and on the practice's settings page.
		expect(practiceEvents().map((e) => e.action)).toEqual([
			'practice.member.join',
			'practice.member.role',
			'practice.member.remove'
		]);
		expect(practiceEvents().every((e) => JSON.stringify([e.before, e.after]).includes(name))).toBe(
			true
		);
		expect(orgEvents()).toEqual([
			{ action: 'member.role', label: name },
			{ action: 'member.remove', label: name }
		]);
		expect(await (await partner.get(`/p/${practiceId}/settings`)).text()).toContain(name);

		expect(
			(await subject.post('/account?/deleteAccount', { deletePassword: PASSWORD })).status
		).toBe(303);

		// After: the events stay, with what changed and who else acted, but not the name.
		expect(practiceEvents()).toEqual([
			{
				action: 'practice.member.join',
				actorName: null,
				before: null,
				after: { person: null, role: 'consultant' }
			},
			{
				action: 'practice.member.role',
				actorName: partnerName,
				before: { person: null, role: 'consultant' },
				after: { person: null, role: 'partner' }
			},
			{
				action: 'practice.member.remove',
				actorName: partnerName,
				before: { person: null, role: 'partner' },
				after: null
			}
		]);
		expect(orgEvents()).toEqual([
			{ action: 'member.role', label: null },
			{ action: 'member.remove', label: null }
		]);
		const settings = await (await partner.get(`/p/${practiceId}/settings`)).text();
		expect(settings).toContain(partnerName);
		expect(settings).not.toContain(name);
		expect(await (await orgOwner.get(`/o/${org}/audit`)).text()).not.toContain(name);
	});

	it('refuses a wrong or missing password and changes nothing', async () => {
		const { client, email, userId } = await memberWithAnswers();
		const before = await storedResponses();
		const wrong = await client.post('/account?/deleteAccount', {
			deletePassword: 'not my password',
			deleteAnswers: 'yes'
		});
		expect(wrong.status).toBe(400);
		const html = await wrong.text();
		expect(html).toContain('Your current password is not right.');
		expect(html).not.toContain('not my password');
		const empty = await client.action('/account?/deleteAccount', { deletePassword: '' });
		expect(empty).toMatchObject({ type: 'failure', status: 400 });

		expect(userIdOf(email)).toBe(userId);
		expect(count('select count(*) as n from memberships where user_id = ?', userId)).toBe(1);
		expect(count('select count(*) as n from responses where user_id = ?', userId)).toBe(2);
		expect(await storedResponses()).toBe(before);
		expect((await client.get('/account')).status).toBe(200);
	});

	it('sends a visitor who is not signed in to sign in first', async () => {
		const res = await new Client(baseURL).post('/account?/deleteAccount', {
			deletePassword: PASSWORD
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/signin?next=/account');
	});
});
