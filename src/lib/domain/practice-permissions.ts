/**
 * Who may do what in a practice (a consultancy account serving client organisations), and how its
 * people act in the practice's clients. Pure, so the pages can hide what the server would refuse.
 *
 * In the practice:
 *
 * | action         | partner | consultant |
 * |----------------|---------|------------|
 * | view           | yes     | yes        |
 * | createClient   | yes     | yes        |
 * | inviteClient   | yes     | no         |
 * | managePeople   | yes     | no         |
 * | manageSettings | yes     | no         |
 * | manageModels   | yes     | yes        |
 *
 * `view` reads the overview, the people and the clients; `createClient` creates a new client
 * organisation; `inviteClient` makes a link an owner of an existing organisation accepts to become
 * a client; `managePeople` invites partners and consultants, changes their roles and removes them
 * (the last partner stays); `manageSettings` changes the name, logo, accent colour and contact line;
 * `manageModels` forks, edits, imports, publishes and compares the practice's models.
 *
 * In a client organisation, the practice's people have no membership: their role there is derived
 * from their role in the practice (`clientRoleOf`), and the actions only the client's own people
 * take (`WITHHELD_FROM_PRACTICE`) are never theirs (`mayActInClient`):
 *
 * | practice role | role in a client | withheld                   |
 * |---------------|------------------|----------------------------|
 * | partner       | owner            | erase, endPracticeAccess   |
 * | consultant    | facilitator      | (a facilitator has neither) |
 */
import { can, type Action, type Role } from './permissions';

export const PRACTICE_ROLES = ['partner', 'consultant'] as const;
export type PracticeRole = (typeof PRACTICE_ROLES)[number];

export type PracticeAction =
	'view' | 'createClient' | 'inviteClient' | 'managePeople' | 'manageSettings' | 'manageModels';

const ALLOWED: Record<PracticeAction, readonly PracticeRole[]> = {
	view: PRACTICE_ROLES,
	createClient: PRACTICE_ROLES,
	inviteClient: ['partner'],
	managePeople: ['partner'],
	manageSettings: ['partner'],
	manageModels: PRACTICE_ROLES
};

/** `canInPractice('consultant', 'managePeople')` is false. */
export function canInPractice(role: PracticeRole, action: PracticeAction): boolean {
	return ALLOWED[action].includes(role);
}

export function isPracticeRole(value: unknown): value is PracticeRole {
	return typeof value === 'string' && (PRACTICE_ROLES as readonly string[]).includes(value);
}

const CLIENT_ROLE: Record<PracticeRole, Role> = { partner: 'owner', consultant: 'facilitator' };

/** The role a practice's person acts with in a client organisation: partner → owner, consultant → facilitator. */
export function clientRoleOf(role: PracticeRole): Role {
	return CLIENT_ROLE[role];
}

/** What only a client's own people do: delete the organisation (or rounds) and end the practice's access. */
export const WITHHELD_FROM_PRACTICE: readonly Action[] = ['erase', 'endPracticeAccess'];

/**
 * Someone's access to an organisation: their role there, and the practice role it comes from when
 * they have it through the organisation's practice rather than a membership (null for a member).
 */
export interface Access {
	role: Role;
	viaPractice: PracticeRole | null;
}

/** May this access take the action? A member as their role allows; a practice's person also never the withheld ones. */
export function mayActInClient(access: Access, action: Action): boolean {
	if (access.viaPractice && WITHHELD_FROM_PRACTICE.includes(action)) return false;
	return can(access.role, action);
}
