import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { legalCheckView } from '$lib/domain/legal-findings';
import { DEFAULT_ANONYMITY_THRESHOLD } from '$lib/domain/permissions';
import { roundSummaryView } from '$lib/domain/round-page';
import { currentLocale } from '$lib/i18n';
import { loadDashboard } from '$lib/server/dashboard';
import { createRound, listRounds, type Round } from '$lib/server/db/rounds';
import { recordAudit } from '$lib/server/db/audit';
import { getDefaultModel, getModel } from '$lib/server/db/models';
import { benchmarkView } from '$lib/domain/benchmark';
import { loadBenchmark } from '$lib/server/benchmark';
import { listUsableModels } from '$lib/server/db/practice-models';
import { can } from '$lib/domain/permissions';
import { m } from '$lib/paraglide/messages';
import { nameField, parseForm, thresholdField } from '$lib/server/forms';
import { requireMember, requireReader } from '$lib/server/guards';
import { loadFirstRunGuide } from '$lib/server/first-run';
import { loadConsensusSummary } from '$lib/server/workshop-record';
import type { Db } from '$lib/server/db/connection';
import type { Actions, PageServerLoad } from './$types';

/**
 * The latest round's answers below a legal floor of the organisation's sector (docs/scoring.md
 * rule 24b), from the team results when the round may show them; null otherwise.
 */
async function latestLegal(db: Db, round: Round) {
	const { stored, dashboard } = await loadDashboard(db, round);
	const legal =
		dashboard.results && legalCheckView(stored.model, dashboard.results.legal, currentLocale());
	return legal && legal.findings.length > 0 ? { roundId: round.id, ...legal } : null;
}

/** The latest round's benchmark against the whole scope (no filter); null without one. */
async function latestBenchmark(db: Db, round: Round) {
	const stored = await getModel(db, round.modelId);
	if (!stored) return null;
	const benchmark = await loadBenchmark(db, round, stored.model, {
		sameSector: false,
		sameSize: false
	});
	return (
		benchmark && { roundId: round.id, ...benchmarkView(stored.model, benchmark, currentLocale()) }
	);
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, user, demo, organisation, role } = await requireReader(locals, url, params.orgId);
	const [rounds, guide] = await Promise.all([
		listRounds(db, params.orgId),
		// Not on the public demo's pages for someone visiting it.
		loadFirstRunGuide(db, demo === 'visitor' ? null : user)
	]);
	const latest = rounds[0];
	return {
		guide,
		// Only with a sector: without one no legal floor is checked.
		legal: latest && organisation.sector ? await latestLegal(db, latest) : null,
		// Set by the redirect after deleting a round, to say it went.
		deleted: url.searchParams.get('deleted') === 'round',
		rounds: rounds.map(roundSummaryView),
		// The latest round's workshop consensus beside its individual answers, when it has a record.
		consensus: latest
			? await loadConsensusSummary(db, latest).then((c) => c && { roundId: latest.id, ...c })
			: null,
		/** Statistics of other organisations only (docs/security.md). */
		benchmark: latest ? await latestBenchmark(db, latest) : null,
		defaultThreshold: DEFAULT_ANONYMITY_THRESHOLD,
		// The published versions a new round may pin: the instance's and the organisation's
		// practice's (never a draft); only for those who start rounds.
		models:
			demo !== 'visitor' && can(role, 'manageRounds')
				? (await listUsableModels(db, organisation.id)).map((v) => ({
						id: v.id,
						label: `${v.name} ${v.version}`
					}))
				: []
	};
};

export const actions: Actions = {
	createRound: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageRounds');
		const form = parseForm(
			z.object({
				name: nameField,
				threshold: thresholdField,
				modelId: z.string().max(200).optional()
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		// A chosen version must be one this organisation may use; none chosen is the default.
		const model = form.data.modelId
			? (await listUsableModels(db, params.orgId)).find((v) => v.id === form.data.modelId)
			: await getDefaultModel(db);
		if (!model)
			return fail(400, {
				message: m.rounds_model_invalid(),
				errors: {}
			});
		const round = await db.transaction().execute(async (trx) => {
			const created = await createRound(trx, {
				organisationId: params.orgId,
				modelId: model.id,
				name: form.data.name,
				anonymityThreshold: form.data.threshold,
				createdBy: user.id
			});
			await recordAudit(trx, {
				organisationId: params.orgId,
				actorId: user.id,
				action: 'round.create',
				subjectType: 'round',
				subjectId: created.id,
				subjectLabel: created.name,
				before: null,
				after: { name: created.name, threshold: created.anonymityThreshold }
			});
			return created;
		});
		redirect(303, `/o/${params.orgId}/rounds/${round.id}`);
	}
};
