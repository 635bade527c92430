import type { LogDensity } from './types.js';

/**
 * [+Infinity, -Infinity] as typed-array elements: optimised code reads them as raw doubles, while
 * a literal or a constant is a boxed number, and a value that is either it or a computed double
 * is boxed too (an allocation per evaluation).
 */
const INFINITIES = Float64Array.of(Infinity, -Infinity);

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
  /** [the last non-finite value returned, how many there were]. */
  private readonly valueFailures = new Float64Array(2);

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
      return INFINITIES[1];
    }
    const positiveInfinity = INFINITIES[0];
    const negativeInfinity = INFINITIES[1];
    // +Infinity is as broken as NaN: it would give an infinite multinomial weight.
    const ok = lp > negativeInfinity && lp < positiveInfinity;
    // Branch-free bookkeeping: code that only a failure runs has no type feedback when V8 first
    // optimises the sampler (failures come late, at the first divergence), so it would deoptimise
    // the whole tree builder there and recompile it.
    const failures = this.valueFailures;
    failures[0] = ok ? failures[0] : lp;
    failures[1] += ok ? 0 : 1;
    this.lastWasThrow = ok ? this.lastWasThrow : false;
    return ok ? lp : negativeInfinity;
  }

  /** Why the last failed evaluation failed (a thrown error or the returned value); undefined if none since the last reset. */
  get lastFailure(): unknown {
    if (this.lastWasThrow) return this.thrown;
    return this.valueFailures[1] > 0 ? this.valueFailures[0] : undefined;
  }

  /** Setting undefined forgets earlier failures. */
  set lastFailure(value: undefined) {
    this.thrown = value;
    this.lastWasThrow = false;
    this.valueFailures.fill(0);
  }
}
