/**
 * The read API's tokens (migration 0020): made, listed and revoked by an organisation's owners,
 * looked up by the API on every request, and counted per fixed window for the rate limit.
 *
 * A token is 256 random bits in base32 behind the prefix `cxm_`; only its SHA-256 is stored, so a
 * leaked database (or backup) holds no working token. The token is returned once, by
 * `createApiToken`, and never again. The hot path of a request is one read (`findApiToken`, by the
 * unique hash) and one upsert (`countApiRequest`), which also keeps the time it was last used.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { inTransaction, type Db } from './connection';
import { recordAudit } from './audit';
import { hashToken, newId } from './ids';

/** What every token starts with, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = 'cxm_';
/** Names are short labels ("Power BI", "Intranet dashboard"). */
export const MAX_API_TOKEN_NAME = 80;
/** An organisation keeps at most this many tokens that are not revoked. */
export const MAX_ACTIVE_API_TOKENS = 20;
/** `cxm_` and 52 base32 characters (256 bits). */
export const API_TOKEN_PATTERN = /^cxm_[a-z2-7]{52}$/;

export function newApiToken(): string {
	return (
		API_TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)))
	);
}

export interface ApiTokenRow {
	id: string;
	name: string;
	createdAt: string;
	createdByName: string | null;
	revokedAt: string | null;
	/** When the token was last used (the last counted request), or null. */
	lastUsedAt: string | null;
}

/** The organisation's tokens, active ones first, newest first; never the token or its hash. */
export async function listApiTokens(db: Db, organisationId: string): Promise<ApiTokenRow[]> {
	const rows = await db
		.selectFrom('api_tokens')
		.leftJoin('users', 'users.id', 'api_tokens.created_by')
		.leftJoin('api_token_usage', 'api_token_usage.token_id', 'api_tokens.id')
		.select([
			'api_tokens.id',
			'api_tokens.name',
			'api_tokens.created_at',
			'api_tokens.revoked_at',
			'users.display_name',
			'api_token_usage.last_used_at'
		])
		.where('api_tokens.organisation_id', '=', organisationId)
		.orderBy('api_tokens.created_at', 'desc')
		.orderBy('api_tokens.id')
		.execute();
	return rows
		.map((r) => ({
			id: r.id,
			name: r.name,
			createdAt: r.created_at,
			createdByName: r.display_name,
			revokedAt: r.revoked_at,
			lastUsedAt: r.last_used_at
		}))
		.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/**
 * Makes a token for the organisation and records it in the audit log, in one transaction. Returns
 * the token (to show once) or 'too-many' when the organisation already has the most active ones.
 */
export function createApiToken(
	db: Db,
	input: { organisationId: string; name: string; actorId: string }
): Promise<{ id: string; token: string } | 'too-many'> {
	return inTransaction(db, async (trx) => {
		const active = await trx
			.selectFrom('api_tokens')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('organisation_id', '=', input.organisationId)
			.where('revoked_at', 'is', null)
			.executeTakeFirstOrThrow();
		if (Number(active.n) >= MAX_ACTIVE_API_TOKENS) return 'too-many';
		const id = newId();
		const token = newApiToken();
		await trx
			.insertInto('api_tokens')
			.values({
				id,
				organisation_id: input.organisationId,
				name: input.name,
				token_hash: hashToken(token),
				created_by: input.actorId,
				created_at: new Date().toISOString()
			})
			.execute();
		await recordAudit(trx, {
			organisationId: input.organisationId,
			actorId: input.actorId,
			action: 'api_token.create',
			subjectType: 'api_token',
			subjectId: id,
			subjectLabel: input.name,
			after: { name: input.name }
		});
		return { id, token };
	});
}

/**
 * Revokes a token of the organisation and records it. 'not-found' for an id that is not one of
 * its tokens; revoking a revoked token changes nothing and records nothing.
 */
export function revokeApiToken(
	db: Db,
	input: { organisationId: string; tokenId: string; actorId: string }
): Promise<'revoked' | 'already' | 'not-found'> {
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('api_tokens')
			.select(['name', 'revoked_at'])
			.where('id', '=', input.tokenId)
			.where('organisation_id', '=', input.organisationId)
			.executeTakeFirst();
		if (!row) return 'not-found';
		if (row.revoked_at !== null) return 'already';
		await trx
			.updateTable('api_tokens')
			.set({ revoked_at: new Date().toISOString() })
			.where('id', '=', input.tokenId)
			.execute();
		await recordAudit(trx, {
			organisationId: input.organisationId,
			actorId: input.actorId,
			action: 'api_token.revoke',
			subjectType: 'api_token',
			subjectId: input.tokenId,
			subjectLabel: row.name,
			before: { status: 'active' },
			after: { status: 'revoked' }
		});
		return 'revoked';
	});
}

/** The active token with this value: its id and organisation; undefined for any other value. */
export async function findApiToken(
	db: Db,
	token: string
): Promise<{ id: string; organisationId: string } | undefined> {
	if (!API_TOKEN_PATTERN.test(token)) return undefined;
	const row = await db
		.selectFrom('api_tokens')
		.select(['id', 'organisation_id'])
		.where('token_hash', '=', hashToken(token))
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return row && { id: row.id, organisationId: row.organisation_id };
}

export interface RateLimit {
	/** Requests allowed per window. */
	limit: number;
	/** The window's length in seconds. */
	windowSeconds: number;
}

/**
 * Counts a request of the token in the current fixed window and notes the time of use, in one
 * upsert: a new window starts the count at 1. Returns the count so far in this window (this request
 * included) and the seconds until the window ends. Parallel requests each get their own count,
 * since the database serialises the upserts.
 */
export async function countApiRequest(
	db: Db,
	tokenId: string,
	policy: RateLimit,
	now = Date.now()
): Promise<{ requests: number; resetSeconds: number }> {
	const seconds = Math.floor(now / 1000);
	const windowStart = seconds - (seconds % policy.windowSeconds);
	const row = await db
		.insertInto('api_token_usage')
		.values({
			token_id: tokenId,
			window_start: windowStart,
			requests: 1,
			last_used_at: new Date(now).toISOString()
		})
		.onConflict((oc) =>
			oc.column('token_id').doUpdateSet((eb) => ({
				requests: eb
					.case()
					.when('api_token_usage.window_start', '=', windowStart)
					.then(eb('api_token_usage.requests', '+', 1))
					.else(1)
					.end(),
				window_start: windowStart,
				last_used_at: eb.ref('excluded.last_used_at')
			}))
		)
		.returning('requests')
		.executeTakeFirstOrThrow();
	return { requests: row.requests, resetSeconds: windowStart + policy.windowSeconds - seconds };
}
