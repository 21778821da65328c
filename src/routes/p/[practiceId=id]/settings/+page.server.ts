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
import { renamePractice, setPracticeContact } from '$lib/server/db/practices';
import { nameField, parseForm } from '$lib/server/forms';
import { requirePractice } from '$lib/server/practice-guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, practice } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
	const branding = await getPracticeBranding(db, params.practiceId);
	return {
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
		const { db } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		await renamePractice(db, params.practiceId, form.data.name);
		return { ok: true, message: m.practice_renamed() };
	},
	contact: async ({ locals, url, params, request }) => {
		const { db } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		const form = parseForm(contactSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		await setPracticeContact(db, params.practiceId, form.data.contact);
		return { ok: true, message: m.practice_contact_saved() };
	},
	logo: async ({ locals, url, params, request }) => {
		const { db } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		const form = parseForm(logoUploadSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const checked = await readLogoUpload(form.data.logo);
		if (!checked.ok) return fail(checked.status, { message: checked.message });
		await setPracticeLogo(db, params.practiceId, checked.logo);
		return { ok: true, message: m.settings_logo_saved() };
	},
	removeLogo: async ({ locals, url, params }) => {
		const { db } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		await setPracticeLogo(db, params.practiceId, null);
		return { ok: true, message: m.settings_logo_removed() };
	},
	accent: async ({ locals, url, params, request }) => {
		const { db } = await requirePractice(locals, url, params.practiceId, 'manageSettings');
		const form = parseForm(accentSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		await setPracticeAccentColor(db, params.practiceId, form.data.accentColor);
		return { ok: true, message: m.settings_accent_saved() };
	}
};
