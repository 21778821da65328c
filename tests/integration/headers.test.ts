/**
 * Security headers on what the built server answers: a strict Content-Security-Policy on pages (a
 * fresh nonce per response, no 'unsafe-inline' for scripts), Permissions-Policy, no caching of
 * pages and their data, HSTS only over https, and the year-long caching of built assets untouched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrg, signUp } from '../support/flow';
import { startServer, type RunningServer } from '../support/spawn-server';

const baseURL = inject('baseURL');

/** The policy as a map from directive to its sources. */
function directives(policy: string | null): Map<string, string[]> {
	expect(policy).toBeTruthy();
	return new Map(
		policy!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...sources]) => [name!, sources])
	);
}

const PERMISSIONS =
	/^(?=.*\bcamera=\(\))(?=.*\bmicrophone=\(\))(?=.*\bgeolocation=\(\))(?=.*\bpayment=\(\))(?=.*\busb=\(\))/;

describe('security headers over http', () => {
	it('puts a strict Content-Security-Policy with a fresh nonce on every page', async () => {
		const first = await fetch(`${baseURL}/signin`);
		const second = await fetch(`${baseURL}/signin`);
		const csp = directives(first.headers.get('content-security-policy'));
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'self'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('form-action')).toEqual(["'self'"]);
		expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
		expect(csp.get('style-src')).toEqual(["'self'"]);
		expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
		const scripts = csp.get('script-src')!;
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		expect(scripts[0]).toBe("'self'");
		const nonce = scripts.find((s) => s.startsWith("'nonce-"));
		expect(nonce).toBeDefined();
		// The page's inline start-up script carries that nonce; the next response has another.
		const html = await first.text();
		expect(html).toContain(`nonce="${nonce!.slice(7, -1)}"`);
		expect(
			directives(second.headers.get('content-security-policy')).get('script-src')
		).not.toContain(nonce);
	});

	it('sends Permissions-Policy, nosniff, no framing and no-store on pages; no HSTS over http', async () => {
		const owner = await signUp('headers');
		const orgId = await createOrg(owner);
		for (const [path, client] of [
			['/', null],
			['/model', null],
			['/signup', null],
			[`/o/${orgId}`, owner],
			['/orgs', owner]
		] as const) {
			const res = client ? await client.get(path) : await fetch(`${baseURL}${path}`);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
			expect(res.headers.get('cache-control'), path).toBe('no-store');
			expect(res.headers.get('permissions-policy'), path).toMatch(PERMISSIONS);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
			expect(res.headers.get('strict-transport-security'), path).toBeNull();
			expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
		}
	});

	it('keeps pages’ data (__data.json) out of every cache', async () => {
		const owner = await signUp('data');
		const orgId = await createOrg(owner);
		for (const path of [`/o/${orgId}/__data.json`, '/orgs/__data.json', '/__data.json']) {
			const res = await owner.get(path, { accept: '*/*' });
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-type'), path).toMatch(/json/);
			expect(res.headers.get('cache-control'), path).toMatch(/\bno-store\b/);
			expect(res.headers.get('permissions-policy'), path).toMatch(PERMISSIONS);
		}
	});

	it('leaves endpoints’ own caching alone and marks the rest no-store', async () => {
		const health = await fetch(`${baseURL}/healthz`);
		expect(health.headers.get('cache-control')).toBe('no-store');
		expect(health.headers.get('permissions-policy')).toMatch(PERMISSIONS);
		// A 404 page carries no personal data but is dynamic all the same.
		const missing = await fetch(`${baseURL}/no-such-page`);
		expect(missing.status).toBe(404);
		expect(missing.headers.get('cache-control')).toBe('no-store');
	});

	it('serves built assets from adapter-node with their immutable caching, before the hooks', async () => {
		const html = await (await fetch(`${baseURL}/`)).text();
		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
		expect(asset).toBeDefined();
		const res = await fetch(`${baseURL}${asset}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
		// The hooks never saw it: none of their headers are there.
		expect(res.headers.get('permissions-policy')).toBeNull();
	});
});

describe('security headers when served over https (ORIGIN https://…)', () => {
	let dir: string;
	let server: RunningServer;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cx-https-'));
		// adapter-node takes the protocol from ORIGIN (or PROTOCOL_HEADER behind a proxy).
		server = await startServer({
			databasePath: join(dir, 'https.sqlite'),
			env: { ORIGIN: 'https://cx.example.com' }
		});
	});
	afterAll(async () => {
		await server?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('sends Strict-Transport-Security on pages, data and endpoints', async () => {
		for (const path of ['/', '/signin', '/__data.json', '/healthz']) {
			const res = await fetch(`${server.baseURL}${path}`);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('strict-transport-security'), path).toBe(
				'max-age=31536000; includeSubDomains'
			);
		}
	});
});
