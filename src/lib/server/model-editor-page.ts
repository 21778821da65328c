/** The reads every page of the model editor starts from: the version, and the language edited. */
import { error } from '@sveltejs/kit';
import { BASE_LOCALE, type Locale } from '$lib/domain/model';
import { modelLanguages } from '$lib/domain/model-lineage';
import { getPracticeModel, listPracticeModels } from '$lib/server/db/practice-models';
import { requirePractice } from '$lib/server/practice-guards';
import { latestVersion, nextMinorVersion } from '$lib/domain/model-lineage';

export async function loadEditedVersion(
	locals: App.Locals,
	url: URL,
	params: { practiceId: string; modelId: string }
) {
	const access = await requirePractice(locals, url, params.practiceId, 'manageModels');
	const version = await getPracticeModel(access.db, access.practice.id, params.modelId);
	if (!version) error(404, { message: 'Not found' });
	const languages = modelLanguages(version.model);
	const asked = url.searchParams.get('lang');
	const locale: Locale = languages.find((l) => l === asked) ?? BASE_LOCALE;
	return { ...access, version, languages, locale };
}

/** The version's header: what every editor page shows above its forms. */
export async function versionHeader(loaded: Awaited<ReturnType<typeof loadEditedVersion>>) {
	const { db, practice, version, languages, locale } = loaded;
	const own = (await listPracticeModels(db, practice.id)).filter((v) => v.practiceId !== null);
	const latest = latestVersion(own.map((v) => v.version));
	return {
		practice,
		version: {
			id: version.id,
			key: version.key,
			version: version.version,
			name: version.model.name[locale] ?? version.model.name.en,
			status: version.status,
			own: version.practiceId !== null,
			editable: version.practiceId === practice.id && version.status === 'draft',
			basedOnId: version.basedOnId,
			changelog: version.changelog,
			publishedAt: version.publishedAt
		},
		languages,
		locale,
		suggestedVersion: latest ? nextMinorVersion(latest) : nextMinorVersion(version.version)
	};
}
