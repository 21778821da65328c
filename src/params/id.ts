import type { ParamMatcher } from '@sveltejs/kit';

/** Ids and tokens made by the app: lower-case base32. */
export const match: ParamMatcher = (param) => /^[a-z0-9]{16,64}$/.test(param);
