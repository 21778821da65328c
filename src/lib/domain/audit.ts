/**
 * Reading an audit event's before and after values as changes, one per key: `name: A → B`. Pure.
 */

/** One changed value; `undefined` on a side means the subject did not exist there. */
export interface AuditChange {
	/** The key in the before/after objects; '' when the values are not objects. */
	key: string;
	before: unknown;
	after: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The keys whose values differ between `before` and `after` (objects, or null when the subject did
 * not exist before or no longer exists after), in the order they first appear. Values that are not
 * objects read as one change with the key ''.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
	const empty = (v: unknown) => v === null || v === undefined;
	if (empty(before) && empty(after)) return [];
	if ((empty(before) || isRecord(before)) && (empty(after) || isRecord(after))) {
		const b = isRecord(before) ? before : undefined;
		const a = isRecord(after) ? after : undefined;
		const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
		return keys
			.filter((key) => !b || !a || !same(b[key], a[key]))
			.map((key) => ({
				key,
				before: b ? (b[key] ?? null) : undefined,
				after: a ? (a[key] ?? null) : undefined
			}));
	}
	return same(before, after) ? [] : [{ key: '', before, after }];
}
