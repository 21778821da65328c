import { canInPractice } from '$lib/domain/practice-permissions';
import { requirePractice } from '$lib/server/practice-guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const { practice, role } = await requirePractice(locals, url, params.practiceId, 'view');
	return {
		practice: { id: practice.id, name: practice.name },
		practiceRole: role,
		abilities: {
			createClient: canInPractice(role, 'createClient'),
			inviteClient: canInPractice(role, 'inviteClient'),
			managePeople: canInPractice(role, 'managePeople'),
			manageSettings: canInPractice(role, 'manageSettings'),
			manageModels: canInPractice(role, 'manageModels')
		}
	};
};
