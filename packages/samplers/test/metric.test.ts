import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainRng, choleskyLower, DenseMetric, DiagonalMetric } from '../src/index.js';

/** A random symmetric positive-definite matrix B B' + 0.5 I from entries in [-2, 2]. */
const spdMatrix = (d: number) =>
  fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d * d, maxLength: d * d }).map((b) => {
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = i === j ? 0.5 : 0;
        for (let k = 0; k < d; k++) s += b[i * d + k] * b[j * d + k];
        a[i * d + j] = s;
      }
    return a;
  });

function invert(a: Float64Array, d: number): Float64Array {
  // Gauss-Jordan, fine for the tiny test matrices.
  const m = Array.from({ length: d }, (_, i) => [...Array.from(a.slice(i * d, i * d + d)), ...Array.from({ length: d }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const f = m[c][c];
    for (let j = 0; j < 2 * d; j++) m[c][j] /= f;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const g = m[r][c];
      for (let j = 0; j < 2 * d; j++) m[r][j] -= g * m[c][j];
    }
  }
  return Float64Array.from(m.flatMap((row) => row.slice(d)));
}

describe('choleskyLower', () => {
  it('property: L is lower triangular with a positive diagonal and L L^T = A', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((d) => fc.tuple(fc.constant(d), spdMatrix(d))), ([d, a]) => {
        const l = choleskyLower(a, d);
        for (let i = 0; i < d; i++) {
          expect(l[i * d + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < d; j++) expect(l[i * d + j]).toBe(0);
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let k = 0; k < d; k++) s += l[i * d + k] * l[j * d + k];
            expect(Math.abs(s - a[i * d + j])).toBeLessThan(1e-9 * (1 + Math.abs(a[i * d + j])));
          }
        }
      }),
      { seed: 1005 },
    );
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => choleskyLower(new Float64Array([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });
});

describe('metrics', () => {
  it('diagonal: velocity is M^-1 p and momenta have variance M = 1 / inverse', () => {
    const inverse = new Float64Array([0.25, 4]);
    const metric = new DiagonalMetric(inverse);
    const out = new Float64Array(2);
    metric.velocity(new Float64Array([2, 3]), out);
    expect(Array.from(out)).toEqual([0.5, 12]);

    const rng = chainRng(11, 0);
    const n = 20000;
    const p = new Float64Array(2);
    const sumSq = [0, 0];
    for (let k = 0; k < n; k++) {
      metric.sampleMomentum(rng, p);
      sumSq[0] += p[0] * p[0];
      sumSq[1] += p[1] * p[1];
    }
    // Var of a sample variance of N(0, s^2) is 2 s^4 / n.
    [4, 0.25].forEach((m, i) => expect(Math.abs(sumSq[i] / n - m)).toBeLessThan(5 * m * Math.sqrt(2 / n)));
  });

  it('dense: velocity is M^-1 p and Cov(p) = M = (M^-1)^-1', () => {
    const d = 3;
    const inverse = new Float64Array([2, 0.9, -0.3, 0.9, 1, 0.2, -0.3, 0.2, 0.5]);
    const metric = new DenseMetric(inverse, d);
    const out = new Float64Array(d);
    metric.velocity(new Float64Array([1, -1, 2]), out);
    [0.5, 0.3, 0.5].forEach((x, i) => expect(out[i]).toBeCloseTo(x, 14));

    const m = invert(inverse, d);
    const rng = chainRng(12, 0);
    const n = 40000;
    const p = new Float64Array(d);
    const cov = new Float64Array(d * d);
    for (let k = 0; k < n; k++) {
      metric.sampleMomentum(rng, p);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] += (p[i] * p[j]) / n;
    }
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        // Var(p_i p_j) = M_ii M_jj + M_ij^2 for a zero-mean Gaussian.
        const sd = Math.sqrt((m[i * d + i] * m[j * d + j] + m[i * d + j] ** 2) / n);
        expect(Math.abs(cov[i * d + j] - m[i * d + j])).toBeLessThan(5 * sd);
      }
  });

  it('reject invalid inverse metrics', () => {
    expect(() => new DiagonalMetric(new Float64Array([1, 0]))).toThrow(/element 1/);
    expect(() => new DiagonalMetric(new Float64Array([NaN]))).toThrow(/finite and positive/);
    expect(() => new DenseMetric(new Float64Array([1, NaN, NaN, 1]), 2)).toThrow(/non-finite/);
    expect(() => new DenseMetric(new Float64Array([1, 0, 0]), 2)).toThrow(/4 values/);
  });
});
