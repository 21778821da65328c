/**
 * Form actions read their body with `request.formData()`, which throws on any other content type:
 * a `text/plain` or JSON post to `/signin` was a 500. Posts to pages are refused here, before any
 * body is read, unless they are form data. Endpoints (`+server.ts`, such as the JSON autosave)
 * choose their own content types and are left alone.
 */

// Vite resolves the glob at build time: one entry per endpoint file. The modules are not loaded.
const endpointFiles = import.meta.glob('/src/routes/**/+server.ts');

/** `/src/routes/answer/[token=id]/save/+server.ts` → `/answer/[token=id]/save` (a route id). */
export function routeIdOfEndpoint(file: string): string {
	return file.replace(/^\/src\/routes/, '').replace(/\/\+server\.ts$/, '') || '/';
}

export const ENDPOINT_ROUTE_IDS: ReadonlySet<string> = new Set(
	Object.keys(endpointFiles).map(routeIdOfEndpoint)
);

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** The media type without parameters, lower case: `multipart/form-data; boundary=x` → `multipart/form-data`. */
export const mediaType = (contentType: string | null) =>
	(contentType ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Whether a request must be refused with 415: a POST to a page route (a route with a +page, which
 * is any matched route that is not an endpoint) whose body is not form data. Unmatched routes are
 * left to SvelteKit's 404.
 */
export function isRefusedFormPost(
	method: string,
	routeId: string | null,
	contentType: string | null
): boolean {
	if (method !== 'POST' || routeId === null || ENDPOINT_ROUTE_IDS.has(routeId)) return false;
	return !FORM_TYPES.has(mediaType(contentType));
}

// The quality `accept` gives `type`: an exact range, then `type/*`, then `*/*` (most specific wins).
function quality(accept: string, type: string): number {
	let best = -1;
	let specificity = -1;
	for (const part of accept.split(',')) {
		const [range = '', ...params] = part.trim().toLowerCase().split(';');
		const q = Number(
			params
				.find((p) => p.trim().startsWith('q='))
				?.trim()
				.slice(2) ?? 1
		);
		const s =
			range === type ? 2 : range === `${type.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : -1;
		if (s > specificity) [best, specificity] = [Number.isFinite(q) ? q : 0, s];
	}
	return best;
}

/**
 * Whether the client wants SvelteKit's JSON ActionResult rather than a page: `use:enhance` says so
 * with a header; otherwise the Accept header decides, JSON winning ties, as SvelteKit's own choice
 * between an action's JSON and its page does (a missing Accept means any type).
 */
export function wantsJson(headers: Headers): boolean {
	if (headers.get('x-sveltekit-action') === 'true') return true;
	const accept = headers.get('accept') || '*/*';
	const json = quality(accept, 'application/json');
	return json > 0 && json >= quality(accept, 'text/html');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 415 with `message`: an ActionResult of type error as JSON, or a plain HTML page. */
export function unsupportedMediaType(headers: Headers, message: string, lang: string): Response {
	if (wantsJson(headers))
		return Response.json({ type: 'error', error: { message } }, { status: 415 });
	const text = escapeHtml(message);
	return new Response(
		`<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>415</title></head><body><h1>415</h1><p>${text}</p></body></html>`,
		{ status: 415, headers: { 'content-type': 'text/html; charset=utf-8' } }
	);
}
