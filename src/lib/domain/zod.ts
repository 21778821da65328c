/**
 * zod, as every module that may reach the browser imports it (model.ts, calibration.ts). zod
 * compiles object schemas with `new Function` when it may, and finds out whether it may by trying:
 * under the Content-Security-Policy (no 'unsafe-eval', see svelte.config.js) that attempt is refused
 * and reported as a violation on every page that parses. In the browser it therefore interprets the
 * schemas (a handful of small objects per page, nothing lost); the server keeps the compiled ones.
 * Set here, where zod is imported, rather than in hooks.client.ts, so a page that never parses (the
 * respondent's step) does not load zod at all.
 */
import { z } from 'zod';

if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
