/**
 * Model factories for tests of the worker path: the worker imports this module by URL and calls
 * one of these with a JSON payload.
 */
import type { LogDensity } from '../../src/index.js';
import { iidNormal } from './targets.js';

export const WORKER_TARGETS_URL = new URL('./worker-targets.ts', import.meta.url).href;

export function iidNormalFactory(payload: { dim: number }): LogDensity {
  return iidNormal(payload.dim);
}

/** Slow on purpose (busy work per gradient), so that cancellation can land mid-run. */
export function slowNormalFactory(payload: { dim: number; spin: number }): LogDensity {
  const base = iidNormal(payload.dim);
  return {
    dimension: base.dimension,
    logDensityGradient(q, grad) {
      let x = 0;
      for (let i = 0; i < payload.spin; i++) x += Math.sqrt(i);
      return base.logDensityGradient(q, grad) + x * 0;
    },
  };
}

export function throwingFactory(payload: { message: string }): LogDensity {
  throw new Error(payload.message);
}

/** A model whose worker thread dies (process.exit in a worker ends only that thread). */
export function crashingFactory(payload: { dim: number; after: number }): LogDensity {
  const base = iidNormal(payload.dim);
  let calls = 0;
  return {
    dimension: base.dimension,
    logDensityGradient(q, grad) {
      if (++calls > payload.after) process.exit(7);
      return base.logDensityGradient(q, grad);
    },
  };
}

/** Normal except that the log density is NaN beyond |theta_0| > cut and throws beyond -cut. */
export function holeyNormalFactory(payload: { dim: number; cut: number }): LogDensity {
  const base = iidNormal(payload.dim);
  return {
    dimension: base.dimension,
    logDensityGradient(q, grad) {
      if (q[0] > payload.cut) return NaN;
      if (q[0] < -payload.cut) throw new Error('outside the support');
      return base.logDensityGradient(q, grad);
    },
  };
}

/** Normal until `after` gradient calls, then stuck in an endless loop (a density that never returns). */
export function stuckNormalFactory(payload: { dim: number; after: number }): LogDensity {
  const base = iidNormal(payload.dim);
  let calls = 0;
  return {
    dimension: base.dimension,
    logDensityGradient(q, grad) {
      if (++calls > payload.after) for (;;);
      return base.logDensityGradient(q, grad);
    },
  };
}
