import { describe, expect, it } from 'vitest';
import { ROLES, can, type Action } from '../../src/lib/domain/permissions';
import {
	PRACTICE_ROLES,
	WITHHELD_FROM_PRACTICE,
	canInPractice,
	clientRoleOf,
	isPracticeRole,
	mayActInClient,
	type PracticeAction,
	type PracticeRole
} from '../../src/lib/domain/practice-permissions';
import { isSizeBand, toSizeBand } from '../../src/lib/domain/size-bands';

const ACTIONS: Action[] = [
	'view',
	'answer',
	'manageRounds',
	'manageStructure',
	'manageMembers',
	'manageBranding',
	'exportData',
	'reviewResponses',
	'audit',
	'erase',
	'endPracticeAccess'
];

describe('the practice permission table', () => {
	// The table of lib/domain/practice-permissions.ts, row by row.
	const table: Array<[PracticeAction, boolean, boolean]> = [
		['view', true, true],
		['createClient', true, true],
		['inviteClient', true, false],
		['managePeople', true, false],
		['manageSettings', true, false],
		['manageModels', true, true]
	];
	it.each(table)('%s: partner %s, consultant %s', (action, partner, consultant) => {
		expect(canInPractice('partner', action)).toBe(partner);
		expect(canInPractice('consultant', action)).toBe(consultant);
	});

	it('knows its roles', () => {
		expect(PRACTICE_ROLES.filter(isPracticeRole)).toEqual(['partner', 'consultant']);
		expect(isPracticeRole('owner')).toBe(false);
		expect(isPracticeRole(undefined)).toBe(false);
	});
});

describe('the role derived in a client organisation', () => {
	it('makes a partner an owner and a consultant a facilitator', () => {
		expect(clientRoleOf('partner')).toBe('owner');
		expect(clientRoleOf('consultant')).toBe('facilitator');
	});

	const rows = PRACTICE_ROLES.flatMap((practiceRole) =>
		ACTIONS.map((action) => [practiceRole, action] as [PracticeRole, Action])
	);
	it.each(rows)('a %s may %s as the derived role allows, less what is withheld', (role, action) => {
		const derived = clientRoleOf(role);
		const expected = can(derived, action) && !WITHHELD_FROM_PRACTICE.includes(action);
		expect(mayActInClient({ role: derived, viaPractice: role }, action)).toBe(expected);
	});

	it('never lets a practice erase the organisation or end its own access', () => {
		for (const role of PRACTICE_ROLES) {
			const access = { role: clientRoleOf(role), viaPractice: role };
			expect(mayActInClient(access, 'erase')).toBe(false);
			expect(mayActInClient(access, 'endPracticeAccess')).toBe(false);
		}
		expect(mayActInClient({ role: 'owner', viaPractice: 'partner' }, 'manageMembers')).toBe(true);
		expect(mayActInClient({ role: 'facilitator', viaPractice: 'consultant' }, 'manageRounds')).toBe(
			true
		);
		expect(
			mayActInClient({ role: 'facilitator', viaPractice: 'consultant' }, 'manageBranding')
		).toBe(false);
	});

	it("leaves a member's own role as the organisation's table says", () => {
		for (const role of ROLES)
			for (const action of ACTIONS)
				expect(mayActInClient({ role, viaPractice: null }, action), `${role} ${action}`).toBe(
					can(role, action)
				);
		expect(can('owner', 'endPracticeAccess')).toBe(true);
		expect(can('facilitator', 'endPracticeAccess')).toBe(false);
	});
});

describe('size bands', () => {
	it('reads only known values', () => {
		expect(isSizeBand('medium')).toBe(true);
		expect(toSizeBand('huge')).toBeNull();
		expect(toSizeBand(null)).toBeNull();
		expect(toSizeBand('large')).toBe('large');
	});
});
