import type { PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import type { MetricKind } from '../types.js';

/**
 * The Euclidean metric of the kinetic energy T = 0.5 p' M^-1 p. Implementations precompute
 * whatever makes the hot operations allocation-free.
 */
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
   * The leapfrog's first half, from `from` into `to` (which may be the same point):
   * to.p = from.p + half * from.grad, to.pSharp = M^-1 to.p, to.q = from.q + eps * to.pSharp.
   * The same arithmetic as doing those three steps one after another, fused where the metric allows.
   */
  kickDrift(from: PhasePoint, to: PhasePoint, half: number, eps: number): void;
  /**
   * The leapfrog's last step, in place: p += half * grad, pSharp = M^-1 p. Sets point.kinetic to
   * the kinetic energy 0.5 p . pSharp (summed in index order, as kineticEnergy does). Written to
   * the point rather than returned: a double returned from a call V8 does not inline is boxed (an
   * allocation per leapfrog step).
   */
  kick(point: PhasePoint, half: number): void;
  /**
   * kick(point, half) followed by kickDrift(point, next, half, eps), in one pass where the metric
   * allows (the end of one leapfrog step and the start of the next). `next` must not be `point`.
   * Sets point.kinetic.
   */
  kickThenKickDrift(point: PhasePoint, next: PhasePoint, half: number, eps: number): void;
}
