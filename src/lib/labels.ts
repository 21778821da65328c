/** Labels for values that come from code (roles, statuses), in the reader's language. */
import { decimal } from '$lib/format';
import { getLocale } from '$lib/paraglide/runtime';
import { LANGUAGE_NAMES, toLocale } from '$lib/domain/locale';
import { m } from '$lib/paraglide/messages';
import { isRole, type Role } from '$lib/domain/permissions';
import { isSector, type Sector } from '$lib/domain/sectors';
import { isSizeBand, type SizeBand } from '$lib/domain/size-bands';
import {
	BENCHMARK_MINIMUM,
	type AreaBenchmarkView,
	type BenchmarkView
} from '$lib/domain/benchmark';
import { isPracticeRole, type PracticeRole } from '$lib/domain/practice-permissions';
import {
	IMPORTANCES,
	ROADMAP_STATUSES,
	type Importance,
	type RoadmapStatus
} from '$lib/domain/roadmap';

export function roleLabel(role: Role): string {
	return {
		owner: m.role_owner,
		facilitator: m.role_facilitator,
		member: m.role_member,
		viewer: m.role_viewer
	}[role]();
}

/** A role in a practice: "Partner", "Consultant". */
export function practiceRoleLabel(role: PracticeRole): string {
	return { partner: m.practice_role_partner, consultant: m.practice_role_consultant }[role]();
}

/** What an invitation of a practice is for: "Partner", "Consultant", "Client". */
export function practiceInviteKindLabel(kind: PracticeRole | 'client'): string {
	return kind === 'client' ? m.practice_invite_kind_client() : practiceRoleLabel(kind);
}

/** An organisation's sector ('consumer-credit' → "Consumer credit"); the PDF passes its language. */
export function sectorLabel(
	sector: Sector,
	options?: Parameters<typeof m.sector_banking>[1]
): string {
	return {
		banking: m.sector_banking,
		insurance: m.sector_insurance,
		'consumer-credit': m.sector_consumer_credit,
		payments: m.sector_payments,
		telecoms: m.sector_telecoms,
		energy: m.sector_energy,
		water: m.sector_water,
		transport: m.sector_transport,
		health: m.sector_health,
		'public-sector': m.sector_public_sector,
		retail: m.sector_retail,
		'online-retail': m.sector_online_retail,
		hospitality: m.sector_hospitality,
		software: m.sector_software,
		logistics: m.sector_logistics,
		education: m.sector_education,
		other: m.sector_other
	}[sector]({}, options);
}

/** An organisation's size band with its employees ('small' → "Small (10–49 employees)"). */
export function sizeBandLabel(
	band: SizeBand,
	options?: Parameters<typeof m.size_band_micro>[1]
): string {
	return {
		micro: m.size_band_micro,
		small: m.size_band_small,
		medium: m.size_band_medium,
		large: m.size_band_large
	}[band]({}, options);
}

/** Whom a benchmark compares with: "the clients of Balkan CX Partners, sector Banking". */
export function benchmarkScopeLabel(
	view: Pick<BenchmarkView, 'scope' | 'sector' | 'sizeBand'>,
	options?: Parameters<typeof m.benchmark_scope_instance>[1]
): string {
	let scope =
		view.scope.kind === 'practice'
			? m.benchmark_scope_practice({ practice: view.scope.name }, options)
			: m.benchmark_scope_instance({}, options);
	if (view.sector)
		scope = m.benchmark_scope_sector({ scope, sector: sectorLabel(view.sector, options) }, options);
	if (view.sizeBand)
		scope = m.benchmark_scope_size({ scope, band: sizeBandLabel(view.sizeBand, options) }, options);
	return scope;
}

/**
 * Why no area of a benchmark is shown, in words a consultant can act on: the model version the
 * round used (only rounds on it count) and, when the comparison is narrowed, that it is. It gives no
 * figure of any other organisation, not even how many there are.
 */
