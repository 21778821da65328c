/**
 * A practice's open invitations as its pages list them, and their revoking: the People page for
 * partner and consultant links (`managePeople`), the Clients page for client links
 * (`inviteClient`). Only those who may make an invitation see it open and revoke it; a revoke is
 * recorded in the practice's log (`revokePracticeInvite`).
 */
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { canInPractice, type PracticeAction } from '$lib/domain/practice-permissions';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { listOpenPracticeInvites, revokePracticeInvite } from '$lib/server/db/practices';
import type { PracticeInviteKind } from '$lib/server/db/schema';
import { parseForm } from '$lib/server/forms';
import { requirePractice, type PracticeContext } from '$lib/server/practice-guards';

/** One open invitation on a page: its id (the token's hash, which cannot be used to accept it). */
export interface OpenInviteItem {
	id: string;
	kind: PracticeInviteKind;
	/** The day it stops working, in the reader's language. */
	expires: string;
	createdByName: string | null;
}

/** The open invitations of these kinds, for a reader whose role allows `action`; else none. */
export async function openInvites(
	{ db, practice, role }: PracticeContext,
	kinds: readonly PracticeInviteKind[],
	action: PracticeAction
): Promise<OpenInviteItem[]> {
	if (!canInPractice(role, action)) return [];
	const day = new Intl.DateTimeFormat(getLocale(), {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	});
	return (await listOpenPracticeInvites(db, practice.id, kinds)).map((i) => ({
		id: i.id,
		kind: i.kind,
		expires: day.format(new Date(i.expiresAt)),
		createdByName: i.createdByName
	}));
}

const revokeSchema = z.object({ inviteId: z.string().regex(/^[a-f0-9]{64}$/) });

/**
 * The `revoke` form action: an open invitation of these kinds stops working, for someone whose
 * role allows `action`. 400 for a malformed id, 404 for one that is not open or of another kind.
 */
export async function revokeInviteAction(
	event: { locals: App.Locals; url: URL; params: { practiceId: string }; request: Request },
	kinds: readonly PracticeInviteKind[],
	action: PracticeAction
) {
	const { locals, url, params, request } = event;
	const { db, user } = await requirePractice(locals, url, params.practiceId, action);
	const form = parseForm(revokeSchema, await request.formData());
	if (!form.ok) return fail(400, { message: m.practice_invite_not_open() });
	const result = await revokePracticeInvite(db, {
		practiceId: params.practiceId,
		inviteId: form.data.inviteId,
		kinds,
		actorId: user.id
	});
	if (result !== 'ok') return fail(404, { message: m.practice_invite_not_open() });
	return { ok: true as const, message: m.practice_invite_revoked() };
}
