import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lkjCholeskyLogDensity, lkjLogNormalizer } from '../../src/priors/index.js';
import { choleskyCorrConstrain } from '../../src/transforms/index.js';
import { seededRandom } from '../families/helpers.js';

const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** L for K = 2 with correlation r. */
const L2 = (r: number) => Float64Array.from([1, 0, r, Math.sqrt(1 - r * r)]);

describe('LKJ on the Cholesky factor', () => {
  it('K = 2: differences reproduce (eta - 1) log(1 - r^2), the LKJ density on the correlation', () => {
    // For K = 2 the free entry of L is r itself (Jacobian of L -> r is 1).
    fc.assert(
      fc.property(d(0.1, 10), d(-0.99, 0.99), d(-0.99, 0.99), (eta, r1, r2) => {
        const g = new Float64Array(4);
        const diff = lkjCholeskyLogDensity(L2(r1), 2, eta, g) - lkjCholeskyLogDensity(L2(r2), 2, eta, g);
        const closed = (eta - 1) * (Math.log(1 - r1 * r1) - Math.log(1 - r2 * r2));
        expect(Math.abs(diff - closed)).toBeLessThan(1e-9 * Math.max(1, Math.abs(closed)));
      }),
    );
  });

  it('K = 2: normalised density is the Beta-shaped (1 - r^2)^(eta - 1) / (2^(2 eta - 1) B(eta, eta))', () => {
    // eta = 2: integral of (1 - r^2) over (-1, 1) is 4/3
    expect(lkjLogNormalizer(2, 2)).toBeCloseTo(-Math.log(4 / 3), 14);
    // eta = 1: uniform on (-1, 1)
    expect(lkjLogNormalizer(2, 1)).toBeCloseTo(-Math.log(2), 14);
  });

  it('adds d/dL[i,i] into gradL, matching finite differences, and leaves other entries alone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((K) => fc.tuple(fc.constant(K), fc.array(d(-2, 2), { minLength: (K * (K - 1)) / 2, maxLength: (K * (K - 1)) / 2 }))),
        d(0.3, 6),
        ([K, y], eta) => {
          const L = new Float64Array(K * K);
          choleskyCorrConstrain(y, 0, K, L);
          const grad = new Float64Array(K * K).fill(0.25);
          lkjCholeskyLogDensity(L, K, eta, grad);
          const scratch = new Float64Array(K * K);
          for (let a = 0; a < K * K; a++) {
            const i = Math.floor(a / K);
            if (a !== i * K + i) {
              expect(grad[a]).toBe(0.25);
              continue;
            }
            if (i === 0) continue;
            const h = 1e-7 * L[a];
            const Lp = Float64Array.from(L);
            const Lm = Float64Array.from(L);
            Lp[a] += h;
            Lm[a] -= h;
            const fd = (lkjCholeskyLogDensity(Lp, K, eta, scratch) - lkjCholeskyLogDensity(Lm, K, eta, scratch)) / (2 * h);
            expect(Math.abs(grad[a] - 0.25 - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
          }
        },
      ),
    );
  });

  it.each([0.7, 1, 2.5])('K = 3, eta = %d: density of L(y) times the transform Jacobian integrates to 1', (eta) => {
    // Integrate exp(lkj(L(y)) + logJ(y) + normaliser) over y in R^3 with the midpoint rule.
    const K = 3;
    const n = 60;
    const R = eta < 1 ? 16 : 10;
    const h = (2 * R) / n;
    const L = new Float64Array(9);
    const g = new Float64Array(9);
    const y = new Float64Array(3);
    const c = lkjLogNormalizer(K, eta);
    let total = 0;
    for (let a = 0; a < n; a++) {
      y[0] = -R + (a + 0.5) * h;
      for (let b = 0; b < n; b++) {
        y[1] = -R + (b + 0.5) * h;
        for (let e = 0; e < n; e++) {
          y[2] = -R + (e + 0.5) * h;
          const logJ = choleskyCorrConstrain(y, 0, K, L);
          total += Math.exp(lkjCholeskyLogDensity(L, K, eta, g) + logJ + c);
        }
      }
    }
    expect(Math.abs(total * h * h * h - 1)).toBeLessThan(2e-4);
  });

  it('K = 4: the normalised density integrates to 1 (seeded importance sampling, Laplace proposal)', () => {
    const K = 4;
    const m = 6;
    const b = 1.2;
    const rng = seededRandom(7);
    const L = new Float64Array(K * K);
    const g = new Float64Array(K * K);
    const y = new Float64Array(m);
    for (const eta of [0.7, 1.5]) {
      const c = lkjLogNormalizer(K, eta);
      const N = 80_000;
      let s = 0;
      let s2 = 0;
      for (let t = 0; t < N; t++) {
        let logq = 0;
        for (let k = 0; k < m; k++) {
          const u = rng.uniform() - 0.5;
          y[k] = -b * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
          logq += -Math.log(2 * b) - Math.abs(y[k]) / b;
        }
        const logJ = choleskyCorrConstrain(y, 0, K, L);
        const w = Math.exp(lkjCholeskyLogDensity(L, K, eta, g) + logJ + c - logq);
        s += w;
        s2 += w * w;
      }
      const mean = s / N;
      const se = Math.sqrt((s2 / N - mean * mean) / N);
      expect(se).toBeLessThan(0.02); // so a normaliser off by 10% would fail
      expect(Math.abs(mean - 1)).toBeLessThan(4 * se);
    }
  });
});
