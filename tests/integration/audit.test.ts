/**
 * The audit log against the built server: the changes owners and facilitators make are recorded
 * with who, what and the values before and after; only owners read the log (others get 403, other
 * organisations 404, for the page and its data); its filters and paging live in the address; names
 * show as text, never as markup.
 *
 * The database is read (never written) to check what was recorded.
 */
import { describe, expect, inject, it } from 'vitest';
import {
	PASSWORD,
	addDepartment,
	createOrg,
	createRound,
	fromLocation,
	insertionOrder,
	inviteAndAccept,
	signUp,
	testDb,
	unique
} from '../support/flow';
import { Client } from '../support/http';

const db = { prepare: (sql: string) => testDb().prepare(sql) };

interface Row {
	action: string;
	actor_id: string | null;
	actor_name: string | null;
	subject_type: string;
	subject_id: string | null;
	subject_label: string | null;
	before_json: string | null;
	after_json: string | null;
}

const events = (orgId: string) =>
	(
		db
			.prepare(
				`select * from audit_events where organisation_id = ? order by created_at, ${insertionOrder()}`
			)
			.all(orgId) as Row[]
	).map((r) => ({
		...r,
		before: r.before_json === null ? null : JSON.parse(r.before_json),
		after: r.after_json === null ? null : JSON.parse(r.after_json)
	}));

const userId = (orgId: string, role: string) =>
	(
		db
			.prepare('select user_id from memberships where organisation_id = ? and role = ?')
			.get(orgId, role) as { user_id: string }
	).user_id;

const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();

/** The rows of the audit table, as text. */
async function auditRows(owner: Client, orgId: string, query = ''): Promise<string[]> {
	const res = await owner.get(`/o/${orgId}/audit${query}`);
	expect(res.status).toBe(200);
	const html = await res.text();
	const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
	return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => plainText(m[1]!));
}

/** The first recommendation of the round's model. */
function aRecommendation(roundId: string): { id: string } {
	const row = db
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const model = JSON.parse(row.content) as {
		areas: Array<{ recommendations: Array<{ id: string }> }>;
	};
	return model.areas[0]!.recommendations[0]!;
}

