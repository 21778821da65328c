import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { byName } from '$lib/format';
import { database } from '$lib/server/db';
import { createOrganisation, listOrganisationsOfUser } from '$lib/server/db/organisations';
import { nameField, parseForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await database();
	return {
		organisations: (await listOrganisationsOfUser(db, user.id)).sort((a, b) =>
			byName()(a.name, b.name)
		),
		// Set by the redirect after deleting an organisation, to say it went.
		deleted: url.searchParams.get('deleted') === 'organisation'
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const { db } = await database();
		const org = await createOrganisation(db, { name: form.data.name, ownerId: user.id });
		redirect(303, `/o/${org.id}`);
	}
};
