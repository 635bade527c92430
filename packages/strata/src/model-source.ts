/**
 * How a worker thread gets the model: the samplers import this module by URL and call
 * createLogDensity(json) with the model's JSON form. Keeping it here (not in samplers) is what lets
 * the samplers know nothing about @strata/core.
 */
import { compileFromJSON, type CompiledModel } from '@strata/core';
import type { LogDensity, ModelSource } from '@strata/samplers';

/** Rebuilds the compiled model from its JSON form (called inside a worker thread). */
export function createLogDensity(json: unknown): LogDensity {
  const model = compileFromJSON(json);
  return { dimension: model.dimension, logDensityGradient: (theta, grad) => model.logDensityGradient(theta, grad) };
}

/** The ModelSource that makes workers rebuild `model`. */
export function modelSource(model: CompiledModel): ModelSource {
  return { module: import.meta.url, exportName: 'createLogDensity', payload: model.toJSON() };
}
