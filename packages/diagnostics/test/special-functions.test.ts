import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaQuantile } from '../src/beta-quantile.js';
import { normalQuantile } from '../src/normal-quantile.js';
import { readJson, relativeError } from './helpers.js';

const reference = readJson<{ qnorm: [number, number][]; qbeta: [number, number, number, number][] }>(
  new URL('./fixtures/special-functions.json', import.meta.url),
  'special-function reference values',
);

/** Distance in units in the last place. */
function ulps(actual: number, expected: number): number {
  const spacing = Math.abs(expected) * Number.EPSILON || Number.MIN_VALUE;
  return Math.abs(actual - expected) / spacing;
}

describe('normalQuantile (AS 241)', () => {
  it('matches 60-digit references within 3 ulps (~1e-16) over (0, 1), tails down to 1e-300', () => {
    // measured: median 0.7 ulp, worst 2.4 ulp (5.3e-16 relative), AS 241's own accuracy
    expect(reference.qnorm.length).toBeGreaterThan(200);
    let worst = 0;
    for (const [p, z] of reference.qnorm) {
      const error = ulps(normalQuantile(p), z);
      worst = Math.max(worst, error);
      expect(error, `p = ${p}`).toBeLessThanOrEqual(3);
      expect(relativeError(normalQuantile(p), z), `p = ${p}`).toBeLessThan(7e-16);
    }
    expect(worst).toBeGreaterThan(0); // the comparison is not vacuous
  });

  it('handles the ends and invalid input', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [-0.1, 1.1, NaN]) expect(normalQuantile(p)).toBeNaN();
    expect(normalQuantile(Number.MIN_VALUE)).toBeCloseTo(-38.4674, 3);
  });

  it('is odd about 1/2: qnorm(1 - p) = -qnorm(p) exactly in the central branch', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 0.925, noNaN: true }), (p) => {
        // for p in [1/2, 1], 1 - p and both p - 1/2 and (1 - p) - 1/2 are exact, and the central
        // rational function depends on q = p - 1/2 only through q and q^2
        expect(normalQuantile(1 - p) + normalQuantile(p)).toBe(0);
      }),
    );
  });

  it('is increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        if (a < b) expect(normalQuantile(a)).toBeLessThanOrEqual(normalQuantile(b));
      }),
    );
  });
});

describe('betaQuantile', () => {
  it('matches 60-digit references to 1e-12 relative, including the arguments mcse_quantile uses', () => {
    expect(reference.qbeta.length).toBeGreaterThan(100);
    for (const [p, a, b, x] of reference.qbeta) {
      expect(relativeError(betaQuantile(p, a, b), x), `qbeta(${p}, ${a}, ${b})`).toBeLessThan(1e-12);
    }
  });

  it('returns NaN, not an exception, for invalid arguments', () => {
    for (const [p, a, b] of [[NaN, 1, 1], [0.5, 0, 1], [0.5, 1, -1], [1.5, 2, 2], [0.5, Infinity, 2], [0.5, 2, NaN]]) {
      expect(betaQuantile(p, a, b)).toBeNaN();
    }
  });

  it('is increasing in p and stays in [0, 1] (p in [1e-12, 1 - 1e-12])', () => {
    // for subnormal p (< 1e-307) @stdlib's answer is not monotone; MCSE only needs p = 0.159, 0.841
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        fc.double({ min: 0.5, max: 1e4, noNaN: true }),
        fc.double({ min: 0.5, max: 1e4, noNaN: true }),
        (p1, p2, a, b) => {
          const [lo, hi] = p1 < p2 ? [p1, p2] : [p2, p1];
          const x1 = betaQuantile(lo, a, b);
          const x2 = betaQuantile(hi, a, b);
          expect(x1).toBeGreaterThanOrEqual(0);
          expect(x2).toBeLessThanOrEqual(1);
          expect(x1).toBeLessThanOrEqual(x2 * (1 + 1e-12));
        },
      ),
      { numRuns: 200 },
    );
  });
});