describe('recording changes', () => {
	it('records settings, members, structure, rounds and roadmap items with before and after', async () => {
		const owner = await signUp('owner');
		const orgName = unique('Org');
		const orgId = await createOrg(owner, orgName);
		const ownerId = userId(orgId, 'owner');

		const renamed = unique('Renamed');
		expect((await owner.post(`/o/${orgId}/settings?/rename`, { name: renamed })).status).toBe(200);
		expect(
			(await owner.post(`/o/${orgId}/settings?/accent`, { accentColor: '#AA0000' })).status
		).toBe(200);

		const departmentId = await addDepartment(owner, orgId, 'Sales');
		expect(
			(
				await owner.post(`/o/${orgId}/structure?/rename`, {
					kind: 'departments',
					id: departmentId,
					name: 'Sales and service'
				})
			).status
		).toBe(200);
		expect(
			(
				await owner.post(`/o/${orgId}/structure?/archive`, {
					kind: 'departments',
					id: departmentId
				})
			).status
		).toBe(200);
		const roleLevelId = (
			db
				.prepare("select id from role_levels where organisation_id = ? and name = 'Manager'")
				.get(orgId) as { id: string }
		).id;
		expect(
			(
				await owner.post(`/o/${orgId}/structure?/rename`, {
					kind: 'role_levels',
					id: roleLevelId,
					name: 'Middle manager'
				})
			).status
		).toBe(200);

		await inviteAndAccept(owner, orgId, 'member');
		const memberId = userId(orgId, 'member');
		expect(
			(await owner.post(`/o/${orgId}/members?/setRole`, { userId: memberId, role: 'facilitator' }))
				.status
		).toBe(200);
		expect((await owner.post(`/o/${orgId}/members?/remove`, { userId: memberId })).status).toBe(
			200
		);

		const roundId = await createRound(owner, orgId, 4);
		const recommendation = aRecommendation(roundId);
		const track = (fields: Record<string, string>) =>
			owner.post(`/o/${orgId}/rounds/${roundId}/roadmap?/track`, {
				recommendationId: recommendation.id,
				...fields
			});
		expect((await track({ ownerId, dueQuarter: '', status: 'in_progress' })).status).toBe(200);
		expect((await track({ ownerId, dueQuarter: '', status: 'done' })).status).toBe(200);
		// Saving the same values again is not a change.
		expect((await track({ ownerId, dueQuarter: '', status: 'done' })).status).toBe(200);

		const log = events(orgId);
		expect(log.map((e) => e.action)).toEqual([
			'org.settings',
			'org.settings',
			'structure.department.create',
			'structure.department.rename',
			'structure.department.archive',
			'structure.roleLevel.rename',
			'member.invite',
			'member.role',
			'member.remove',
			'round.create',
			'roadmap.item',
			'roadmap.item'
		]);
		for (const e of log) {
			expect(e.actor_id).toBe(ownerId);
			expect(e.actor_name).toBe('owner');
		}
		const [rename, accent, created, deptRenamed, archived, levelRenamed, invite, role, removed] =
			log;
		expect(rename).toMatchObject({
			subject_type: 'organisation',
			subject_id: orgId,
			before: { name: orgName },
			after: { name: renamed }
		});
		expect(accent).toMatchObject({
			before: { accentColor: '#0f3d5e' },
			after: { accentColor: '#aa0000' }
		});
		expect(created).toMatchObject({
			subject_id: departmentId,
			before: null,
			after: { name: 'Sales' }
		});
		expect(deptRenamed).toMatchObject({
			subject_label: 'Sales and service',
			before: { name: 'Sales' },
			after: { name: 'Sales and service' }
		});
		expect(archived).toMatchObject({ before: { archived: false }, after: { archived: true } });
		expect(levelRenamed).toMatchObject({
			subject_type: 'roleLevel',
			before: { name: 'Manager' },
			after: { name: 'Middle manager' }
		});
		expect(invite).toMatchObject({ subject_type: 'invite', after: { role: 'member' } });
		expect(role).toMatchObject({
			subject_id: memberId,
			subject_label: 'member',
			before: { role: 'member' },
			after: { role: 'facilitator' }
		});
		expect(removed).toMatchObject({ before: { role: 'facilitator' }, after: null });
		expect(log[9]).toMatchObject({
			subject_id: roundId,
			after: { threshold: 4 }
		});
		expect(log[10]).toMatchObject({
			before: null,
			after: { owner: 'owner', dueQuarter: null, status: 'in_progress' }
		});
		expect(log[11]).toMatchObject({
			before: { status: 'in_progress' },
			after: { status: 'done' }
		});

		// The page: newest first, readable changes.
		const rows = await auditRows(owner, orgId);
		expect(rows).toHaveLength(12);
		expect(rows[0]).toContain('Roadmap item tracked');
		expect(rows[0]).toContain('Status: In progress → Done');
		expect(rows.find((r) => r.includes('Role changed'))).toContain('Role: Member → Facilitator');
		expect(rows.find((r) => r.includes('Department renamed'))).toContain(
			'Name: Sales → Sales and service'
		);
		expect(rows.at(-1)).toContain(`Name: ${orgName} → ${renamed}`);
	});

	it('records nothing for refused changes', async () => {
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);
		const viewer = await inviteAndAccept(owner, orgId, 'viewer');
		const before = events(orgId).length;
		expect((await viewer.post(`/o/${orgId}/settings?/rename`, { name: 'Hijack' })).status).toBe(
			403
		);
		expect(
			(await viewer.post(`/o/${orgId}/structure?/add`, { kind: 'departments', name: 'X' })).status
		).toBe(403);
		expect((await owner.post(`/o/${orgId}/settings?/rename`, { name: '' })).status).toBe(400);
		expect(events(orgId)).toHaveLength(before);
	});
});

describe('who may read the log', () => {
	it('lets owners read it; facilitators, members and viewers get 403, outsiders 404', async () => {
		const owner = await signUp('owner');
		const orgName = unique('Org');
		const orgId = await createOrg(owner, orgName);
		await addDepartment(owner, orgId, 'Secret department name');
		const page = `/o/${orgId}/audit`;

		const res = await owner.get(page);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Secret department name');
		expect(html).toContain(`href="${page}"`); // the tab, for owners

		for (const role of ['facilitator', 'member', 'viewer']) {
			const person = await inviteAndAccept(owner, orgId, role);
			const refused = await person.get(page);
			expect(refused.status, role).toBe(403);
			expect(await refused.text(), role).not.toContain('Secret department name');
			const data = await person.get(`${page}/__data.json`);
			const text = await data.text();
			expect(text, role).not.toContain('Secret department name');
			expect(text, role).toContain('403');
			// No tab to it, and the layout's data says no more than that.
			const home = await (await person.get(`/o/${orgId}`)).text();
			expect(home, role).not.toContain(`href="${page}"`);
		}

		const outsider = await signUp('outsider');
		for (const path of [page, `${page}/__data.json`]) {
			const refused = await outsider.get(path);
			const text = await refused.text();
			expect(text, path).not.toContain('Secret department name');
			expect(text, path).not.toContain(orgName);
			if (!path.endsWith('.json')) expect(refused.status).toBe(404);
			else expect(text).toContain('404');
		}

		const anonymous = new Client(inject('baseURL'));
		const redirected = await anonymous.get(page);
		expect(redirected.status).toBe(303);
		expect(redirected.headers.get('location')).toContain('/signin');
	});
});

