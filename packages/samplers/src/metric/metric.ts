import type { PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import type { MetricKind } from '../types.js';

/**
 * The Euclidean metric of the kinetic energy T = 0.5 p' M^-1 p. Implementations precompute
 * whatever makes the hot operations allocation-free.
 */
/**
 * A leapfrog step's sizes as [half, full] (full negative = backwards in time). Passed as a typed
 * array: doubles passed as arguments to a call V8 does not inline are boxed, two allocations per
 * leapfrog step.
 */
export type StepSizes = Float64Array;

/** [0.5 * eps, eps] in `out`. */
export function setStepSizes(out: StepSizes, eps: number): StepSizes {
  out[0] = 0.5 * eps;
  out[1] = eps;
  return out;
}

export interface Metric {
  readonly kind: MetricKind;
  readonly dimension: number;
  /** M^-1: the diagonal (length d) or the full matrix (d x d, row-major). Do not mutate. */
  readonly inverse: Float64Array;
  /** Writes a draw p ~ N(0, M) into p. */
  sampleMomentum(rng: Rng, p: Float64Array): void;
  /** Writes the velocity p_sharp = M^-1 p into out (out must not alias p). */
  velocity(p: Float64Array, out: Float64Array): void;
  /**
   * The leapfrog's first half, from `from` into `to` (which may be the same point), with
   * [half, eps] = steps: to.p = from.p + half * from.grad, to.pSharp = M^-1 to.p,
   * to.q = from.q + eps * to.pSharp. The same arithmetic as doing those three steps one after
   * another, fused where the metric allows.
   */
  kickDrift(from: PhasePoint, to: PhasePoint, steps: StepSizes): void;
  /**
   * The leapfrog's last step, in place: p += half * grad (half = steps[0]), pSharp = M^-1 p. Sets point.kinetic to
   * the kinetic energy 0.5 p . pSharp (summed in index order, as kineticEnergy does). Written to
   * the point rather than returned: a double returned from a call V8 does not inline is boxed (an
   * allocation per leapfrog step).
   */
  kick(point: PhasePoint, steps: StepSizes): void;
  /**
   * kick(point, steps) followed by kickDrift(point, next, steps), in one pass where the metric
   * allows (the end of one leapfrog step and the start of the next). `next` must not be `point`.
   * Sets point.kinetic.
   */
  kickThenKickDrift(point: PhasePoint, next: PhasePoint, steps: StepSizes): void;
}
