/**
 * Entry of the CLI bundle, packages/strata/dist/cli.mjs (built by packages/strata/build/bundle.mjs,
 * run by packages/strata/bin/strata.mjs): the command line, and fit() so that the bench can time the
 * bundled sampler and its bundled workers (bench/child.ts).
 */
export { main } from '../cli/main.js';
export { fit } from '../fit.js';
