/** Table types for Kysely. Columns are snake_case here and mapped to camelCase in each module. */
import type { Generated } from 'kysely';
import type { Importance, RoadmapStatus } from '$lib/domain/roadmap';
import type { RecordOutcome, WorkshopPace, WorkshopStatus } from '$lib/domain/workshop';

export interface MaturityModelsTable {
	id: string;
	model_key: string;
	version: string;
	name: string;
	/** The validated model as JSON. */
	content: string;
	is_default: Generated<number>;
	created_at: Generated<string>;
	/** The practice that owns this version, or null for the instance's models (migration 0018). */
	owner_practice_id: string | null;
	/** A draft can still change; a published version never does. */
	status: Generated<'draft' | 'published'>;
	/** The version this one was forked from, or null. */
	based_on_id: string | null;
	/** What changed in this version, in the author's words. */
	changelog: string | null;
	published_at: string | null;
}

export type Role = 'owner' | 'facilitator' | 'member' | 'viewer';

export interface UsersTable {
	id: string;
	email: string;
	display_name: string;
	password_hash: string;
	created_at: Generated<string>;
	/** The language the person chose (`en`, `bg`, `ru`, `ro`, `uk`), or null. */
	locale: string | null;
	/** When the person hid the first-run guide (migration 0015), or null. */
	guide_dismissed_at: string | null;
}

export interface SessionsTable {
	id: string;
	user_id: string;
	/** Unix seconds. */
	expires_at: number;
}

export interface OrganisationsTable {
	id: string;
	name: string;
	created_at: Generated<string>;
	logo: Uint8Array | null;
	logo_type: 'png' | 'jpeg' | null;
	accent_color: Generated<string>;
	/** The language for browsers that ask for none the app has, or null (English). */
	default_locale: string | null;
	/** 1 for the instance's public demo (at most one; migration 0015), which anyone may view. */
	public_demo: Generated<number>;
	/** The sector it works in (`SECTORS` in lib/domain/sectors.ts), or null (migration 0017). */
	sector: string | null;
	/** The size band the benchmark groups by, or null (migration 0018). */
	size_band: string | null;
	/** 1 when the organisation does not contribute to any benchmark. */
	benchmark_opt_out: Generated<number>;
}

export type PracticeRole = 'partner' | 'consultant';

/** A consultancy account (migration 0018). */
export interface PracticesTable {
	id: string;
	name: string;
	logo: Uint8Array | null;
	logo_type: 'png' | 'jpeg' | null;
	accent_color: Generated<string>;
	/** The contact line on the report's last page, or null. */
	contact: string | null;
	created_at: Generated<string>;
}

export interface PracticeMembersTable {
	practice_id: string;
	user_id: string;
	role: PracticeRole;
	created_at: Generated<string>;
}

/** A client organisation of a practice; an organisation has at most one practice. */
export interface PracticeClientsTable {
	practice_id: string;
	organisation_id: string;
	created_at: Generated<string>;
}

/** What accepting a practice invitation does (migration 0019). */
export type PracticeInviteKind = PracticeRole | 'client';

/** A practice invitation link: only its hash is stored; used once, before it expires. */
export interface PracticeInvitesTable {
	token_hash: string;
	practice_id: string;
	kind: PracticeInviteKind;
	created_by: string | null;
	created_at: Generated<string>;
	expires_at: string;
	used_at: string | null;
	used_by: string | null;
}

export interface MembershipsTable {
	organisation_id: string;
	user_id: string;
	role: Role;
	created_at: Generated<string>;
}

export interface MemberInvitesTable {
	token_hash: string;
	organisation_id: string;
	role: Role;
	created_by: string | null;
	created_at: Generated<string>;
	expires_at: string;
	used_at: string | null;
	used_by: string | null;
}

export interface NamedGroupTable {
	id: string;
	organisation_id: string;
	name: string;
	position: Generated<number>;
	archived: Generated<number>;
}

export type RoundStatus = 'draft' | 'open' | 'closed';

