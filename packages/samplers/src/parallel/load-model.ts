import { checkModelUrl } from '#platform';
import { describeError } from '../errors.js';
import type { LogDensity, ModelSource } from '../types.js';

export function isModelSource(target: unknown): target is ModelSource {
  return (
    typeof target === 'object' &&
    target !== null &&
    typeof (target as ModelSource).module === 'string' &&
    typeof (target as ModelSource).exportName === 'string'
  );
}

/** Imports source.module and builds the LogDensity with module[exportName](payload). */
export async function loadModel(source: ModelSource): Promise<LogDensity> {
  const { module, exportName, payload } = source;
  checkModelUrl(module);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(module)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`could not import model module ${module}: ${describeError(error)}`, { cause: error });
  }
  const factory = namespace[exportName];
  if (typeof factory !== 'function') {
    throw new Error(`model module ${module} has no function export '${exportName}'`);
  }
  let model: unknown;
  try {
    model = await (factory as (payload: unknown) => unknown)(payload);
  } catch (error) {
    throw new Error(`model factory '${exportName}' threw: ${describeError(error)}`, { cause: error });
  }
  const candidate = model as Partial<LogDensity> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.logDensityGradient !== 'function' ||
    !Number.isInteger(candidate.dimension) ||
    (candidate.dimension as number) < 1
  ) {
    throw new Error(
      `model factory '${exportName}' must return a LogDensity ({ dimension: positive integer, logDensityGradient(theta, grad) })`,
    );
  }
  return candidate as LogDensity;
}
