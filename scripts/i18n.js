// Compiles the message catalogues (messages/*.json) into src/lib/paraglide.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide-options.js';

await compile({ ...paraglideOptions, silent: true });
