/** The route parameter of a model version (`src/params/modelref.ts`): `@` written as is or as `%40`. */
import { describe, expect, it } from 'vitest';
import { match } from '../../src/params/modelref';

describe('the modelref matcher', () => {
	it.each(['cx-maturity@1.1.0', 'cx-maturity%401.1.0', 'balkan-cx@10.0.12'])('accepts %s', (p) =>
		expect(match(p)).toBe(true)
	);
	it.each([
		'cx-maturity',
		'cx-maturity@1.1',
		'cx-maturity%2540.1.1.0',
		'cx-maturity%401.1.0%00',
		'CX@1.0.0',
		'cx-maturity@@1.0.0',
		'cx-maturity%40%401.0.0',
		'x@1.0.0'
	])('refuses %s', (p) => expect(match(p)).toBe(false));
});
