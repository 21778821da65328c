import { diffModels, diffSummary } from '$lib/domain/model-diff';
import { getPracticeModel, listPracticeModels } from '$lib/server/db/practice-models';
import { requirePractice } from '$lib/server/practice-guards';
import type { PageServerLoad } from './$types';

/** Two versions the practice sees, compared; ids it does not see are reported as not found. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, practice } = await requirePractice(locals, url, params.practiceId, 'manageModels');
	const versions = (await listPracticeModels(db, practice.id)).map((v) => ({
		id: v.id,
		label: `${v.name} ${v.version}`
	}));
	const fromId = url.searchParams.get('from')?.slice(0, 200) ?? '';
	const toId = url.searchParams.get('to')?.slice(0, 200) ?? '';
	const base = { practice, versions, fromId, toId };
	if (!fromId || !toId) return { ...base, diff: null, missing: false };
	const [from, to] = await Promise.all([
		getPracticeModel(db, practice.id, fromId),
		getPracticeModel(db, practice.id, toId)
	]);
	if (!from || !to) return { ...base, diff: null, missing: true };
	const changes = diffModels(from.model, to.model);
	const areaNames = Object.fromEntries(
		[...from.model.areas, ...to.model.areas].map((a) => [a.id, a.name.en])
	);
	return {
		...base,
		missing: false,
		diff: { changes, summary: diffSummary(changes), areaNames }
	};
};