describe('reading the log', () => {
	it('filters by kind of change, person and dates in the address, and pages with a cursor', async () => {
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);
		const secondOwner = await inviteAndAccept(owner, orgId, 'owner');
		// The first owner made the invite; both are called "owner".
		const ownerId = events(orgId)[0]!.actor_id!;
		const secondId = secondOwnerId(orgId, ownerId);
		await addDepartment(owner, orgId, 'By the first owner');
		await addDepartment(secondOwner, orgId, 'By the second owner');
		for (let i = 0; i < 55; i++) {
			const color = `#${(0x100000 + i).toString(16)}`;
			expect(
				(await owner.post(`/o/${orgId}/settings?/accent`, { accentColor: color })).status
			).toBe(200);
		}
		// invite + 2 departments + 55 colours
		expect(events(orgId)).toHaveLength(58);

		const created = await auditRows(owner, orgId, '?action=structure.department.create');
		expect(created).toHaveLength(2);
		expect(created[0]).toContain('By the second owner');

		const bySecond = await auditRows(owner, orgId, `?actor=${secondId}`);
		expect(bySecond).toHaveLength(1);
		expect(bySecond[0]).toContain('By the second owner');

		const today = new Date().toISOString().slice(0, 10);
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		expect(await auditRows(owner, orgId, `?from=${tomorrow}`)).toHaveLength(0);
		expect(await auditRows(owner, orgId, `?to=${yesterday}`)).toHaveLength(0);
		expect(
			await auditRows(owner, orgId, `?action=structure.department.create&from=${today}&to=${today}`)
		).toHaveLength(2);
		// A date that cannot be read is left out of the filter, and said so.
		const bad = await (await owner.get(`/o/${orgId}/audit?from=yesterday`)).text();
		expect(bad).toContain('Dates are written like 2026-03-31');

		// Paging: 50 newest, then the rest through the "Older" link, which keeps the filter.
		const first = await (await owner.get(`/o/${orgId}/audit`)).text();
		expect(await auditRows(owner, orgId)).toHaveLength(50);
		const older = /<a class="button secondary" href="([^"]+)" rel="next"/.exec(first)?.[1];
		expect(older).toBeDefined();
		const next = older!.replace(/&amp;/g, '&');
		expect(next).toContain('before=');
		const rest = await auditRows(owner, orgId, next);
		expect(rest).toHaveLength(8);
		expect(rest.at(-1)).toContain('Member invited');
		const filtered = await (await owner.get(`/o/${orgId}/audit?action=org.settings`)).text();
		const filteredOlder = /href="([^"]+)" rel="next"/.exec(filtered)![1]!.replace(/&amp;/g, '&');
		expect(filteredOlder).toContain('action=org.settings');
		expect(await auditRows(owner, orgId, filteredOlder)).toHaveLength(5);
	});

	it('shows names with markup as text', async () => {
		const owner = await signUp('owner');
		const orgId = await createOrg(owner);
		const res = await owner.post(`/o/${orgId}/members?/invite`, { role: 'owner' });
		const token = /\/invite\/([a-z0-9]{16,64})/.exec(await res.text())![1]!;
		const person = new Client(inject('baseURL'));
		const name = '<script>alert("audit")</script>';
		expect(
			(
				await person.post('/signup', {
					email: `${unique('script')}@example.com`,
					displayName: name,
					password: PASSWORD
				})
			).status
		).toBe(303);
		fromLocation(await person.post(`/invite/${token}`), new RegExp(`^/o/(${orgId})$`));
		await addDepartment(person, orgId, '<img src=x onerror=alert(1)>');

		const html = await (await owner.get(`/o/${orgId}/audit`)).text();
		expect(html).not.toContain('<script>alert("audit")');
		expect(html).not.toContain('<img src=x');
		expect(html).toContain('&lt;script>alert("audit")&lt;/script>');
		expect(html).toContain('&lt;img src=x onerror=alert(1)>');
	});
});

function secondOwnerId(orgId: string, firstOwnerId: string): string {
	return (
		db
			.prepare(
				"select user_id from memberships where organisation_id = ? and role = 'owner' and user_id != ?"
			)
			.get(orgId, firstOwnerId) as { user_id: string }
	).user_id;
}
