/**
 * Deleting an organisation, for owners: the page counts what goes, and the organisation's name
 * typed exactly confirms. Everything in it goes, its audit log included; accounts stay.
 */
import { fail, redirect } from '@sveltejs/kit';
import { countOrganisationContents, deleteOrganisation } from '$lib/server/db/organisations';
import { confirmNameSchema, parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'erase');
	return { contents: await countOrganisationContents(db, params.orgId) };
};

export const actions: Actions = {
	delete: async ({ locals, url, params, request }) => {
		const { db, organisation } = await requireMember(locals, url, params.orgId, 'erase');
		const form = parseForm(
			confirmNameSchema(organisation.name, () => m.org_delete_mismatch()),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		await deleteOrganisation(db, organisation.id);
		redirect(303, '/orgs?deleted=organisation');
	}
};
