import type { Rng } from '../rng.js';
import type { Metric } from './metric.js';

/** Diagonal metric: M^-1 = diag(inverse). */
export class DiagonalMetric implements Metric {
  readonly kind = 'diag' as const;
  readonly dimension: number;
  readonly inverse: Float64Array;
  /** 1 / sqrt(M^-1_i): the momentum scale sqrt(M_i). */
  private readonly momentumScale: Float64Array;

  constructor(inverse: Float64Array) {
    this.dimension = inverse.length;
    this.inverse = Float64Array.from(inverse);
    this.momentumScale = new Float64Array(inverse.length);
    for (let i = 0; i < inverse.length; i++) {
      const v = inverse[i];
      if (!(v > 0 && v < Infinity)) {
        throw new RangeError(`diagonal inverse metric must be finite and positive; element ${i} is ${v}`);
      }
      this.momentumScale[i] = 1 / Math.sqrt(v);
    }
  }

  static identity(dimension: number): DiagonalMetric {
    return new DiagonalMetric(new Float64Array(dimension).fill(1));
  }

  sampleMomentum(rng: Rng, p: Float64Array): void {
    const scale = this.momentumScale;
    for (let i = 0; i < p.length; i++) p[i] = rng.normal() * scale[i];
  }

  velocity(p: Float64Array, out: Float64Array): void {
    const inv = this.inverse;
    for (let i = 0; i < p.length; i++) out[i] = inv[i] * p[i];
  }

  kickDrift(p: Float64Array, grad: Float64Array, half: number, pSharp: Float64Array, q: Float64Array, eps: number): void {
    const inv = this.inverse;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i] + half * grad[i];
      p[i] = pi;
      const si = inv[i] * pi;
      pSharp[i] = si;
      q[i] += eps * si;
    }
  }

  kick(p: Float64Array, grad: Float64Array, half: number, pSharp: Float64Array): void {
    const inv = this.inverse;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i] + half * grad[i];
      p[i] = pi;
      pSharp[i] = inv[i] * pi;
    }
  }
}
