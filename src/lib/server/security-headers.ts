/**
 * The headers every dynamic response carries (pages, `__data.json`, form actions, endpoints). The
 * Content-Security-Policy of pages comes from `kit.csp` in svelte.config.js; built assets under
 * /_app/immutable never reach this code: adapter-node serves them (with their year-long immutable
 * caching) before SvelteKit's hooks run.
 */

/** Browser features the app never uses, denied to it and to anything injected into it. */
export const PERMISSIONS_POLICY = [
	'accelerometer',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'serial',
	'usb'
]
	.map((feature) => `${feature}=()`)
	.join(', ');

export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Adds the security headers to `headers` for a response to a request for `url` (whose protocol is
 * https when the public ORIGIN, or the PROTOCOL_HEADER with adapter-node, says so).
 */
export function applySecurityHeaders(headers: Headers, url: URL): void {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', PERMISSIONS_POLICY);
	// Over plain http the header means nothing (browsers ignore it) and would only mislead.
	if (url.protocol === 'https:')
		headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
	// Pages and their data carry names, results, resume and link tokens: no shared or browser cache
	// keeps them. A response that chose its own caching (the logo, the PDF) keeps it.
	if (!headers.has('cache-control')) headers.set('Cache-Control', 'no-store');
}
