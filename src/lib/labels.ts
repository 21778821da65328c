/** Labels for values that come from code (roles, statuses), in the reader's language. */
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/permissions';

export function roleLabel(role: Role): string {
	return {
		owner: m.role_owner,
		facilitator: m.role_facilitator,
		member: m.role_member,
		viewer: m.role_viewer
	}[role]();
}

export function statusLabel(status: 'draft' | 'open' | 'closed'): string {
	return { draft: m.status_draft, open: m.status_open, closed: m.status_closed }[status]();
}
