import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { BRAND } from '$lib/domain/colours';
import { MAX_CONTACT } from '$lib/domain/limits';
import {
	accentSchema,
	logoUploadSchema,
	MAX_LOGO_BYTES,
	readLogoUpload
} from '$lib/server/branding';
import {
	getPracticeBranding,
	setPracticeAccentColor,
	setPracticeLogo
} from '$lib/server/db/organisation-branding';
import { listPracticeAuditEvents, recordPracticeAudit } from '$lib/server/db/audit';
import type { Db } from '$lib/server/db/connection';
import { renamePractice, setPracticeContact } from '$lib/server/db/practices';
import { auditList } from '$lib/server/audit-list';
import { nameField, parseForm } from '$lib/server/forms';
import { requirePractice } from '$lib/server/practice-guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** Records a change of the practice's settings, in the transaction that makes it (docs/security.md). */
function settingsChanged(
	trx: Db,
	practiceId: string,
	actorId: string,
	before: Record<string, unknown>,
	after: Record<string, unknown>
) {
	return recordPracticeAudit(trx, {
		practiceId,
		actorId,
		action: 'practice.settings',
		before,
		after
	});
}

/** How many of the latest changes the settings page lists. */
const CHANGES_SHOWN = 20;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, practice } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
	const [branding, events] = await Promise.all([
		getPracticeBranding(db, params.practiceId),
		listPracticeAuditEvents(db, params.practiceId, CHANGES_SHOWN)
	]);
	return {
		changes: auditList(events, 'person'),
		contact: practice.contact ?? '',
		maxContact: MAX_CONTACT,
		hasLogo: !!branding?.logo,
		accentColor: branding?.accentColor ?? BRAND,
		maxLogoKb: Math.round(MAX_LOGO_BYTES / 1024)
	};
};

/** The contact line on the report's last page: empty for none, else at most MAX_CONTACT characters. */
const contactSchema = z.object({
	contact: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
		.refine((v) => v.length <= MAX_CONTACT, {
			error: () => m.practice_contact_too_long({ max: MAX_CONTACT })
		})
		.transform((v) => (v === '' ? null : v))
});

export const actions: Actions = {
	rename: async ({ locals, url, params, request }) => {
		const { db, user, practice } = await requirePractice(
			locals,
			url,
			params.practiceId,
			'manageSettings'
		);
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const name = form.data.name.trim();
		await db.transaction().execute(async (trx) => {
			await renamePractice(trx, params.practiceId, name);
			if (practice.name !== name)
				await settingsChanged(trx, params.practiceId, user.id, { name: practice.name }, { name });
		});
		return { ok: true, message: m.practice_renamed() };
	},
	contact: async ({ locals, url, params, request }) => {
		const { db, user, practice } = await requirePractice(
			locals,
			url,
			params.practiceId,
			'manageSettings'
		);
		const form = parseForm(contactSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { contact } = form.data;
		await db.transaction().execute(async (trx) => {
			await setPracticeContact(trx, params.practiceId, contact);
			if ((practice.contact ?? null) !== contact)
				await settingsChanged(
					trx,
					params.practiceId,
					user.id,
					{ contact: practice.contact ?? null },
					{ contact }
				);
		});
		return { ok: true, message: m.practice_contact_saved() };
	},
	logo: async ({ locals, url, params, request }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		const form = parseForm(logoUploadSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const checked = await readLogoUpload(form.data.logo);
		if (!checked.ok) return fail(checked.status, { message: checked.message });
		await db.transaction().execute(async (trx) => {
			const before = await getPracticeBranding(trx, params.practiceId);
			await setPracticeLogo(trx, params.practiceId, checked.logo);
			await settingsChanged(
				trx,
				params.practiceId,
				user.id,
				{ logo: before?.logo?.type ?? null },
				{ logo: checked.logo.type }
			);
		});
		return { ok: true, message: m.settings_logo_saved() };
	},
	removeLogo: async ({ locals, url, params }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		await db.transaction().execute(async (trx) => {
			const before = await getPracticeBranding(trx, params.practiceId);
			if (!before?.logo) return;
			await setPracticeLogo(trx, params.practiceId, null);
			await settingsChanged(
				trx,
				params.practiceId,
				user.id,
				{ logo: before.logo.type },
				{ logo: null }
			);
		});
		return { ok: true, message: m.settings_logo_removed() };
	},
	accent: async ({ locals, url, params, request }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		const form = parseForm(accentSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { accentColor } = form.data;
		await db.transaction().execute(async (trx) => {
			const before = (await getPracticeBranding(trx, params.practiceId))?.accentColor ?? null;
			await setPracticeAccentColor(trx, params.practiceId, accentColor);
			if (before !== accentColor)
				await settingsChanged(
					trx,
					params.practiceId,
					user.id,
					{ accentColor: before },
					{ accentColor }
				);
		});
		return { ok: true, message: m.settings_accent_saved() };
	}
};
