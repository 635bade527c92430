import type { Rng } from '../rng.js';
import type { MetricKind } from '../types.js';

/**
 * The Euclidean metric of the kinetic energy T = 0.5 p' M^-1 p. Implementations precompute
 * whatever makes the two hot operations allocation-free.
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
   * The leapfrog's first half: p += half * grad, pSharp = M^-1 p, q += eps * pSharp. The same
   * arithmetic as doing those three steps one after another, fused where the metric allows.
   */
  kickDrift(p: Float64Array, grad: Float64Array, half: number, pSharp: Float64Array, q: Float64Array, eps: number): void;
  /** The leapfrog's last step: p += half * grad, pSharp = M^-1 p. */
  kick(p: Float64Array, grad: Float64Array, half: number, pSharp: Float64Array): void;
}