export function benchmarkWithheldReason(
	view: Pick<BenchmarkView, 'model' | 'sector' | 'sizeBand'>,
	options?: Parameters<typeof m.benchmark_none_reason>[1]
): string {
	const reason = m.benchmark_none_reason(
		{ model: view.model.name, version: view.model.version, min: BENCHMARK_MINIMUM },
		options
	);
	return view.sector || view.sizeBand
		? `${reason} ${m.benchmark_none_filtered({}, options)}`
		: reason;
}

/** One area of a benchmark in a sentence, or why it is not shown. */
export function benchmarkAreaLabel(
	area: AreaBenchmarkView,
	scope: string,
	options?: Parameters<typeof m.benchmark_line>[1]
): string {
	if (!area.shown)
		return area.reason === 'too-few-peers'
			? m.benchmark_suppressed_too_few({ min: BENCHMARK_MINIMUM }, options)
			: m.benchmark_suppressed_no_score({}, options);
	return m.benchmark_line(
		{
			peers: area.peers,
			scope,
			percentile: area.percentile,
			median: area.median,
			lower: area.lower,
			upper: area.upper
		},
		options
	);
}

export function statusLabel(status: 'draft' | 'open' | 'closed'): string {
	return { draft: m.status_draft, open: m.status_open, closed: m.status_closed }[status]();
}

/** What a hidden group shows instead of its numbers. */
export function hiddenLabel(reason: 'below-threshold' | 'differencing' | null, threshold: number) {
	return reason === 'differencing'
		? m.group_hidden_differencing()
		: m.group_hidden_small({ threshold });
}

/**
 * A perception gap in words: "Executive rate Voice of the customer a full stage higher than
 * Frontline". The page and the PDF both say it this way; the PDF passes its language in `options`.
 */
export function gapSentence(
	gap: {
		kind: 'half' | 'one' | 'many';
		stages: number;
		area: string;
		higher: string;
		lower: string;
	},
	options?: Parameters<typeof m.gap_half>[1]
): string {
	const values = {
		area: gap.area,
		higher: gap.higher,
		lower: gap.lower,
		stages: decimal(gap.stages, options?.locale ?? getLocale())
	};
	return { half: m.gap_half, one: m.gap_one, many: m.gap_many }[gap.kind](values, options);
}

/** A roadmap item's status. */
export function roadmapStatusLabel(status: 'planned' | 'in_progress' | 'done' | 'dropped') {
	return {
		planned: m.roadmap_status_planned,
		in_progress: m.roadmap_status_in_progress,
		done: m.roadmap_status_done,
		dropped: m.roadmap_status_dropped
	}[status]();
}

/** How much an area matters (docs/scoring.md rule 26); null is "not rated". */
export function importanceLabel(
	level: Importance | null,
	options?: Parameters<typeof m.importance_high>[1]
): string {
	if (level === null) return m.importance_not_rated({}, options);
	return { low: m.importance_low, medium: m.importance_medium, high: m.importance_high }[level](
		{},
		options
	);
}

/**
 * The line above a roadmap ranked with rated importance: "Ranked with the importance set for this
 * round. High: Governance, Measurement. Low: Culture." The results page and the PDF both say it this
 * way (the PDF passes its language in `options`); '' without ratings.
 */
export function importanceLine(
	levels: ReadonlyArray<{ level: Importance; areas: readonly string[] }>,
	options?: Parameters<typeof m.results_importance_line>[1]
): string {
	if (levels.length === 0) return '';
	const parts = levels.map((l) =>
		m.importance_areas(
			{ level: importanceLabel(l.level, options), areas: l.areas.join(', ') },
			options
		)
	);
	return m.results_importance_line({ levels: parts.join(' ') }, options);
}

/** A count as shown: the number, or "fewer than N" when the view left it out (below the threshold). */
export const countLabel = (count: number | null, threshold: number): string =>
	count === null ? m.count_fewer_than({ threshold }) : String(count);

