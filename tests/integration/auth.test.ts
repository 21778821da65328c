import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { Client } from '../support/http';

const baseURL = inject('baseURL');
const PASSWORD = 'correct horse battery';

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

async function signUp(
	fields: Partial<{ email: string; displayName: string; password: string }> = {},
	client = new Client(baseURL)
) {
	const email = fields.email ?? uniqueEmail('user');
	const res = await client.post('/signup', {
		email,
		displayName: fields.displayName ?? 'Ana Example',
		password: fields.password ?? PASSWORD
	});
	return { client, res, email };
}

async function signIn(email: string, password = PASSWORD, client = new Client(baseURL)) {
	const res = await client.post('/signin', { email, password });
	return { client, res };
}

const sessionCookieHeader = (res: Response) =>
	res.headers.getSetCookie().find((c) => c.startsWith('cx_session='));

describe('sign-up', () => {
	it('creates an account, starts a session and goes to /orgs', async () => {
		const { client, res, email } = await signUp({ displayName: 'Ana Example' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/orgs');
		expect(client.cookie('cx_session')).toBeTruthy();

		const account = await client.get('/account');
		expect(account.status).toBe(200);
		const html = await account.text();
		expect(html).toContain('Ana Example');
		expect(html).toContain(email);
	});

	it('sets the session cookie HttpOnly, SameSite=Lax, on the whole site, and not Secure over http', async () => {
		const { res } = await signUp();
		const cookie = sessionCookieHeader(res);
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).toMatch(/;\s*Path=\//i);
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});

	it.each([
		['/account', '/account'],
		['/orgs/abc?tab=rounds', '/orgs/abc?tab=rounds'],
		['//evil.example/x', '/orgs'],
		['/\\evil.example', '/orgs'],
		['https://evil.example/', '/orgs'],
		['account', '/orgs']
	])('follows ?next=%s only to a path on this site (%s)', async (next, expected) => {
		const client = new Client(baseURL);
		const res = await client.post(`/signup?next=${encodeURIComponent(next)}`, {
			email: uniqueEmail('next'),
			displayName: 'Next',
			password: PASSWORD
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(expected);
	});

	it('refuses an email that already has an account, whatever its case, without a session and without saying so', async () => {
		const { email } = await signUp();
		const client = new Client(baseURL);
		const res = await client.post('/signup', {
			email: email.toUpperCase(),
			displayName: 'Someone else',
			password: 'another password 1'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain(
			'We could not create an account with these details. If you already have one, sign in.'
		);
		expect(html).not.toMatch(/already exists|is taken|in use/i);
		expect(client.cookie('cx_session')).toBeUndefined();
		// The account's password is unchanged.
		expect((await signIn(email)).res.status).toBe(303);
	});

	it.each([
		[
			'an invalid email',
			{ email: 'not-an-email', displayName: 'Ana', password: PASSWORD },
			'Enter an email address in the right format, like name@example.com.'
		],
		[
			'a short password',
			{ email: uniqueEmail('short'), displayName: 'Ana', password: 'short9' },
			'Password must be at least 10 characters.'
		],
		[
			'a 10 kB display name',
			{ email: uniqueEmail('long'), displayName: 'x'.repeat(10_240), password: PASSWORD },
			'Name must be 80 characters or fewer.'
		],
		[
			'a blank display name',
			{ email: uniqueEmail('blank'), displayName: '   ', password: PASSWORD },
			'Enter your name.'
		],
		[
			'a 201-character password',
			{ email: uniqueEmail('longpw'), displayName: 'Ana', password: 'p'.repeat(201) },
			'Password must be 200 characters or fewer.'
		]
	])(
		'rejects %s with 400 and a message, without echoing the password',
		async (_, fields, message) => {
			const client = new Client(baseURL);
			const res = await client.post('/signup', fields);
			expect(res.status).toBe(400);
			const html = await res.text();
			expect(html).toContain(message);
			expect(html).toContain('role="alert"');
			expect(html).toContain('aria-invalid="true"');
			expect(html).not.toContain(fields.password);
			expect(client.cookie('cx_session')).toBeUndefined();
		}
	);

	it('keeps the typed email in the form after a failure', async () => {
		const res = await new Client(baseURL).post('/signup', {
			email: 'kept@example.com',
			displayName: 'Kept',
			password: 'short'
		});
		expect(await res.text()).toContain('value="kept@example.com"');
	});

	it('stores HTML in a display name as text and shows it inert', async () => {
		const name = '<script>alert("x")</script><b>Bo</b>';
		const { client, res } = await signUp({ displayName: name });
		expect(res.status).toBe(303);
		const html = await (await client.get('/account')).text();
		expect(html).not.toContain('<script>alert');
		expect(html).not.toContain('<b>Bo</b>');
		expect(html).toMatch(/&lt;script(>|&gt;)alert\(("|&quot;)x("|&quot;)\)&lt;\/script(>|&gt;)/);
	});

	it('sends a signed-in visitor from /signup and /signin to /orgs', async () => {
		const { client } = await signUp();
		for (const path of ['/signup', '/signin']) {
			const res = await client.get(path);
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/orgs');
		}
	});

	it('refuses a form posted from another site', async () => {
		const client = new Client(baseURL, 'https://evil.example');
		const res = await client.post('/signup', {
			email: uniqueEmail('csrf'),
			displayName: 'Csrf',
			password: PASSWORD
		});
		expect(res.status).toBe(403);
	});
});

describe('sign-in', () => {
	it('signs in with the right password and honours ?next=', async () => {
		const { email } = await signUp();
		const client = new Client(baseURL);
		const res = await client.post('/signin?next=/account', { email, password: PASSWORD });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/account');
		expect(sessionCookieHeader(res)).toMatch(/HttpOnly/i);
		expect((await client.get('/account')).status).toBe(200);
	});

	it('accepts the email in another case and with spaces around it', async () => {
		const { email } = await signUp();
		const { res } = await signIn(`  ${email.toUpperCase()} `);
		expect(res.status).toBe(303);
	});

	it('gives a wrong password and an unknown email the same answer', async () => {
		const { email } = await signUp();
		const wrong = await signIn(email, 'not the password');
		const unknown = await signIn(uniqueEmail('nobody'), 'not the password');
		expect(wrong.res.status).toBe(400);
		expect(unknown.res.status).toBe(400);
		const wrongHtml = await wrong.res.text();
		const unknownHtml = await unknown.res.text();
		expect(wrongHtml).toContain('Email or password is not right.');
		expect(unknownHtml).toContain('Email or password is not right.');
		expect(wrongHtml).not.toContain('not the password');
		expect(wrong.client.cookie('cx_session')).toBeUndefined();
		expect(unknown.client.cookie('cx_session')).toBeUndefined();
	});

	it('answers use:enhance posts with an action result', async () => {
		const { email } = await signUp();
		const client = new Client(baseURL);
		expect(await client.action('/signin', { email, password: 'wrong password' })).toMatchObject({
			type: 'failure',
			status: 400
		});
		expect(await client.action('/signin', { email, password: PASSWORD })).toMatchObject({
			type: 'redirect',
			status: 303,
			location: '/orgs'
		});
		expect(client.cookie('cx_session')).toBeTruthy();
	});

	it('delays the next attempt after 4 failures from one address, without checking the password', async () => {
		const { email } = await signUp();
		for (let i = 0; i < 4; i++) {
			const { res } = await signIn(email, `wrong password ${i}`);
			expect(res.status).toBe(400);
		}
		const { res, client } = await signIn(email, PASSWORD);
		// The delay after the 4th failure is 1 s; on a very slow machine it may already be over.
		if (res.status === 429) {
			expect(res.headers.get('retry-after')).toBe('1');
			expect(await res.text()).toContain('Too many attempts. Wait 1 second and try again.');
			expect(client.cookie('cx_session')).toBeUndefined();
		} else expect(res.status).toBe(303);
		// Other accounts are not affected.
		const other = await signUp();
		expect((await signIn(other.email)).res.status).toBe(303);
	});

	it('lets 3 failures pass without delay, and a success clears earlier failures', async () => {
		const { email } = await signUp();
		for (let round = 0; round < 2; round++) {
			for (let i = 0; i < 3; i++)
				expect((await signIn(email, 'wrong password')).res.status).toBe(400);
			expect((await signIn(email)).res.status).toBe(303);
		}
	});

	it('rejects an empty form with messages for each field', async () => {
		const res = await new Client(baseURL).post('/signin', { email: '', password: '' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Enter your email address.');
		expect(html).toContain('Enter your password.');
	});
});

describe('sign-out', () => {
	it('ends the session on POST and goes home', async () => {
		const { client } = await signUp();
		const stale = client.clone();
		const res = await client.post('/signout');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
		expect(client.cookie('cx_session')).toBeUndefined();
		// The old cookie is worthless, not just forgotten by this browser.
		const account = await stale.get('/account');
		expect(account.status).toBe(303);
		expect(account.headers.get('location')).toBe('/signin?next=/account');
	});

	it('does not sign out on GET', async () => {
		const { client } = await signUp();
		const res = await client.get('/signout');
		expect(res.status).toBe(405);
		expect((await client.get('/account')).status).toBe(200);
	});

	it('refuses a sign-out posted from another site', async () => {
		const { client } = await signUp();
		const cross = new Client(baseURL, 'https://evil.example');
		for (const [name, value] of client.cookies) cross.cookies.set(name, value);
		expect((await cross.post('/signout')).status).toBe(403);
		expect((await client.get('/account')).status).toBe(200);
	});
});

describe('the account page', () => {
	it('sends a visitor who is not signed in to sign in first', async () => {
		const client = new Client(baseURL);
		const res = await client.get('/account');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/signin?next=/account');
		const action = await client.post('/account?/signOutEverywhere');
		expect(action.status).toBe(303);
		expect(action.headers.get('location')).toBe('/signin?next=/account');
	});

	it('changes the password, signs out other sessions and keeps this one', async () => {
		const { client, email } = await signUp();
		const before = client.clone();
		const { client: other } = await signIn(email);
		expect((await other.get('/account')).status).toBe(200);

		const res = await client.post('/account?/changePassword', {
			currentPassword: PASSWORD,
			newPassword: 'a brand new passphrase',
			confirmPassword: 'a brand new passphrase'
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Your password has been changed.');

		expect((await client.get('/account')).status).toBe(200);
		expect(client.cookie('cx_session')).not.toBe(before.cookie('cx_session'));
		expect((await before.get('/account')).status).toBe(303);
		expect((await other.get('/account')).status).toBe(303);

		expect((await signIn(email, PASSWORD)).res.status).toBe(400);
		expect((await signIn(email, 'a brand new passphrase')).res.status).toBe(303);
	});

	it.each([
		[
			'a wrong current password',
			{
				currentPassword: 'not my password',
				newPassword: 'new password 123',
				confirmPassword: 'new password 123'
			},
			'Your current password is not right.'
		],
		[
			'a short new password',
			{ currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' },
			'Password must be at least 10 characters.'
		],
		[
			'new passwords that differ',
			{
				currentPassword: PASSWORD,
				newPassword: 'new password 123',
				confirmPassword: 'new password 124'
			},
			'The two new passwords do not match.'
		]
	])('refuses %s and keeps the old password', async (_, fields, message) => {
		const { client, email } = await signUp();
		const res = await client.post('/account?/changePassword', fields);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain(message);
		expect(html).not.toContain(fields.newPassword);
		expect((await client.get('/account')).status).toBe(200);
		expect((await signIn(email, PASSWORD)).res.status).toBe(303);
	});

	it('signs out everywhere, this browser included', async () => {
		const { client, email } = await signUp();
		const { client: other } = await signIn(email);
		const res = await client.post('/account?/signOutEverywhere');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/signin');
		expect(client.cookie('cx_session')).toBeUndefined();
		expect((await other.get('/account')).status).toBe(303);
		// Signing in again still works.
		expect((await signIn(email)).res.status).toBe(303);
	});
});