export interface RoundsTable {
	id: string;
	organisation_id: string;
	model_id: string;
	name: string;
	status: Generated<RoundStatus>;
	anonymity_threshold: Generated<number>;
	created_by: string | null;
	created_at: Generated<string>;
	opened_at: string | null;
	closed_at: string | null;
	/** The consultant's note on the report's cover (migration 0018), or null. */
	cover_note: string | null;
}

export interface ResponseLinksTable {
	token: string;
	round_id: string;
	department_id: string | null;
	role_level_id: string | null;
	created_at: Generated<string>;
	revoked_at: string | null;
	/** How many people the link was sent to, when the facilitator said; for response rates. */
	invited: number | null;
	/** The language the link's respondents read the questionnaire in, unless they choose otherwise. */
	locale: string | null;
}

export interface ResponsesTable {
	id: string;
	round_id: string;
	user_id: string | null;
	link_token: string | null;
	department_id: string | null;
	role_level_id: string | null;
	resume_token_hash: string;
	status: Generated<'draft' | 'submitted'>;
	created_at: Generated<string>;
	updated_at: Generated<string>;
	submitted_at: string | null;
	/** Set when an owner excluded the response from every result; null when it counts. */
	excluded_at: string | null;
}

export interface AnswersTable {
	response_id: string;
	question_id: string;
	level: number | null;
	/** 1 for "not applicable" (level null); see answer-rows.ts. */
	not_applicable: Generated<number>;
	note: string | null;
	updated_at: Generated<string>;
}

export interface TargetsTable {
	response_id: string;
	area_id: string;
	stage: number;
}

export interface ModelQuestionsTable {
	model_id: string;
	question_id: string;
	area_id: string;
}

export interface RoadmapItemsTable {
	round_id: string;
	recommendation_id: string;
	owner_id: string | null;
	/** "2027-Q1" */
	due_quarter: string | null;
	status: Generated<RoadmapStatus>;
	updated_at: Generated<string>;
}

/** How much an area of a round matters for the next 12 months; no row means not rated. */
export interface RoundAreaImportanceTable {
	round_id: string;
	area_id: string;
	importance: Importance;
	/** ISO-8601, UTC. */
	updated_at: string | null;
}

interface RoundSumKey {
	round_id: string;
	/** '' for responses without a department (key columns are never null). */
	department_key: string;
	role_level_key: string;
}

/** Responses per cell (department × role level); named before the sums' cells were. */
export interface RoundGroupSumsTable extends RoundSumKey {
	responses: number;
}

/** Submitted responses that left a cell of a round (excluded or deleted). */
export interface RoundRemovalsTable extends RoundSumKey {
	removed: number;
}

export interface RoundAreaSumsTable extends RoundSumKey {
	area_id: string;
	scored: number;
	sum: number;
	sum_sq: number;
	answered: number;
	not_applicable: Generated<number>;
	target_sum: number;
	target_count: number;
}

export interface RoundQuestionCountsTable extends RoundSumKey {
	question_id: string;
	level_1: number;
	level_2: number;
	level_3: number;
	level_4: number;
	dont_know: number;
	not_applicable: Generated<number>;
}

/** Counters of the sign-in throttle (lib/server/auth/throttle.ts); times are ISO-8601 text. */
export interface SignInAttemptsTable {
	/** 'signin-pair' (e-mail and address), 'signin-address', 'signup-address', 'password' (user). */
	scope: string;
	/** SHA-256 (hex) of what is counted. */
	subject: string;
	attempts: number;
	window_start: string;
	blocked_until: string;
	expires_at: string;
}

/** A change of a practice's settings (migration 0021). */
export interface PracticeAuditEventsTable {
	id: string;
	practice_id: string;
	/** Null after the account was deleted. */
	actor_id: string | null;
	/** The actor's display name when the change was made; null after the account was deleted. */
	actor_name: string | null;
	/** 'practice.settings' */
	action: string;
	/** The person a people event names under `person` (migration 0022); null for other events. */
	subject_id: string | null;
	before_json: string | null;
	after_json: string | null;
	/** ISO-8601, UTC, milliseconds. */
	created_at: string;
}

