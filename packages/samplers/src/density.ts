import type { LogDensity } from './types.js';

const NEGATIVE_INFINITY = Number.NEGATIVE_INFINITY;
const POSITIVE_INFINITY = Number.POSITIVE_INFINITY;

/**
 * The model as the sampler sees it: every failure (a throw, NaN, or an infinite value) becomes a
 * log density of -Infinity, i.e. an infinite potential energy, which the trajectory code treats as
 * a divergence. Counts gradient evaluations.
 */
export class DensityEvaluator {
  readonly dimension: number;
  /** Gradient evaluations so far (each call computes value and gradient). */
  evaluations = 0;
  // What the last failure was, kept without a store that only failures execute (see evaluate).
  private thrown: unknown = undefined;
  private lastWasThrow = false;
  private badValue = Number.NaN;
  private valueFailures = 0;

  /** Whether the model has logDensityGradientInto (then the result comes through `slot`). */
  private readonly into: boolean;
  private readonly slot = new Float64Array(1);

  constructor(readonly model: LogDensity) {
    const d = model.dimension;
    if (!Number.isInteger(d) || d < 1) {
      throw new RangeError(`LogDensity.dimension must be a positive integer, got ${d}`);
    }
    this.dimension = d;
    this.into = typeof model.logDensityGradientInto === 'function';
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
      // Called as a method of the model, not through a bound copy: every chain then calls the same
      // function from this site (a bound function per evaluator made V8 deoptimise the tree
      // builder with "wrong call target" at the start of each chain after the first).
      if (this.into) {
        this.model.logDensityGradientInto!(q, grad, this.slot);
        lp = this.slot[0];
      } else lp = this.model.logDensityGradient(q, grad);
    } catch (error) {
      this.thrown = error;
      this.lastWasThrow = true;
      return NEGATIVE_INFINITY;
    }
    // +Infinity is as broken as NaN: it would give an infinite multinomial weight.
    const ok = lp > NEGATIVE_INFINITY && lp < POSITIVE_INFINITY;
    // Branch-free bookkeeping: code that only a failure runs has no type feedback when V8 first
    // optimises the sampler (failures come late, at the first divergence), so it would deoptimise
    // the whole tree builder there and recompile it.
    this.badValue = ok ? this.badValue : lp;
    this.valueFailures += ok ? 0 : 1;
    this.lastWasThrow = ok ? this.lastWasThrow : false;
    return ok ? lp : NEGATIVE_INFINITY;
  }

  /** Why the last failed evaluation failed (a thrown error or the returned value); undefined if none since the last reset. */
  get lastFailure(): unknown {
    if (this.lastWasThrow) return this.thrown;
    return this.valueFailures > 0 ? this.badValue : undefined;
  }

  /** Setting undefined forgets earlier failures. */
  set lastFailure(value: undefined) {
    this.thrown = value;
    this.lastWasThrow = false;
    this.valueFailures = 0;
    this.badValue = Number.NaN;
  }
}
