import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A stored model version's id: `<model id>@<version>`, such as `cx-maturity@1.1.0`. The matcher
 * sees the path before `@` is decoded (SvelteKit decodes parameters after matching, and `decodeURI`
 * leaves `%40` as it is), so an address with `%40` for the `@`, as some clients and copied links
 * write it, matches too; the route then gets the decoded `cx-maturity@1.1.0` either way.
 */
export const match: ParamMatcher = (param) =>
	/^[a-z][a-z0-9-]{1,63}(?:@|%40)\d{1,6}\.\d{1,6}\.\d{1,6}$/.test(param);
