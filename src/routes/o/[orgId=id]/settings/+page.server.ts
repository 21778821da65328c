import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	accentSchema,
	logoUploadSchema,
	MAX_LOGO_BYTES,
	readLogoUpload
} from '$lib/server/branding';
import { recordAudit } from '$lib/server/db/audit';
import type { Db } from '$lib/server/db/connection';
import { getBranding, setAccentColor, setLogo } from '$lib/server/db/organisation-branding';
import {
	getOrganisation,
	renameOrganisation,
	setOrganisationSector
} from '$lib/server/db/organisations';
import { getBenchmarkSettings, setBenchmarkSettings } from '$lib/server/db/benchmark';
import {
	checkboxField,
	nameField,
	optionalLocaleField,
	optionalSectorField,
	optionalSizeBandField,
	parseForm
} from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { endPracticeAccess, getPracticeOfOrganisation } from '$lib/server/db/practices';
import { BRAND } from '$lib/domain/colours';
import { LANGUAGE_NAMES } from '$lib/domain/locale';
import { SECTORS } from '$lib/domain/sectors';
import { SIZE_BAND_IDS } from '$lib/domain/size-bands';
import { organisationLocale, setOrganisationLocale } from '$lib/server/db/locales';
import { AVAILABLE_LOCALES } from '$lib/server/locale';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** Records a change of the organisation's settings, in the transaction that makes it. */
function settingsChanged(
	trx: Db,
	organisationId: string,
	actorId: string,
	label: string,
	before: Record<string, unknown>,
	after: Record<string, unknown>
) {
	return recordAudit(trx, {
		organisationId,
		actorId,
		action: 'org.settings',
		subjectType: 'organisation',
		subjectId: organisationId,
		subjectLabel: label,
		before,
		after
	});
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, organisation } = await requireMember(locals, url, params.orgId, 'manageBranding');
	const [branding, benchmark, practice] = await Promise.all([
		getBranding(db, params.orgId),
		getBenchmarkSettings(db, params.orgId),
		getPracticeOfOrganisation(db, params.orgId)
	]);
	return {
		sizeBand: benchmark?.sizeBand ?? '',
		sizeBands: SIZE_BAND_IDS,
		benchmarkOptOut: benchmark?.optOut ?? false,
		// The practice this organisation is a client of, which its owners can end.
		clientOf: practice ?? null,
		sector: organisation.sector ?? '',
		sectors: SECTORS,
		hasLogo: !!branding?.logo,
		accentColor: branding?.accentColor ?? BRAND,
		maxLogoKb: Math.round(MAX_LOGO_BYTES / 1024),
		defaultLocale: (await organisationLocale(db, params.orgId)) ?? '',
		languages: AVAILABLE_LOCALES.map((locale) => ({ locale, name: LANGUAGE_NAMES[locale] }))
	};
};

/** The organisation's default language: one the app has, or none (English). */
const languageSchema = z.object({ defaultLocale: optionalLocaleField });

/** The organisation's sector, which decides the legal floors checked: one of the list, or none. */
const sectorSchema = z.object({ sector: optionalSectorField });

/** The organisation's size band and whether it contributes to benchmarks (docs/scoring.md). */
const benchmarkSchema = z.object({ sizeBand: optionalSizeBandField, optOut: checkboxField });

/** Ending the practice's access is confirmed by ticking that the practice loses all access. */
const endPracticeSchema = z.object({
	confirm: z.literal('yes', { error: () => m.settings_practice_unconfirmed() })
});

