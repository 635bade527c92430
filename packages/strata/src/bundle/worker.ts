/**
 * Entry of the worker bundle, packages/strata/dist/worker.mjs: what a chain's worker thread runs when
 * the main thread runs from a bundle (the samplers start it: see samplers' parallel/worker-file.ts).
 * It holds the samplers' worker and createLogDensity, which a bundled fit's ModelSource names (see
 * model-source.ts), so the worker rebuilds the model from its JSON form without loading anything else.
 */
import '@strata/samplers/worker';

export { createLogDensity } from '../model-source.js';
