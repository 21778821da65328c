import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { byName } from '$lib/format';
import { database } from '$lib/server/db';
import { dismissGuide } from '$lib/server/db/first-run';
import { createOrganisation, listOrganisationsOfUser } from '$lib/server/db/organisations';
import { createPractice, listPracticeClients, listPracticesOfUser } from '$lib/server/db/practices';
import { loadFirstRunGuide } from '$lib/server/first-run';
import { nameField, parseForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { db } = await database();
	const [organisations, guide, practices] = await Promise.all([
		listOrganisationsOfUser(db, user.id),
		loadFirstRunGuide(db, user),
		listPracticesOfUser(db, user.id)
	]);
	const clients = await listPracticeClients(
		db,
		practices.map((p) => p.id)
	);
	return {
		organisations: organisations.sort((a, b) => byName()(a.name, b.name)),
		// The user's practices, each with its clients (which they reach through the practice).
		practices: practices.map((p) => ({
			...p,
			clients: clients
				.filter((c) => c.practiceId === p.id)
				.map((c) => ({ id: c.id, name: c.name }))
				.sort((a, b) => byName()(a.name, b.name))
		})),
		// "Run your first assessment in five minutes", until it is done or hidden.
		guide,
		// Set by the redirect after deleting an organisation, to say it went.
		deleted: url.searchParams.get('deleted') === 'organisation'
	};
};

/** The pages that show the guide, where hiding it goes back to; anything else goes to /orgs. */
const GUIDE_PAGES = /^\/(orgs|o\/[a-z0-9]+(\/rounds\/[a-z0-9]+)?)?$/;

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const { db } = await database();
		const org = await createOrganisation(db, { name: form.data.name, ownerId: user.id });
		redirect(303, `/o/${org.id}`);
	},
	/** Creates a practice; its creator is its first partner. */
	createPractice: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = parseForm(z.object({ name: nameField }), await request.formData());
		if (!form.ok)
			return fail(400, { message: form.message, errors: form.errors, practiceForm: true });
		const { db } = await database();
		const practice = await createPractice(db, { name: form.data.name, partnerId: user.id });
		redirect(303, `/p/${practice.id}`);
	},
	/** Hides the first-run guide for good; posted from every page that shows it. */
	dismissGuide: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = parseForm(
			z.object({ next: z.string().max(200).optional() }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const { db } = await database();
		await dismissGuide(db, user.id);
		const next = form.data.next;
		redirect(303, next && GUIDE_PAGES.test(next) ? next : '/orgs');
	}
};
