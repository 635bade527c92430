import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, determinant } from 'ml-matrix';
import { SpecError } from '../../src/errors.js';
import {
  choleskyCorrConstrain,
  choleskyCorrGradient,
  choleskyCorrSize,
  choleskyCorrUnconstrain,
  choleskyFromCorrelation,
  correlationFromCholesky,
} from '../../src/transforms/index.js';
import { lkjCholeskyLogDensity } from '../../src/priors/index.js';

const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** K in 2..4 and K(K-1)/2 unconstrained values. */
const corrArb = (range = 3) =>
  fc.integer({ min: 2, max: 4 }).chain((K) =>
    fc.record({ K: fc.constant(K), y: fc.array(d(-range, range), { minLength: choleskyCorrSize(K), maxLength: choleskyCorrSize(K) }) }),
  );

function constrain(K: number, y: number[]): { L: Float64Array; logJ: number } {
  const L = new Float64Array(K * K);
  const logJ = choleskyCorrConstrain(Float64Array.from(y), 0, K, L);
  return { L, logJ };
}

/** The free entries of L: its strict lower triangle, row by row. */
function freeEntries(K: number, L: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < K; i++) for (let j = 0; j < i; j++) out.push(L[i * K + j]);
  return out;
}

describe('Cholesky factor of a correlation matrix', () => {
  it('matches the nuts.md construction literally (tanh, running sum of squares)', () => {
    fc.assert(
      fc.property(corrArb(), ({ K, y }) => {
        const { L, logJ } = constrain(K, y);
        const ref = new Float64Array(K * K);
        let lj = 0;
        let k = 0;
        ref[0] = 1;
        for (let i = 1; i < K; i++) {
          let ss = 0;
          for (let j = 0; j < i; j++) {
            const z = Math.tanh(y[k++]);
            lj += Math.log(1 - z * z);
            if (j > 0) lj += 0.5 * Math.log(1 - ss);
            ref[i * K + j] = j === 0 ? z : z * Math.sqrt(1 - ss);
            ss += ref[i * K + j] ** 2;
          }
          ref[i * K + i] = Math.sqrt(1 - ss);
        }
        for (let a = 0; a < K * K; a++) expect(Math.abs(L[a] - ref[a])).toBeLessThan(1e-12);
        expect(Math.abs(logJ - lj)).toBeLessThan(1e-9);
      }),
    );
  });

  it('L L^T is a correlation matrix: unit diagonal, symmetric, positive definite', () => {
    fc.assert(
      fc.property(corrArb(5), ({ K, y }) => {
        const { L } = constrain(K, y);
        const omega = new Float64Array(K * K);
        correlationFromCholesky(L, K, omega);
        for (let i = 0; i < K; i++) {
          expect(Math.abs(omega[i * K + i] - 1)).toBeLessThan(1e-12);
          for (let j = 0; j < K; j++) {
            expect(omega[i * K + j]).toBe(omega[j * K + i]);
            expect(Math.abs(omega[i * K + j])).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
        for (let i = 0; i < K; i++) for (let j = i + 1; j < K; j++) expect(L[i * K + j]).toBe(0);
        expect(L[0]).toBe(1);
      }),
    );
  });

  it('log-Jacobian equals log |det| of the numerical Jacobian of y -> strict lower triangle of L', () => {
    fc.assert(
      fc.property(corrArb(2.5), ({ K, y }) => {
        const m = y.length;
        const { logJ } = constrain(K, y);
        const J = new Matrix(m, m);
        const h = 1e-6;
        for (let c = 0; c < m; c++) {
          const yp = y.slice();
          const ym = y.slice();
          yp[c] += h;
          ym[c] -= h;
          const fp = freeEntries(K, constrain(K, yp).L);
          const fm = freeEntries(K, constrain(K, ym).L);
          for (let r = 0; r < m; r++) J.set(r, c, (fp[r] - fm[r]) / (2 * h));
        }
        const numeric = Math.log(Math.abs(determinant(J)));
        expect(Math.abs(logJ - numeric)).toBeLessThan(1e-5);
      }),
    );
  });

  it('backward pass adds d/dy [f(L) + log J] (finite differences, f = random linear + lkj)', () => {
    fc.assert(
      fc.property(
        corrArb(2.5),
        fc.array(d(-2, 2), { minLength: 16, maxLength: 16 }),
        d(0.5, 4),
        fc.array(d(-3, 3), { minLength: 6, maxLength: 6 }),
        ({ K, y }, weights, eta, initialGrad) => {
          const target = (yy: number[]): number => {
            const { L, logJ } = constrain(K, yy);
            let f = logJ + lkjCholeskyLogDensity(L, K, eta, new Float64Array(K * K));
            for (let a = 0; a < K * K; a++) f += weights[a] * L[a] * L[a] + weights[(a + 3) % 16] * L[a];
            return f;
          };
          const { L } = constrain(K, y);
          const dL = new Float64Array(K * K);
          lkjCholeskyLogDensity(L, K, eta, dL);
          for (let a = 0; a < K * K; a++) dL[a] += 2 * weights[a] * L[a] + weights[(a + 3) % 16];
          // gradient goes at an offset into a bigger array that already holds values: it must ADD
          const grad = Float64Array.from(initialGrad);
          const yBig = Float64Array.from([9, ...y]);
          choleskyCorrGradient(yBig, 1, K, L, dL, grad, 0);
          const h = 1e-6;
          for (let c = 0; c < y.length; c++) {
            const yp = y.slice();
            const ym = y.slice();
            yp[c] += h;
            ym[c] -= h;
            const fd = (target(yp) - target(ym)) / (2 * h);
            expect(Math.abs(grad[c] - initialGrad[c] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
          }
        },
      ),
    );
  });

  it('stays finite for extreme unconstrained values', () => {
    const K = 3;
    const L = new Float64Array(9);
    const logJ = choleskyCorrConstrain([40, -40, 40], 0, K, L);
    expect(Number.isFinite(logJ)).toBe(true);
    expect(L.every((v) => Number.isFinite(v))).toBe(true);
    const grad = new Float64Array(3);
    choleskyCorrGradient([40, -40, 40], 0, K, L, new Float64Array(9), grad, 0);
    expect(grad.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('unconstrain inverts constrain (round trip)', () => {
    fc.assert(
      fc.property(corrArb(4), ({ K, y }) => {
        const { L } = constrain(K, y);
        const back = new Float64Array(y.length + 2);
        choleskyCorrUnconstrain(L, K, back, 2);
        y.forEach((v, k) => expect(Math.abs(back[k + 2] - v)).toBeLessThan(1e-8 * Math.max(1, Math.exp(2 * Math.abs(v)))));
      }),
    );
  });

  it('choleskyFromCorrelation inverts correlationFromCholesky', () => {
    fc.assert(
      fc.property(corrArb(2), ({ K, y }) => {
        const { L } = constrain(K, y);
        const omega = new Float64Array(K * K);
        correlationFromCholesky(L, K, omega);
        const L2 = new Float64Array(K * K);
        choleskyFromCorrelation(omega, K, L2);
        for (let a = 0; a < K * K; a++) expect(Math.abs(L2[a] - L[a])).toBeLessThan(1e-9);
      }),
    );
  });

  it('rejects invalid initial values with SpecError', () => {
    const out = new Float64Array(1);
    expect(() => choleskyCorrUnconstrain([1, 0, 1, 0], 2, out, 0, 'L_Subject')).toThrow(/L_Subject.*diagonal entry \[2,2\] is 0/);
    expect(() => choleskyCorrUnconstrain([1, 0.5, 0.5, 1], 2, out, 0)).toThrow(SpecError);
    expect(() => choleskyCorrUnconstrain([1, 0, 0.6, 0.9], 2, out, 0)).toThrow(/squared length/);
    expect(() => choleskyFromCorrelation([1, 2, 2, 1], 2, new Float64Array(4))).toThrow(/positive definite/);
    expect(() => choleskyFromCorrelation([1, 0.2, 0.3, 1], 2, new Float64Array(4))).toThrow(/symmetric/);
    expect(() => choleskyFromCorrelation([2, 0, 0, 1], 2, new Float64Array(4))).toThrow(/diagonal/);
  });
});
