import { z } from 'zod';

// zod compiles object schemas with `new Function` when it may, and finds out whether it may by
// trying: under the Content-Security-Policy (no 'unsafe-eval', see svelte.config.js) that attempt is
// refused and reported as a violation on every page that parses. Without the JIT, zod interprets
// the schemas; in the browser it parses a handful of small objects per page, so nothing is lost.
z.config({ jitless: true });
