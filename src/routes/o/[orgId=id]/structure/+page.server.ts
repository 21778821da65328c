import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { recordAudit } from '$lib/server/db/audit';
import type { Db } from '$lib/server/db/connection';
import {
	addGroup,
	archiveGroup,
	getGroup,
	listGroups,
	renameGroup,
	type GroupTable
} from '$lib/server/db/groups';
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

/** Records a change of a department or role level, in the transaction that makes it. */
function structureChanged(
	trx: Db,
	kind: GroupTable,
	verb: 'create' | 'rename' | 'archive',
	change: { organisationId: string; actorId: string; id: string; name: string },
	before: Record<string, unknown> | null,
	after: Record<string, unknown>
) {
	const subjectType = kind === 'departments' ? 'department' : 'roleLevel';
	return recordAudit(trx, {
		organisationId: change.organisationId,
		actorId: change.actorId,
		action: `structure.${subjectType}.${verb}`,
		subjectType,
		subjectId: change.id,
		subjectLabel: change.name,
		before,
		after
	});
}

export const actions: Actions = {
	add: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageStructure');
		const form = parseForm(
			z.object({ kind: kindField, name: nameField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const { kind, name } = form.data;
		const added = await db.transaction().execute(async (trx) => {
			const group = await addGroup(trx, kind, params.orgId, name);
			if (group)
				await structureChanged(
					trx,
					kind,
					'create',
					{ organisationId: params.orgId, actorId: user.id, ...group },
					null,
					{ name: group.name }
				);
			return group;
		});
		if (!added) return fail(400, { message: m.structure_name_taken() });
		return { ok: true, message: m.structure_added({ name: added.name }) };
	},
	rename: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageStructure');
		const form = parseForm(
			z.object({ kind: kindField, id: z.string().min(1), name: nameField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const { kind, id, name } = form.data;
		const renamed = await db.transaction().execute(async (trx) => {
			const before = await getGroup(trx, kind, params.orgId, id);
			if (!before || !(await renameGroup(trx, kind, params.orgId, id, name))) return false;
			if (before.name !== name.trim())
				await structureChanged(
					trx,
					kind,
					'rename',
					{ organisationId: params.orgId, actorId: user.id, id, name: name.trim() },
					{ name: before.name },
					{ name: name.trim() }
				);
			return true;
		});
		if (!renamed) return fail(400, { message: m.structure_rename_failed() });
		return { ok: true, message: m.structure_renamed() };
	},
	archive: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageStructure');
		const form = parseForm(
			z.object({ kind: kindField, id: z.string().min(1) }),
			await request.formData()
		);
		if (!form.ok) return fail(404, { message: m.structure_unknown() });
		const { kind, id } = form.data;
		const archived = await db.transaction().execute(async (trx) => {
			const before = await getGroup(trx, kind, params.orgId, id);
			if (!before || !(await archiveGroup(trx, kind, params.orgId, id))) return false;
			if (!before.archived)
				await structureChanged(
					trx,
					kind,
					'archive',
					{ organisationId: params.orgId, actorId: user.id, id, name: before.name },
					{ archived: false },
					{ archived: true }
				);
			return true;
		});
		if (!archived) return fail(404, { message: m.structure_unknown() });
		return { ok: true, message: m.structure_archived() };
	}
};
