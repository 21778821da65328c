import { can } from '$lib/domain/permissions';
import { requireReader } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const { organisation, role, demo } = await requireReader(locals, url, params.orgId);
	return {
		organisation,
		role,
		// A visitor of the public demo reads it as a viewer; the page says it is the demo.
		demo,
		abilities: {
			answer: can(role, 'answer'),
			manageRounds: can(role, 'manageRounds'),
			manageStructure: can(role, 'manageStructure'),
			manageMembers: can(role, 'manageMembers'),
			manageBranding: can(role, 'manageBranding'),
			exportData: can(role, 'exportData'),
			audit: can(role, 'audit'),
			erase: can(role, 'erase'),
			manageApiTokens: can(role, 'manageApiTokens')
		}
	};
};
