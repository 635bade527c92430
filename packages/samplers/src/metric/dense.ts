import type { PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import { choleskyLower, solveUpperTransposed } from './cholesky.js';
import type { Metric, StepSizes } from './metric.js';

/** Dense metric: M^-1 a full symmetric positive-definite matrix (row-major). */
export class DenseMetric implements Metric {
  readonly kind = 'dense' as const;
  readonly dimension: number;
  readonly inverse: Float64Array;
  /** M^-1 = L L'. */
  private readonly cholesky: Float64Array;

  constructor(inverse: Float64Array, dimension: number) {
    if (inverse.length !== dimension * dimension) {
      throw new RangeError(`dense inverse metric must have ${dimension * dimension} values, got ${inverse.length}`);
    }
    for (let i = 0; i < inverse.length; i++) {
      if (!Number.isFinite(inverse[i])) {
        throw new RangeError(`dense inverse metric has a non-finite element at ${i}: ${inverse[i]}`);
      }
    }
    this.dimension = dimension;
    this.inverse = Float64Array.from(inverse);
    this.cholesky = choleskyLower(this.inverse, dimension);
  }

  static identity(dimension: number): DenseMetric {
    const inv = new Float64Array(dimension * dimension);
    for (let i = 0; i < dimension; i++) inv[i * dimension + i] = 1;
    return new DenseMetric(inv, dimension);
  }

  /** p = L'^-1 u with u ~ N(0, I): Cov(p) = (L L')^-1 = M. */
  sampleMomentum(rng: Rng, p: Float64Array): void {
    rng.fillNormal(p, p.length);
    solveUpperTransposed(this.cholesky, this.dimension, p);
  }

  velocity(p: Float64Array, out: Float64Array): void {
    const d = this.dimension;
    const inv = this.inverse;
    for (let i = 0; i < d; i++) {
      let sum = 0;
      const row = i * d;
      for (let j = 0; j < d; j++) sum += inv[row + j] * p[j];
      out[i] = sum;
    }
  }

  kickDrift(from: PhasePoint, to: PhasePoint, steps: StepSizes): void {
    const half = steps[0];
    const eps = steps[1];
    const { p: p0, grad, q: q0 } = from;
    const { p, pSharp, q } = to;
    for (let i = 0; i < p.length; i++) p[i] = p0[i] + half * grad[i];
    this.velocity(p, pSharp);
    for (let i = 0; i < q.length; i++) q[i] = q0[i] + eps * pSharp[i];
  }

  kick(point: PhasePoint, steps: StepSizes): void {
    const half = steps[0];
    const { p, grad, pSharp } = point;
    for (let i = 0; i < p.length; i++) p[i] += half * grad[i];
    this.velocity(p, pSharp);
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += p[i] * pSharp[i];
    point.kinetic = 0.5 * sum;
  }

  kickThenKickDrift(point: PhasePoint, next: PhasePoint, steps: StepSizes): void {
    this.kick(point, steps);
    this.kickDrift(point, next, steps);
  }
}
