import type { PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import type { Metric, StepSizes } from './metric.js';

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
    rng.fillNormal(p, p.length);
    for (let i = 0; i < p.length; i++) p[i] *= scale[i];
  }

  velocity(p: Float64Array, out: Float64Array): void {
    const inv = this.inverse;
    for (let i = 0; i < p.length; i++) out[i] = inv[i] * p[i];
  }

  kickDrift(from: PhasePoint, to: PhasePoint, steps: StepSizes): void {
    const half = steps[0];
    const eps = steps[1];
    const inv = this.inverse;
    const { store: src, pAt: pFrom, gradAt: gradFrom, qAt: qFrom } = from;
    const { store: dst, pAt: pTo, sharpAt: sharpTo, qAt: qTo } = to;
    for (let i = 0; i < inv.length; i++) {
      const pi = src[pFrom + i] + half * src[gradFrom + i];
      dst[pTo + i] = pi;
      const si = inv[i] * pi;
      dst[sharpTo + i] = si;
      dst[qTo + i] = src[qFrom + i] + eps * si;
    }
  }

  kick(point: PhasePoint, steps: StepSizes): void {
    const half = steps[0];
    const inv = this.inverse;
    const { store, pAt, gradAt, sharpAt } = point;
    // Kick, velocity and kinetic energy in one pass: one read of each vector per step.
    let sum = 0;
    for (let i = 0; i < inv.length; i++) {
      const pi = store[pAt + i] + half * store[gradAt + i];
      store[pAt + i] = pi;
      const si = inv[i] * pi;
      store[sharpAt + i] = si;
      sum += pi * si;
    }
    point.kinetic = 0.5 * sum;
  }

  kickThenKickDrift(point: PhasePoint, next: PhasePoint, steps: StepSizes): void {
    const half = steps[0];
    const eps = steps[1];
    const inv = this.inverse;
    const { store, pAt, gradAt, sharpAt, qAt } = point;
    const { store: dst, pAt: pNext, sharpAt: sharpNext, qAt: qNext } = next;
    // The kinetic energy's running sum is a chain of dependent additions; the next step's
    // independent arithmetic runs in its shadow.
    let sum = 0;
    for (let i = 0; i < inv.length; i++) {
      const g = store[gradAt + i];
      const pi = store[pAt + i] + half * g;
      store[pAt + i] = pi;
      const si = inv[i] * pi;
      store[sharpAt + i] = si;
      sum += pi * si;
      const pn = pi + half * g;
      dst[pNext + i] = pn;
      const sn = inv[i] * pn;
      dst[sharpNext + i] = sn;
      dst[qNext + i] = store[qAt + i] + eps * sn;
    }
    point.kinetic = 0.5 * sum;
  }
}
