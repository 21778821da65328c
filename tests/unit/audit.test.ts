import { describe, expect, it } from 'vitest';
import { auditChanges } from '../../src/lib/domain/audit';

describe('auditChanges', () => {
	it.each([
		{
			name: 'a changed key, unchanged keys left out',
			before: { name: 'A', role: 'member' },
			after: { name: 'B', role: 'member' },
			changes: [{ key: 'name', before: 'A', after: 'B' }]
		},
		{
			name: 'created: every key from nothing',
			before: null,
			after: { name: 'Sales' },
			changes: [{ key: 'name', before: undefined, after: 'Sales' }]
		},
		{
			name: 'removed: every key to nothing',
			before: { role: 'viewer' },
			after: null,
			changes: [{ key: 'role', before: 'viewer', after: undefined }]
		},
		{
			name: 'a key only on one side reads as null on the other',
			before: { logo: 'png' },
			after: { logo: 'png', accentColor: '#000000' },
			changes: [{ key: 'accentColor', before: null, after: '#000000' }]
		},
		{
			name: 'nested values compare by content',
			before: { owner: { id: 'u1' } },
			after: { owner: { id: 'u1' } },
			changes: []
		},
		{
			name: 'values that are not objects: one change without a key',
			before: 3,
			after: 5,
			changes: [{ key: '', before: 3, after: 5 }]
		},
		{ name: 'nothing on either side', before: null, after: undefined, changes: [] }
	])('$name', ({ before, after, changes }) => {
		expect(auditChanges(before, after)).toEqual(changes);
	});
});
