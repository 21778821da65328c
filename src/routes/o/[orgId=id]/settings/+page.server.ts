import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { checkLogo, isHexColor, MAX_LOGO_BYTES } from '$lib/server/branding';
import {
	getBranding,
	renameOrganisation,
	setAccentColor,
	setLogo
} from '$lib/server/db/organisations';
import { nameField, parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'manageBranding');
	const branding = await getBranding(db, params.orgId);
	return {
		hasLogo: !!branding?.logo,
		accentColor: branding?.accentColor ?? '#0f3d5e',
		maxLogoKb: Math.round(MAX_LOGO_BYTES / 1024)
	};
};

export const actions: Actions = {
	rename: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageBranding');
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		await renameOrganisation(db, params.orgId, form.data.name);
		return { ok: true, message: m.settings_renamed() };
	},
	logo: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageBranding');
		const file = (await request.formData()).get('logo');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { message: m.settings_logo_missing() });
		if (file.size > MAX_LOGO_BYTES)
			return fail(413, {
				message: m.settings_logo_too_large({ max: Math.round(MAX_LOGO_BYTES / 1024) })
			});
		const checked = checkLogo(new Uint8Array(await file.arrayBuffer()));
		if (!checked.ok) {
			const message =
				checked.reason === 'too-large'
					? m.settings_logo_too_large({ max: Math.round(MAX_LOGO_BYTES / 1024) })
					: checked.reason === 'corrupt'
						? m.settings_logo_corrupt()
						: m.settings_logo_not_image();
			return fail(400, { message });
		}
		await setLogo(db, params.orgId, checked.logo);
		return { ok: true, message: m.settings_logo_saved() };
	},
	removeLogo: async ({ locals, url, params }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageBranding');
		await setLogo(db, params.orgId, null);
		return { ok: true, message: m.settings_logo_removed() };
	},
	accent: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageBranding');
		const color = String((await request.formData()).get('accentColor') ?? '');
		if (!isHexColor(color)) return fail(400, { message: m.settings_accent_invalid() });
		await setAccentColor(db, params.orgId, color.toLowerCase());
		return { ok: true, message: m.settings_accent_saved() };
	}
};
