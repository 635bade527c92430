/**
 * How a worker thread gets the model: the samplers import this module by URL and call
 * createLogDensity(json) with the model's JSON form. Keeping it here (not in samplers) is what lets
 * the samplers know nothing about @strata/core.
 */
import { compileFromJSON, type CompiledModel } from '@strata/core';
import { WORKER_BUNDLE_FILE, type LogDensity, type ModelSource } from '@strata/samplers';
import { rescaledDensity } from './rescale/rescaled-density.js';
import type { SamplingUnits } from './rescale/sampling-units.js';

/** A model sampled in prior units (rescale/sampling-units.ts): its JSON form and the affine map. */
interface RescaledJSON {
  kind: 'strata.rescaled';
  model: unknown;
  centre: number[];
  scale: number[];
}

function isRescaled(json: unknown): json is RescaledJSON {
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'strata.rescaled';
}

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
  if (isRescaled(json)) {
    const units = { centre: Float64Array.from(json.centre), scale: Float64Array.from(json.scale), extreme: [] };
    return rescaledDensity(asLogDensity(compileFromJSON(json.model)), units);
  }
  return asLogDensity(compileFromJSON(json));
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
 * model it already has (one lane of the parallel run, no start-up). `module` overrides where the
 * worker finds createLogDensity (fit's `workerUrl`: a browser bundle that moved worker.mjs).
 */
export function modelSource(model: CompiledModel, units: SamplingUnits | null = null, module: string | URL = MODEL_MODULE): ModelSource {
  const payload: unknown = units ? { kind: 'strata.rescaled', model: model.toJSON(), centre: Array.from(units.centre), scale: Array.from(units.scale) } : model.toJSON();
  return {
    module: String(module),
    exportName: 'createLogDensity',
    payload,
    local: units ? rescaledDensity(asLogDensity(model), units) : asLogDensity(model),
  };
}
