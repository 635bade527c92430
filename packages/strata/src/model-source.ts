/**
 * How a worker thread gets the model: the samplers import this module by URL and call
 * createLogDensity(json) with the model's JSON form. Keeping it here (not in samplers) is what lets
 * the samplers know nothing about @strata/core.
 */
import { compileFromJSON, type CompiledModel } from '@strata/core';
import { WORKER_BUNDLE_FILE, type LogDensity, type ModelSource } from '@strata/samplers';

/** The compiled model as the samplers see it. */
function asLogDensity(model: CompiledModel): LogDensity {
  return {
    dimension: model.dimension,
    logDensityGradient: (theta, grad) => model.logDensityGradient(theta, grad),
    logDensityGradientInto: (theta, grad, out) => model.logDensityGradientInto(theta, grad, out),
  };
}

/** Rebuilds the compiled model from its JSON form (called inside a worker thread). */
export function createLogDensity(json: unknown): LogDensity {
  const model = compileFromJSON(json);
  return asLogDensity(model);
}

/**
 * The module a worker imports createLogDensity from. From source, this file. From a bundle (where
 * this code sits in dist/cli.mjs, which a worker must not load: it is the whole CLI), the worker
 * bundle next to it, which exports createLogDensity too (src/bundle/worker.ts): it is the file the
 * worker already runs, so the import costs nothing.
 */
const MODEL_MODULE = import.meta.url.endsWith('.ts') ? import.meta.url : new URL(`./${WORKER_BUNDLE_FILE}`, import.meta.url).href;

/**
 * The ModelSource that makes workers rebuild `model`; `local` lets this thread run chains on the
 * model it already has (one lane of the parallel run, no start-up).
 */
export function modelSource(model: CompiledModel): ModelSource {
  return {
    module: MODEL_MODULE,
    exportName: 'createLogDensity',
    payload: model.toJSON(),
    local: asLogDensity(model),
  };
}
