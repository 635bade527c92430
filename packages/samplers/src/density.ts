import type { LogDensity } from './types.js';

/**
 * The model as the sampler sees it: every failure (a throw, NaN, or an infinite value) becomes a
 * log density of -Infinity, i.e. an infinite potential energy, which the trajectory code treats as
 * a divergence. Counts gradient evaluations.
 */
export class DensityEvaluator {
  readonly dimension: number;
  /** Gradient evaluations so far (each call computes value and gradient). */
  evaluations = 0;
  /** Why the last failed evaluation failed (a thrown error or the returned value). */
  lastFailure: unknown = undefined;

  constructor(readonly model: LogDensity) {
    const d = model.dimension;
    if (!Number.isInteger(d) || d < 1) {
      throw new RangeError(`LogDensity.dimension must be a positive integer, got ${d}`);
    }
    this.dimension = d;
  }

  /** Log density at q with its gradient written into grad; -Infinity when the model fails. */
  evaluate(q: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    let lp: number;
    try {
      lp = this.model.logDensityGradient(q, grad);
    } catch (error) {
      this.lastFailure = error;
      return -Infinity;
    }
    // +Infinity is as broken as NaN: it would give an infinite multinomial weight.
    if (lp > -Infinity && lp < Infinity) return lp;
    this.lastFailure = lp;
    return -Infinity;
  }
}
