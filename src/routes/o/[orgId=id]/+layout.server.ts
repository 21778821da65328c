import { mayActInClient } from '$lib/domain/practice-permissions';
import { requireReader } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const { organisation, role, demo, practice } = await requireReader(locals, url, params.orgId);
	const access = { role, viaPractice: practice?.role ?? null };
	const can = (action: Parameters<typeof mayActInClient>[1]) => mayActInClient(access, action);
	return {
		organisation,
		role,
		// A visitor of the public demo reads it as a viewer; the page says it is the demo.
		demo,
		// Set when the reader acts here through the organisation's practice, without a membership.
		practice,
		abilities: {
			answer: can('answer'),
			manageRounds: can('manageRounds'),
			manageStructure: can('manageStructure'),
			manageMembers: can('manageMembers'),
			manageBranding: can('manageBranding'),
			exportData: can('exportData'),
			audit: can('audit'),
			erase: can('erase'),
			endPracticeAccess: can('endPracticeAccess'),
			manageApiTokens: can('manageApiTokens')
		}
	};
};
