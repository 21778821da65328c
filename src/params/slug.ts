import type { ParamMatcher } from '@sveltejs/kit';

/** Model ids: kebab-case, as the model schema requires. */
export const match: ParamMatcher = (param) => /^[a-z][a-z0-9-]{1,63}$/.test(param);
