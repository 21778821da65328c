/**
 * The organisation's read API tokens (docs/api.md), for owners only: make one with a name (the
 * token is shown once, in the answer to that post, and stored only as its SHA-256), see when each
 * was last used, and revoke one. Both are recorded in the audit log. Other roles get 403, a visitor
 * of the public demo too (`requireMember`).
 */
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { timeFormat } from '$lib/server/audit-list';
import { m } from '$lib/paraglide/messages';
import {
	createApiToken,
	listApiTokens,
	MAX_ACTIVE_API_TOKENS,
	MAX_API_TOKEN_NAME,
	revokeApiToken
} from '$lib/server/db/api-tokens';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'manageApiTokens');
	const when = timeFormat();
	const time = (iso: string | null) => (iso ? { at: iso, text: when(iso) } : null);
	const tokens = (await listApiTokens(db, params.orgId)).map((t) => ({
		id: t.id,
		name: t.name,
		createdBy: t.createdByName,
		created: time(t.createdAt)!,
		lastUsed: time(t.lastUsedAt),
		revoked: time(t.revokedAt)
	}));
	return {
		tokens,
		apiBase: `${url.origin}/api/v1/organisations/${params.orgId}`,
		openApiUrl: `${url.origin}/api/v1/openapi.json`
	};
};

const createSchema = z.object({
	name: z
		.string({ error: () => m.api_token_name_required() })
		.trim()
		.min(1, { error: () => m.api_token_name_required() })
		.max(MAX_API_TOKEN_NAME, {
			error: () => m.api_token_name_too_long({ max: MAX_API_TOKEN_NAME })
		})
});

const revokeSchema = z.object({
	tokenId: z
		.string({ error: () => m.api_token_unknown() })
		.min(1, { error: () => m.api_token_unknown() })
});

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageApiTokens');
		const form = parseForm(createSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const created = await createApiToken(db, {
			organisationId: params.orgId,
			name: form.data.name,
			actorId: user.id
		});
		if (created === 'too-many')
			return fail(400, { message: m.api_token_too_many({ max: MAX_ACTIVE_API_TOKENS }) });
		return { ok: true, message: m.api_token_created(), token: created.token, name: form.data.name };
	},
	revoke: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageApiTokens');
		const form = parseForm(revokeSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const result = await revokeApiToken(db, {
			organisationId: params.orgId,
			tokenId: form.data.tokenId,
			actorId: user.id
		});
		if (result === 'not-found') return fail(404, { message: m.api_token_unknown() });
		return { ok: true, message: m.api_token_revoked() };
	}
};
