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

  /** The model's logDensityGradientInto, when it has one (then the result comes through `slot`). */
  private readonly into: ((theta: Float64Array, grad: Float64Array, out: Float64Array) => void) | null;
  private readonly slot = new Float64Array(1);

  constructor(readonly model: LogDensity) {
    const d = model.dimension;
    if (!Number.isInteger(d) || d < 1) {
      throw new RangeError(`LogDensity.dimension must be a positive integer, got ${d}`);
    }
    this.dimension = d;
    this.into = typeof model.logDensityGradientInto === 'function' ? model.logDensityGradientInto.bind(model) : null;
  }

  /**
   * evaluate(point.q, point.grad) stored in point.logDensity. The trajectory code uses this form:
   * a double stored in a field needs no allocation, one returned from a call V8 does not inline
   * is boxed.
   */
  evaluateAt(point: { q: Float64Array; grad: Float64Array; logDensity: number }): void {
    point.logDensity = this.evaluate(point.q, point.grad);
  }

  /** Log density at q with its gradient written into grad; -Infinity when the model fails. */
  evaluate(q: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    let lp: number;
    try {
      if (this.into !== null) {
        this.into(q, grad, this.slot);
        lp = this.slot[0];
      } else lp = this.model.logDensityGradient(q, grad);
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