export const actions: Actions = {
	benchmark: async ({ locals, url, params, request }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		const form = parseForm(benchmarkSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const after = { sizeBand: form.data.sizeBand, optOut: form.data.optOut };
		await db.transaction().execute(async (trx) => {
			const before = await getBenchmarkSettings(trx, params.orgId);
			await setBenchmarkSettings(trx, params.orgId, after);
			if (before && (before.sizeBand !== after.sizeBand || before.optOut !== after.optOut))
				await settingsChanged(
					trx,
					params.orgId,
					user.id,
					organisation.name,
					{ sizeBand: before.sizeBand, benchmarkOptOut: before.optOut },
					{ sizeBand: after.sizeBand, benchmarkOptOut: after.optOut }
				);
		});
		return { ok: true, message: m.settings_benchmark_saved() };
	},
	/**
	 * Ends the access of the organisation's practice, for the organisation's own owners only: the
	 * practice's people had no membership and reach it no more; the practice keeps nothing.
	 */
	endPractice: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'endPracticeAccess');
		const form = parseForm(endPracticeSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const ended = await db.transaction().execute(async (trx) => {
			const practice = await endPracticeAccess(trx, params.orgId);
			if (practice)
				await recordAudit(trx, {
					organisationId: params.orgId,
					actorId: user.id,
					action: 'practice.end',
					subjectType: 'practice',
					subjectId: practice.id,
					subjectLabel: practice.name,
					before: { practice: practice.name },
					after: { practice: null }
				});
			return practice;
		});
		if (!ended) return fail(409, { message: m.settings_practice_none() });
		return { ok: true, message: m.settings_practice_ended({ practice: ended.name }) };
	},
	rename: async ({ locals, url, params, request }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		await db.transaction().execute(async (trx) => {
			const before = (await getOrganisation(trx, params.orgId))?.name ?? organisation.name;
			await renameOrganisation(trx, params.orgId, form.data.name);
			if (before !== form.data.name)
				await settingsChanged(
					trx,
					params.orgId,
					user.id,
					form.data.name,
					{ name: before },
					{
						name: form.data.name
					}
				);
		});
		return { ok: true, message: m.settings_renamed() };
	},
	logo: async ({ locals, url, params, request }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		const form = parseForm(logoUploadSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const checked = await readLogoUpload(form.data.logo);
		if (!checked.ok) return fail(checked.status, { message: checked.message });
		await db.transaction().execute(async (trx) => {
			const before = await getBranding(trx, params.orgId);
			await setLogo(trx, params.orgId, checked.logo);
			await settingsChanged(
				trx,
				params.orgId,
				user.id,
				organisation.name,
				{ logo: before?.logo?.type ?? null },
				{ logo: checked.logo.type }
			);
		});
		return { ok: true, message: m.settings_logo_saved() };
	},
	removeLogo: async ({ locals, url, params }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		await db.transaction().execute(async (trx) => {
			const before = await getBranding(trx, params.orgId);
			if (!before?.logo) return;
			await setLogo(trx, params.orgId, null);
			await settingsChanged(
				trx,
				params.orgId,
				user.id,
				organisation.name,
				{ logo: before.logo.type },
				{ logo: null }
			);
		});
		return { ok: true, message: m.settings_logo_removed() };
	},
	language: async ({ locals, url, params, request }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		const form = parseForm(languageSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { defaultLocale } = form.data;
		await db.transaction().execute(async (trx) => {
			const before = await organisationLocale(trx, params.orgId);
			await setOrganisationLocale(trx, params.orgId, defaultLocale);
			if (before !== defaultLocale)
				await settingsChanged(
					trx,
					params.orgId,
					user.id,
					organisation.name,
					{ defaultLocale: before },
					{ defaultLocale }
				);
		});
		return { ok: true, message: m.settings_language_saved() };
	},
	sector: async ({ locals, url, params, request }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		const form = parseForm(sectorSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { sector } = form.data;
		await db.transaction().execute(async (trx) => {
			const before = (await getOrganisation(trx, params.orgId))?.sector ?? null;
			await setOrganisationSector(trx, params.orgId, sector);
			if (before !== sector)
				await settingsChanged(
					trx,
					params.orgId,
					user.id,
					organisation.name,
					{ sector: before },
					{ sector }
				);
		});
		return { ok: true, message: m.settings_sector_saved() };
	},
	accent: async ({ locals, url, params, request }) => {
		const { db, user, organisation } = await requireMember(
			locals,
			url,
			params.orgId,
			'manageBranding'
		);
		const form = parseForm(accentSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { accentColor } = form.data;
		await db.transaction().execute(async (trx) => {
			const before = (await getBranding(trx, params.orgId))?.accentColor ?? null;
			await setAccentColor(trx, params.orgId, accentColor);
			if (before !== accentColor)
				await settingsChanged(
					trx,
					params.orgId,
					user.id,
					organisation.name,
					{ accentColor: before },
					{ accentColor }
				);
		});
		return { ok: true, message: m.settings_accent_saved() };
	}
};
