import { describe, expect, it } from 'vitest';
import {
	applySecurityHeaders,
	PERMISSIONS_POLICY,
	STRICT_TRANSPORT_SECURITY
} from '../../src/lib/server/security-headers';

const apply = (url: string, init: Record<string, string> = {}) => {
	const headers = new Headers(init);
	applySecurityHeaders(headers, new URL(url));
	return Object.fromEntries(headers);
};

describe('applySecurityHeaders', () => {
	it('sends HSTS only over https', () => {
		expect(apply('https://cx.example.com/signin')['strict-transport-security']).toBe(
			STRICT_TRANSPORT_SECURITY
		);
		expect(apply('http://localhost:3000/signin')['strict-transport-security']).toBeUndefined();
	});

	it('marks a response no-store unless it chose its own caching', () => {
		expect(apply('http://localhost/')['cache-control']).toBe('no-store');
		expect(
			apply('http://localhost/o/x/logo', { 'cache-control': 'private, max-age=60' })
		).toMatchObject({ 'cache-control': 'private, max-age=60' });
	});

	it('denies the features the app never uses, and framing, and sniffing', () => {
		expect(apply('http://localhost/')).toMatchObject({
			'permissions-policy': PERMISSIONS_POLICY,
			'x-frame-options': 'DENY',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin'
		});
		for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
			expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
	});
});
