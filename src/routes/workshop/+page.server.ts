import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { MAX_NAME } from '$lib/domain/limits';
import { database } from '$lib/server/db';
import { listGroups } from '$lib/server/db/groups';
import {
	findWorkshopByCode,
	joinAndAnnounce,
	loadWorkshop,
	normaliseJoinCode
} from '$lib/server/db/workshops';
import { parseForm } from '$lib/server/forms';
import { pubsub } from '$lib/server/pubsub-shared';
import { refusalMessage, setParticipantCookie, workshopPath } from '$lib/server/workshop-access';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** The workshop a typed code opens, with what joining it asks for; undefined for a bad code. */
async function workshopOfCode(input: string) {
	const { db } = await database();
	const found = await findWorkshopByCode(db, input);
	if (!found) return undefined;
	const workshop = await loadWorkshop(db, found.roundId, found.workshopId);
	if (!workshop) return undefined;
	const [departments, roleLevels] = await Promise.all([
		listGroups(db, 'departments', workshop.organisationId),
		listGroups(db, 'role_levels', workshop.organisationId)
	]);
	return {
		code: workshop.joinCode,
		requireGroup: workshop.state.requireGroup,
		departments: departments.map((g) => ({ id: g.id, name: g.name })),
		roleLevels: roleLevels.map((g) => ({ id: g.id, name: g.name }))
	};
}

/**
 * Joining a workshop: the code first (typed, or from the QR code's `?code=`), then an optional
 * name and, when the facilitator asked for it, a department and role level. No account.
 */
export const load: PageServerLoad = async ({ url }) => {
	const typed = url.searchParams.get('code')?.slice(0, 32) ?? '';
	if (!typed) return { typed, workshop: null, codeError: null };
	const workshop = normaliseJoinCode(typed) ? await workshopOfCode(typed) : undefined;
	return workshop
		? { typed, workshop, codeError: null }
		: { typed, workshop: null, codeError: m.workshop_join_bad_code() };
};

const optionalId = z
	.string()
	.max(64)
	.optional()
	.transform((v) => v || null);

export const actions: Actions = {
	join: async ({ request, cookies, url }) => {
		const form = parseForm(
			z.object({
				code: z.string({ error: () => m.workshop_join_bad_code() }).max(32),
				name: z
					.string()
					.max(MAX_NAME, { error: () => m.form_name_too_long({ max: MAX_NAME }) })
					.optional(),
				departmentId: optionalId,
				roleLevelId: optionalId
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const { db } = await database();
		const joined = await joinAndAnnounce(db, pubsub(), form.data);
		if (!joined.ok) {
			const refusal =
				joined.reason === 'not-found'
					? { status: 404, message: m.workshop_join_bad_code() }
					: refusalMessage(joined.reason);
			return fail(refusal.status, { message: refusal.message });
		}
		const { participant, token } = joined.value;
		setParticipantCookie(cookies, url, participant.workshopId, token);
		redirect(303, workshopPath(participant.workshopId));
	}
};
