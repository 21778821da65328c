/**
 * Who may do what in an organisation. Pure, so the pages can hide what the server would refuse.
 *
 * | action           | owner | facilitator | member | viewer |
 * |------------------|-------|-------------|--------|--------|
 * | view             | yes   | yes         | yes    | yes    |
 * | answer           | yes   | yes         | yes    | no     |
 * | manageRounds     | yes   | yes         | no     | no     |
 * | manageStructure  | yes   | yes         | no     | no     |
 * | manageMembers    | yes   | no          | no     | no     |
 * | manageBranding   | yes   | no          | no     | no     |
 * | exportData       | yes   | yes         | no     | no     |
 * | reviewResponses  | yes   | no          | no     | no     |
 * | audit            | yes   | no          | no     | no     |
 * | erase            | yes   | no          | no     | no     |
 * | manageApiTokens  | yes   | no          | no     | no     |
 * | endPracticeAccess| yes   | no          | no     | no     |
 *
 * `audit` reads the organisation's audit log; `erase` deletes rounds and the organisation;
 * `manageApiTokens` makes and revokes the read API's tokens (docs/api.md);
 * `endPracticeAccess` ends the access of the organisation's practice (it stops being a client).
 * The people of a practice act in its client organisations with a role derived from their role
 * in the practice, without `erase` and `endPracticeAccess` (lib/domain/practice-permissions.ts).
 */
export const ROLES = ['owner', 'facilitator', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type Action =
	| 'view'
	| 'answer'
	| 'manageRounds'
	| 'manageStructure'
	| 'manageMembers'
	| 'manageBranding'
	| 'exportData'
	| 'reviewResponses'
	| 'audit'
	| 'erase'
	| 'manageApiTokens'
	| 'endPracticeAccess';

const ALLOWED: Record<Action, readonly Role[]> = {
	view: ROLES,
	answer: ['owner', 'facilitator', 'member'],
	manageRounds: ['owner', 'facilitator'],
	manageStructure: ['owner', 'facilitator'],
	manageMembers: ['owner'],
	manageBranding: ['owner'],
	exportData: ['owner', 'facilitator'],
	// Excluding and deleting responses changes every result: the owners answer for that.
	reviewResponses: ['owner'],
	audit: ['owner'],
	erase: ['owner'],
	// A token reads every round's results from outside the app: the owners answer for that.
	manageApiTokens: ['owner'],
	endPracticeAccess: ['owner']
};

/** `can('viewer', 'answer')` is false; `can('facilitator', 'manageRounds')` is true. */
export function can(role: Role, action: Action): boolean {
	return ALLOWED[action].includes(role);
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The smallest anonymity threshold a round may have, and the default. */
export const MIN_ANONYMITY_THRESHOLD = 3;
export const DEFAULT_ANONYMITY_THRESHOLD = 5;
