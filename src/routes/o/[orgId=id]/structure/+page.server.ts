import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { addGroup, archiveGroup, listGroups, renameGroup } from '$lib/server/db/organisations';
import { nameField, parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'manageStructure');
	const [departments, roleLevels] = await Promise.all([
		listGroups(db, 'departments', params.orgId),
		listGroups(db, 'role_levels', params.orgId)
	]);
	return { departments, roleLevels };
};

const kindField = z.enum(['departments', 'role_levels'], { error: () => m.error_unknown_kind() });

export const actions: Actions = {
	add: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageStructure');
		const form = parseForm(
			z.object({ kind: kindField, name: nameField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const added = await addGroup(db, form.data.kind, params.orgId, form.data.name);
		if (!added) return fail(400, { message: m.structure_name_taken() });
		return { ok: true, message: m.structure_added({ name: added.name }) };
	},
	rename: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageStructure');
		const form = parseForm(
			z.object({ kind: kindField, id: z.string().min(1), name: nameField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		if (!(await renameGroup(db, form.data.kind, params.orgId, form.data.id, form.data.name)))
			return fail(400, { message: m.structure_rename_failed() });
		return { ok: true, message: m.structure_renamed() };
	},
	archive: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageStructure');
		const form = parseForm(
			z.object({ kind: kindField, id: z.string().min(1) }),
			await request.formData()
		);
		if (!form.ok || !(await archiveGroup(db, form.data.kind, params.orgId, form.data.id)))
			return fail(404, { message: m.structure_unknown() });
		return { ok: true, message: m.structure_archived() };
	}
};
