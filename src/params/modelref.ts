import type { ParamMatcher } from '@sveltejs/kit';

/** A stored model version's id: `<model id>@<version>`, such as `cx-maturity@1.1.0`. */
export const match: ParamMatcher = (param) =>
	/^[a-z][a-z0-9-]{1,63}@\d{1,6}\.\d{1,6}\.\d{1,6}$/.test(param);