export interface AuditEventsTable {
	id: string;
	organisation_id: string;
	/** Null for changes made without an account, or after the account was deleted. */
	actor_id: string | null;
	/** The actor's display name when the change was made. */
	actor_name: string | null;
	/** 'round.status', 'member.role', 'roadmap.item', … */
	action: string;
	subject_type: string;
	subject_id: string | null;
	subject_label: string | null;
	before_json: string | null;
	after_json: string | null;
	/** ISO-8601, UTC, milliseconds. */
	created_at: string;
}

/** A live workshop (migration 0014; the state of `lib/domain/workshop.ts`). */
export interface WorkshopsTable {
	id: string;
	round_id: string;
	/** Six characters of JOIN_CODE_ALPHABET; unique among workshops not ended. */
	join_code: string;
	status: WorkshopStatus;
	paused_from: 'open' | 'revealed' | null;
	pace: WorkshopPace;
	/** JSON array of area ids, in the model's order. */
	areas: string;
	position: number;
	vote_round: number;
	require_group: number;
	small_group_opt_in: number;
	/** Grows with every change (command or vote); what events announce. */
	version: number;
	created_by: string | null;
	created_at: string;
	updated_at: string;
	ended_at: string | null;
	/** The current step's timer (migration 0016): its length, 15-1800, and its end (ISO); both null without one. */
	timer_seconds: number | null;
	timer_ends_at: string | null;
}

export interface WorkshopParticipantsTable {
	id: string;
	workshop_id: string;
	/** SHA-256 (hex) of the participant's token. */
	token_hash: string;
	name: string | null;
	department_id: string | null;
	role_level_id: string | null;
	joined_at: string;
	last_seen_at: string;
}

export interface WorkshopVotesTable {
	workshop_id: string;
	participant_id: string;
	question_id: string;
	vote_round: number;
	/** 1-4, or null for "don't know". */
	level: number | null;
	at: string;
}

export interface WorkshopRecordsTable {
	workshop_id: string;
	question_id: string;
	outcome: RecordOutcome;
	level: number | null;
	reason: string | null;
	vote_round: number;
	recorded_by: string | null;
	at: string;
}

/** A read API token of an organisation (migration 0020); only its SHA-256 is stored. */
export interface ApiTokensTable {
	id: string;
	organisation_id: string;
	name: string;
	/** SHA-256 (hex) of the token. */
	token_hash: string;
	/** Null after the creator's account is deleted. */
	created_by: string | null;
	created_at: Generated<string>;
	/** ISO-8601 when revoked; a revoked token never works again. */
	revoked_at: string | null;
}

/** A token's fixed-window request counter and last use (migration 0020), one row per token. */
export interface ApiTokenUsageTable {
	token_id: string;
	/** The current window's start, whole seconds since the epoch. */
	window_start: number;
	requests: number;
	/** ISO-8601, UTC. */
	last_used_at: string;
}

export interface Database {
	maturity_models: MaturityModelsTable;
	users: UsersTable;
	sessions: SessionsTable;
	organisations: OrganisationsTable;
	memberships: MembershipsTable;
	member_invites: MemberInvitesTable;
	departments: NamedGroupTable;
	role_levels: NamedGroupTable;
	rounds: RoundsTable;
	response_links: ResponseLinksTable;
	responses: ResponsesTable;
	answers: AnswersTable;
	targets: TargetsTable;
	model_questions: ModelQuestionsTable;
	roadmap_items: RoadmapItemsTable;
	round_area_importance: RoundAreaImportanceTable;
	round_group_sums: RoundGroupSumsTable;
	round_area_sums: RoundAreaSumsTable;
	round_question_counts: RoundQuestionCountsTable;
	round_removals: RoundRemovalsTable;
	sign_in_attempts: SignInAttemptsTable;
	audit_events: AuditEventsTable;
	practice_audit_events: PracticeAuditEventsTable;
	workshops: WorkshopsTable;
	workshop_participants: WorkshopParticipantsTable;
	workshop_votes: WorkshopVotesTable;
	workshop_records: WorkshopRecordsTable;
	practices: PracticesTable;
	practice_members: PracticeMembersTable;
	practice_clients: PracticeClientsTable;
	api_tokens: ApiTokensTable;
	api_token_usage: ApiTokenUsageTable;
	practice_invites: PracticeInvitesTable;
}