/** The kind of an audit event ('member.role' → "Role changed"); unknown kinds read as they are. */
export function auditActionLabel(action: string): string {
	const labels: Record<string, () => string> = {
		'round.create': m.audit_action_round_create,
		'round.status': m.audit_action_round_status,
		'round.settings': m.audit_action_round_settings,
		'round.importance': m.audit_action_round_importance,
		'round.delete': m.audit_action_round_delete,
		'member.invite': m.audit_action_member_invite,
		'member.role': m.audit_action_member_role,
		'member.remove': m.audit_action_member_remove,
		'org.settings': m.audit_action_org_settings,
		'practice.client': m.audit_action_practice_client,
		'practice.end': m.audit_action_practice_end,
		'practice.settings': m.audit_action_practice_settings,
		'practice.invite': m.audit_action_practice_invite,
		'practice.invite.revoke': m.audit_action_practice_invite_revoke,
		'practice.member.join': m.audit_action_practice_member_join,
		'practice.member.role': m.audit_action_member_role,
		'practice.member.remove': m.audit_action_member_remove,
		'practice.client.join': m.audit_action_practice_client_join,
		'structure.department.create': m.audit_action_department_create,
		'structure.department.rename': m.audit_action_department_rename,
		'structure.department.archive': m.audit_action_department_archive,
		'structure.roleLevel.create': m.audit_action_role_level_create,
		'structure.roleLevel.rename': m.audit_action_role_level_rename,
		'structure.roleLevel.archive': m.audit_action_role_level_archive,
		'roadmap.item': m.audit_action_roadmap_item,
		'response.exclude': m.audit_action_response_exclude,
		'response.include': m.audit_action_response_include,
		'response.delete': m.audit_action_response_delete,
		'link.create': m.audit_action_link_create,
		'link.revoke': m.audit_action_link_revoke,
		'link.cap': m.audit_action_link_cap,
		'api_token.create': m.audit_action_api_token_create,
		'api_token.revoke': m.audit_action_api_token_revoke
	};
	return Object.hasOwn(labels, action) ? labels[action]!() : action;
}

/** A key of an audit event's before/after values ('accentColor' → "Accent colour"). */
export function auditFieldLabel(key: string): string {
	const labels: Record<string, () => string> = {
		name: m.audit_field_name,
		role: m.audit_field_role,
		logo: m.audit_field_logo,
		accentColor: m.audit_field_accent_color,
		defaultLocale: m.audit_field_default_locale,
		locale: m.audit_field_locale,
		sector: m.audit_field_sector,
		practice: m.audit_field_practice,
		contact: m.audit_field_contact,
		threshold: m.audit_field_threshold,
		anonymityThreshold: m.audit_field_threshold,
		status: m.audit_field_status,
		owner: m.audit_field_owner,
		dueQuarter: m.audit_field_due_quarter,
		archived: m.audit_field_archived,
		invited: m.audit_field_invited,
		invitation: m.audit_field_invitation,
		client: m.audit_field_client,
		responses: m.audit_field_responses,
		excluded: m.audit_field_excluded
	};
	return Object.hasOwn(labels, key) ? labels[key]!() : key;
}

/** A value of an audit event, in words where the app has words for it (roles, statuses, yes/no). */
export function auditValueLabel(key: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return m.audit_value_none();
	if (typeof value === 'boolean') return value ? m.audit_value_yes() : m.audit_value_no();
	if (key === 'role' && isRole(value)) return roleLabel(value);
	if ((key === 'role' || key === 'invitation') && isPracticeRole(value))
		return practiceRoleLabel(value);
	if (key === 'invitation' && value === 'client') return m.practice_invite_kind_client();
	if ((key === 'locale' || key === 'defaultLocale') && typeof value === 'string') {
		const locale = toLocale(value);
		if (locale) return LANGUAGE_NAMES[locale];
	}
	if (key === 'sector' && isSector(value)) return sectorLabel(value);
	if (key === 'sizeBand' && isSizeBand(value)) return sizeBandLabel(value);
	if (key === 'status' && typeof value === 'string') {
		if ((ROADMAP_STATUSES as readonly string[]).includes(value))
			return roadmapStatusLabel(value as RoadmapStatus);
		if (value === 'draft' || value === 'open' || value === 'closed') return statusLabel(value);
	}
	// The keys of 'round.importance' events are area ids; their values are ratings.
	if (key !== 'name' && (IMPORTANCES as readonly unknown[]).includes(value))
		return importanceLabel(value as Importance);
	return typeof value === 'string' ? value : JSON.stringify(value);
}
