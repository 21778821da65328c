/**
 * The read API's request handling (`/api/v1`, docs/api.md): every endpoint is a thin
 * `+server.ts` that calls `apiGet` with the query parameters it reads and its work.
 *
 * In order, per request: the bearer token (401 when missing, unknown or revoked; session cookies
 * never authenticate here), the token's rate limit (one upsert; 429 with Retry-After past it), the
 * query string (414 when too long, 400 for an unknown or repeated parameter or a bad `lang`), then
 * the work, in the asked language (`?lang=`, else Accept-Language, else English). Ids of another
 * organisation than the token's are 404, like unknown ids, so they reveal nothing. Every answer is
 * JSON, errors as `{ "error": { "code", "message" } }`, never cached.
 *
 * What the endpoints answer is built from the services the pages use (`loadResultsPage`,
 * `loadRoadmapPage`) and picked by `lib/domain/api.ts`, so the anonymity rules are the pages'.
 */
import { isHttpError, json, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import {
	apiOrganisation,
	apiRound,
	apiRoadmap,
	apiRoundResults,
	MAX_API_QUERY
} from '$lib/domain/api';
import { acceptedLocales, toLocale } from '$lib/domain/locale';
import type { Locale } from '$lib/domain/model';
import { database } from '$lib/server/db';
import { countApiRequest, findApiToken, type RateLimit } from '$lib/server/db/api-tokens';
import type { Db } from '$lib/server/db/connection';
import { getModel } from '$lib/server/db/models';
import { getOrganisation } from '$lib/server/db/organisations';
import { getRound, listRounds } from '$lib/server/db/rounds';
import { AVAILABLE_LOCALES, withLocale } from '$lib/server/locale';
import { loadResultsPage } from '$lib/server/results-page';
import { loadRoadmapPage } from '$lib/server/roadmap-page';

/** Requests per token per window: API_RATE_LIMIT_PER_MINUTE (default 120) per 60 s. */
export function apiRateLimit(): RateLimit {
	const limit = Number(env.API_RATE_LIMIT_PER_MINUTE);
	const window = Number(env.API_RATE_LIMIT_WINDOW_SECONDS);
	return {
		limit: Number.isInteger(limit) && limit > 0 ? limit : 120,
		windowSeconds: Number.isInteger(window) && window > 0 ? window : 60
	};
}

/** An answer other than 200, as JSON: thrown by the work, turned into a response by `apiGet`. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

const NO_STORE = { 'cache-control': 'no-store' };

export function apiErrorResponse(error: ApiError, headers: Record<string, string> = {}): Response {
	return json(
		{ error: { code: error.code, message: error.message } },
		{ status: error.status, headers: { ...NO_STORE, ...headers, ...error.headers } }
	);
}

export const notFound = () => new ApiError(404, 'not_found', 'No such resource.');

/** A method other than GET (and HEAD, which SvelteKit answers from GET): 405 with Allow. */
export function methodNotAllowed(event: RequestEvent): Response {
	return apiErrorResponse(
		new ApiError(
			405,
			'method_not_allowed',
			`${event.request.method} is not allowed: the API is read-only.`
		),
		{ allow: 'GET, HEAD' }
	);
}

const UNAUTHORIZED = (detail: string, code: string) =>
	new ApiError(401, code, detail, {
		'www-authenticate': `Bearer realm="api", error="invalid_token"`
	});

/** The bearer token of the request, or an ApiError saying why there is none. */
function bearerToken(request: Request): string {
	const header = request.headers.get('authorization');
	if (!header)
		throw new ApiError(401, 'missing_token', 'Send an API token: Authorization: Bearer <token>.', {
			'www-authenticate': 'Bearer realm="api"'
		});
	const match = /^Bearer +(\S+) *$/i.exec(header);
	if (!match)
		throw UNAUTHORIZED('The Authorization header is not "Bearer <token>".', 'invalid_token');
	return match[1]!;
}

/** Reads the query string: only `lang`, at most once, one of the app's languages. */
function readQuery(url: URL): { lang: Locale | null } {
	if (url.search.length - 1 > MAX_API_QUERY)
		throw new ApiError(
			414,
			'query_too_long',
			`The query string is longer than ${MAX_API_QUERY} characters.`
		);
	const seen = new Set<string>();
	for (const name of url.searchParams.keys()) {
		if (name !== 'lang')
			throw new ApiError(
				400,
				'unknown_parameter',
				`Unknown query parameter "${name.slice(0, 40)}"; only "lang" is read.`
			);
		if (seen.has(name))
			throw new ApiError(400, 'repeated_parameter', `The parameter "${name}" is given twice.`);
		seen.add(name);
	}
	const asked = url.searchParams.get('lang');
	if (asked === null) return { lang: null };
	const lang = toLocale(asked, AVAILABLE_LOCALES);
	if (!lang || lang !== asked)
		throw new ApiError(
			400,
			'bad_lang',
			`Unknown language; use one of: ${AVAILABLE_LOCALES.join(', ')}.`
		);
	return { lang };
}

export interface ApiContext {
	db: Db;
	/** The organisation the token belongs to: the only one it reads. */
	organisationId: string;
	locale: Locale;
	/** The organisation in the path when it is the token's; otherwise a 404 is thrown. */
	organisation(id: string): string;
}

/**
 * Answers a GET of the API: authenticates, counts, reads the query, then runs `work` in the asked
 * language and sends what it returns as JSON.
 */
export async function apiGet(event: RequestEvent, work: (ctx: ApiContext) => Promise<unknown>) {
	let rateHeaders: Record<string, string> = {};
	try {
		const token = bearerToken(event.request);
		const { db } = await database();
		const found = await findApiToken(db, token);
		if (!found) throw UNAUTHORIZED('The API token is unknown or revoked.', 'invalid_token');
		const policy = apiRateLimit();
		const { requests, resetSeconds } = await countApiRequest(db, found.id, policy);
		rateHeaders = {
			'ratelimit-limit': String(policy.limit),
			'ratelimit-remaining': String(Math.max(0, policy.limit - requests)),
			'ratelimit-reset': String(resetSeconds)
		};
		if (requests > policy.limit)
			throw new ApiError(
				429,
				'rate_limited',
				`More than ${policy.limit} requests in ${policy.windowSeconds} s.`,
				{
					'retry-after': String(Math.max(1, resetSeconds))
				}
			);
		const { lang } = readQuery(event.url);
		const locale =
			lang ??
			acceptedLocales(event.request.headers.get('accept-language'), AVAILABLE_LOCALES)[0] ??
			'en';
		const ctx: ApiContext = {
			db,
			organisationId: found.organisationId,
			locale,
			organisation(id) {
				if (id !== found.organisationId) throw notFound();
				return id;
			}
		};
		const body = await withLocale(locale, () => work(ctx));
		return json(body, {
			headers: {
				...NO_STORE,
				...rateHeaders,
				'content-language': locale,
				vary: 'Authorization, Accept-Language'
			}
		});
	} catch (e) {
		if (e instanceof ApiError) return apiErrorResponse(e, rateHeaders);
		if (isHttpError(e) && e.status < 500)
			return apiErrorResponse(new ApiError(e.status, 'error', e.body.message), rateHeaders);
		throw e;
	}
}

// ---- what the endpoints read ------------------------------------------------------------------

export async function apiGetOrganisation(ctx: ApiContext, id: string) {
	const organisation = await getOrganisation(ctx.db, ctx.organisation(id));
	if (!organisation) throw notFound();
	return apiOrganisation(organisation);
}

type ListedRound = Awaited<ReturnType<typeof listRounds>>[number];

async function roundsWithModels(db: Db, rounds: readonly ListedRound[]) {
	const models = new Map<string, { id: string; key: string; version: string }>();
	for (const modelId of new Set(rounds.map((r) => r.modelId))) {
		const stored = await getModel(db, modelId);
		models.set(modelId, {
			id: modelId,
			key: stored?.key ?? modelId,
			version: stored?.version ?? ''
		});
	}
	return rounds.map((r) => apiRound({ ...r, model: models.get(r.modelId)! }));
}

export async function apiListRounds(ctx: ApiContext, orgId: string) {
	const rounds = await listRounds(ctx.db, ctx.organisation(orgId));
	return { rounds: await roundsWithModels(ctx.db, rounds) };
}

export async function apiGetRound(ctx: ApiContext, orgId: string, roundId: string) {
	const rounds = await listRounds(ctx.db, ctx.organisation(orgId));
	const round = rounds.find((r) => r.id === roundId);
	if (!round) throw notFound();
	return (await roundsWithModels(ctx.db, [round]))[0]!;
}

async function roundOf(ctx: ApiContext, orgId: string, roundId: string) {
	const round = await getRound(ctx.db, ctx.organisation(orgId), roundId);
	if (!round) throw notFound();
	return round;
}

export async function apiGetResults(ctx: ApiContext, orgId: string, roundId: string) {
	const round = await roundOf(ctx, orgId, roundId);
	// Unfiltered: the whole round and its groups, as the results page opens.
	return apiRoundResults(await loadResultsPage(ctx.db, round, new URLSearchParams()));
}

export async function apiGetRoadmap(ctx: ApiContext, orgId: string, roundId: string) {
	const round = await roundOf(ctx, orgId, roundId);
	// As a member who does not edit the roadmap sees it: no list of members.
	return apiRoadmap(await loadRoadmapPage(ctx.db, round, 'viewer', ctx.locale));
}
