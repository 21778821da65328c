/**
 * The sign-in throttle against the built server: an attacker's address is slowed down at one
 * account while the account's owner, from another address, signs in at once; the counters live in
 * the database, so a second server process on the same file (as after a restart) keeps them; the
 * per-address budget (AUTH_ATTEMPTS_PER_ADDRESS) stops password spraying and mass sign-up.
 *
 * Requests come from different loopback addresses (127.0.0.x, bound as the local address of the
 * connection), which the server sees as different clients without any proxy header.
 */
import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDb } from '../support/flow';
import { Client } from '../support/http';
import { startServer, type RunningServer } from '../support/spawn-server';

const baseURL = inject('baseURL');
const PASSWORD = 'correct horse battery';
const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** A form post, as a browser without JavaScript sends it, from the client address `from`. */
function postFrom(
	from: string,
	path: string,
	fields: Record<string, string>,
	base = baseURL,
	extraHeaders: Record<string, string> = {}
): Promise<Answer> {
	const url = new URL(path, base);
	const body = new URLSearchParams(fields).toString();
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress: from,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin: base,
					accept: 'text/html',
					...extraHeaders
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
				);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

const signInFrom = (from: string, email: string, password: string, base = baseURL) =>
	postFrom(from, '/signin', { email, password }, base);

const hasSession = (answer: Answer) =>
	[answer.headers['set-cookie'] ?? []].flat().some((c) => /^cx_session=[^;]+/.test(c));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function newAccount(): Promise<string> {
	const email = uniqueEmail('owner');
	const res = await new Client(baseURL).post('/signup', {
		email,
		displayName: 'Owner',
		password: PASSWORD
	});
	expect(res.status).toBe(303);
	return email;
}

/** The stored counter of a pair, looked up as the server stores it (SHA-256 of "email address"). */
function pairRow(email: string, from: string) {
	const subject = createHash('sha256').update(`${email} ${from}`).digest('hex');
	return testDb()
		.prepare(
			`select attempts, window_start, blocked_until, expires_at from sign_in_attempts
			 where scope = 'signin-pair' and subject = ?`
		)
		.get(subject) as
		| { attempts: number; window_start: string; blocked_until: string; expires_at: string }
		| undefined;
}

// ---- a second server on the same database file, as after a restart ----------------------------

const SECOND_SERVER_BUDGET = 10;
let second: RunningServer | undefined;

beforeAll(async () => {
	second = await startServer({
		databasePath: inject('databasePath'),
		env: { AUTH_ATTEMPTS_PER_ADDRESS: String(SECOND_SERVER_BUDGET) }
	});
});

afterAll(async () => {
	await second?.stop();
});

describe('sign-in throttle per account and address', () => {
	const attacker = '127.0.0.21';
	const owner = '127.0.0.22';
	let email: string;

	beforeAll(async () => {
		email = await newAccount();
	});

	it('slows the attacker down ever more, answers 429 with Retry-After without checking the password, and lets the owner in from elsewhere at once', async () => {
		// 3 free failures, then 1 s, 2 s, 4 s: the attacker waits out each delay.
		for (let i = 0; i < 4; i++)
			expect((await signInFrom(attacker, email, `guess ${i}`)).status).toBe(400);
		await sleep(1000);
		expect((await signInFrom(attacker, email, 'guess 4')).status).toBe(400);
		await sleep(2000);
		expect((await signInFrom(attacker, email, 'guess 5')).status).toBe(400);

		// Now delayed for 4 s: even the right password is refused, unchecked, with how long to wait.
		const refused = await signInFrom(attacker, email, PASSWORD);
		expect(refused.status).toBe(429);
		const retryAfter = Number(refused.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(4);
		expect(refused.body).toMatch(/Too many attempts\. Wait [1-4] seconds? and try again\./);
		expect(hasSession(refused)).toBe(false);

		// The owner, from another address, is not delayed at all.
		const ownerIn = await signInFrom(owner, email, PASSWORD);
		expect(ownerIn.status).toBe(303);
		expect(hasSession(ownerIn)).toBe(true);

		// The owner's success does not clear the attacker's delay; a use:enhance post gets the same.
		const enhanced = await postFrom(attacker, '/signin', { email, password: PASSWORD }, baseURL, {
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		});
		expect(JSON.parse(enhanced.body)).toMatchObject({ type: 'failure', status: 429 });
		expect(Number(enhanced.headers['retry-after'])).toBeGreaterThanOrEqual(1);
	});

	it('keeps the counter in the database, not in memory, without the e-mail in clear', () => {
		const row = pairRow(email, attacker);
		expect(row).toBeDefined();
		expect(row!.attempts).toBe(6);
		expect(Date.parse(row!.blocked_until) - Date.parse(row!.window_start)).toBe(4000);
		const all = testDb().prepare('select scope, subject from sign_in_attempts').all() as {
			scope: string;
			subject: string;
		}[];
		expect(all.some((r) => r.subject.includes('@'))).toBe(false);
		// A success clears its own pair.
		expect(pairRow(email, owner)).toBeUndefined();
	});

	it('survives a restart: a second server on the same database file refuses the pair too', async () => {
		const refused = await signInFrom(attacker, email, PASSWORD, second!.baseURL);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect((await signInFrom(owner, email, PASSWORD, second!.baseURL)).status).toBe(303);
	});

	it('treats an e-mail without an account the same way', async () => {
		const nobody = uniqueEmail('nobody');
		const from = '127.0.0.23';
		for (let i = 0; i < 4; i++)
			expect((await signInFrom(from, nobody, `guess ${i}`)).status).toBe(400);
		const refused = await signInFrom(from, nobody, 'guess 4');
		// The 1 s delay; on a very slow machine it may already be over.
		expect([429, 400]).toContain(refused.status);
		expect(pairRow(nobody, from)?.attempts).toBe(refused.status === 429 ? 4 : 5);
	});
});

describe(`the budget per address (AUTH_ATTEMPTS_PER_ADDRESS=${SECOND_SERVER_BUDGET} on the second server)`, () => {
	it('stops one address trying one password against many accounts, and no other address', async () => {
		const sprayer = '127.0.0.31';
		for (let i = 0; i < SECOND_SERVER_BUDGET; i++) {
			const res = await signInFrom(sprayer, uniqueEmail('spray'), 'Winter2026!', second!.baseURL);
			expect(res.status).toBe(400);
		}
		const refused = await signInFrom(sprayer, uniqueEmail('spray'), 'Winter2026!', second!.baseURL);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
		expect(refused.body).toContain('Too many attempts. Wait 15 minutes and try again.');
		// Someone else is not affected.
		const email = await newAccount();
		expect((await signInFrom('127.0.0.32', email, PASSWORD, second!.baseURL)).status).toBe(303);
	});

	it('limits sign-ups from one address, whether or not the e-mail has an account', async () => {
		const from = '127.0.0.33';
		const taken = await newAccount();
		for (let i = 0; i < SECOND_SERVER_BUDGET; i++) {
			const email = i % 2 === 0 ? taken : uniqueEmail('mass');
			const res = await postFrom(
				from,
				'/signup',
				{ email, displayName: 'Mass', password: PASSWORD },
				second!.baseURL
			);
			expect(res.status).toBe(i % 2 === 0 ? 400 : 303);
		}
		const refused = await postFrom(
			from,
			'/signup',
			{ email: uniqueEmail('mass'), displayName: 'Mass', password: PASSWORD },
			second!.baseURL
		);
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBeDefined();
		expect(refused.body).toContain('Too many attempts.');
	});
});
