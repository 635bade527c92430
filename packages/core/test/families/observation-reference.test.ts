/**
 * Values of the per-observation pieces against independent references: R (fixtures/runner.R, whose
 * log.p = TRUE tails are computed directly, not as log(1 - p)) and @stdlib's distribution packages.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import normalLogpdf from '@stdlib/stats-base-dists-normal-logpdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tLogpdf from '@stdlib/stats-base-dists-t-logpdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import lognormalLogpdf from '@stdlib/stats-base-dists-lognormal-logpdf';
import lognormalCdf from '@stdlib/stats-base-dists-lognormal-cdf';
import gammaLogpdf from '@stdlib/stats-base-dists-gamma-logpdf';
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import weibullLogpdf from '@stdlib/stats-base-dists-weibull-logpdf';
import weibullCdf from '@stdlib/stats-base-dists-weibull-cdf';
import exponentialLogpdf from '@stdlib/stats-base-dists-exponential-logpdf';
import exponentialCdf from '@stdlib/stats-base-dists-exponential-cdf';
import betaLogpdf from '@stdlib/stats-base-dists-beta-logpdf';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import poissonLogpmf from '@stdlib/stats-base-dists-poisson-logpmf';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import nbLogpmf from '@stdlib/stats-base-dists-negative-binomial-logpmf';
import nbCdf from '@stdlib/stats-base-dists-negative-binomial-cdf';
import binomialLogpmf from '@stdlib/stats-base-dists-binomial-logpmf';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import gammaln from '@stdlib/math-base-special-gammaln';
import { families } from './observation-catalogue.js';

interface RCase {
  family: string;
  y: number;
  params: Record<string, number>;
  lpdf: number;
  lcdf: number;
  lccdf: number;
}
const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/distributions.json', import.meta.url)), 'utf8'),
) as { cases: RCase[] };

/** The catalogue's parameter vector from R's named parameters (binomial's n is fixed at 40 there). */
function paramsOf(c: RCase): number[] {
  const p = c.params;
  switch (c.family) {
    case 'gaussian':
    case 'lognormal':
      return [p.mu, p.sigma];
    case 'student':
      return [p.mu, p.sigma, p.nu];
    case 'gamma':
    case 'weibull':
    case 'negbinomial':
      return [p.mu, p.shape];
    case 'beta':
      return [p.mu, p.phi];
    default:
      return [p.mu];
  }
}

import * as F from '../../src/families/index.js';
const out = new Float64Array(8);

function relErr(a: number, e: number): number {
  if (a === e) return 0;
  return Math.abs(a - e) / Math.max(Math.abs(e), 1e-300);
}

describe('against R (fixtures/runner.R), including far tails', () => {
  for (const c of fixture.cases) {
    it(`${c.family} y=${c.y} ${JSON.stringify(c.params)}`, () => {
      const p = paramsOf(c);
      let lpdf: number;
      let lcdf: number;
      let lccdf: number;
      if (c.family === 'binomial') {
        F.binomialLpmf(c.y, c.params.n, c.params.mu, out);
        lpdf = out[0];
        F.binomialLcdf(c.y, c.params.n, c.params.mu, out);
        lcdf = out[0];
        F.binomialLccdf(c.y, c.params.n, c.params.mu, out);
        lccdf = out[0];
      } else {
        const fam = families.find((f) => f.name === c.family)!;
        fam.lpdf(c.y, p, out);
        lpdf = out[0];
        fam.lcdf!(c.y, p, out);
        lcdf = out[0];
        fam.lccdf!(c.y, p, out);
        lccdf = out[0];
      }
      // 1e-12 relative, except where the log-prefactor's large terms (lgamma(1e5) ~ 1e6) limit the
      // absolute accuracy to a few eps x their size: 5e-15 x the largest argument.
      const big = Math.max(...Object.values(c.params), Math.abs(c.y));
      const tol = Math.max(1e-12, 5e-15 * big);
      expect(relErr(lpdf, c.lpdf)).toBeLessThan(tol);
      expect(relErr(lcdf, c.lcdf)).toBeLessThan(tol);
      expect(relErr(lccdf, c.lccdf)).toBeLessThan(tol);
    });
  }
});

const real = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true });
const logU = (lo: number, hi: number) => real(Math.log(lo), Math.log(hi)).map(Math.exp);

describe('against @stdlib distributions over random parameters (1e-12 relative)', () => {
  const close = (a: number, e: number, tol = 1e-12): boolean => Math.abs(a - e) <= tol * Math.max(Math.abs(e), 1e-300);
  const cdfOf = (): number => Math.exp(out[0]);
  const check = (name: string, arb: fc.Arbitrary<number[]>, ours: (v: number[]) => [number, number], ref: (v: number[]) => [number, number], tolCdf = 1e-12) =>
    it(name, () => {
      fc.assert(
        fc.property(arb, (v) => {
          const [lp, cdf] = ours(v);
          const [rlp, rcdf] = ref(v);
          if (!close(lp, rlp)) throw new Error(`logpdf ${lp} vs ${rlp} at ${v}`);
          if (!close(cdf, rcdf, tolCdf)) throw new Error(`cdf ${cdf} vs ${rcdf} at ${v}`);
          return true;
        }),
        { numRuns: 200, seed: 11 },
      );
    });
  check('gaussian', fc.tuple(real(-10, 10), logU(0.1, 10), real(-5, 5)).map(([m, s, z]) => [m + s * z, m, s]),
    ([y, m, s]) => [(F.gaussianLpdf(y, m, s, out), out[0]), (F.gaussianLcdf(y, m, s, out), cdfOf())],
    ([y, m, s]) => [normalLogpdf(y, m, s), normalCdf(y, m, s)]);
  // |z| > 0.05: near 0 @stdlib's t CDF has ~1e-11 absolute error (t = 1.57e-11, nu = 1: it gives
  // 0.5, R's pt and ours 0.500000000005 = 1/2 + t / pi; t = -1.0024e-6: it is 5e-12 off 1/2 + t / pi).
  check('student', fc.tuple(real(-10, 10), logU(0.1, 10), logU(1, 100), real(-8, 8).filter((z) => Math.abs(z) > 0.05)).map(([m, s, nu, z]) => [m + s * z, m, s, nu]),
    ([y, m, s, nu]) => [(F.studentLpdf(y, m, s, nu, out), out[0]), (F.studentLcdf(y, m, s, nu, out), cdfOf())],
    ([y, m, s, nu]) => [tLogpdf((y - m) / s, nu) - Math.log(s), tCdf((y - m) / s, nu)], 1e-11);
  check('lognormal', fc.tuple(real(-3, 3), logU(0.1, 2), real(-4, 4)).map(([m, s, z]) => [Math.exp(m + s * z), m, s]),
    ([y, m, s]) => [(F.lognormalLpdf(y, m, s, out), out[0]), (F.lognormalLcdf(y, m, s, out), cdfOf())],
    ([y, m, s]) => [lognormalLogpdf(y, m, s), lognormalCdf(y, m, s)]);
  check('gamma', fc.tuple(logU(0.1, 50), logU(0.2, 100), logU(0.05, 5)).map(([m, k, r]) => [m * r, m, k]),
    ([y, m, k]) => [(F.gammaLpdf(y, m, k, out), out[0]), (F.gammaLcdf(y, m, k, out), cdfOf())],
    ([y, m, k]) => [gammaLogpdf(y, k, k / m), gammaCdf(y, k, k / m)]);
  check('weibull', fc.tuple(logU(0.1, 50), logU(0.3, 10), logU(0.05, 4)).map(([m, k, r]) => [m * r, m, k]),
    ([y, m, k]) => [(F.weibullLpdf(y, m, k, out), out[0]), (F.weibullLcdf(y, m, k, out), cdfOf())],
    ([y, m, k]) => [weibullLogpdf(y, k, m / Math.exp(gammaln(1 + 1 / k))), weibullCdf(y, k, m / Math.exp(gammaln(1 + 1 / k)))]);
  check('exponential', fc.tuple(logU(0.1, 50), logU(0.01, 5)).map(([m, r]) => [m * r, m]),
    ([y, m]) => [(F.exponentialLpdf(y, m, out), out[0]), (F.exponentialLcdf(y, m, out), cdfOf())],
    ([y, m]) => [exponentialLogpdf(y, 1 / m), exponentialCdf(y, 1 / m)]);
  check('beta', fc.tuple(real(0.05, 0.95), logU(0.5, 100), real(0.01, 0.99)).map(([m, phi, y]) => [y, m, phi]),
    ([y, m, phi]) => [(F.betaLpdf(y, m, phi, out), out[0]), (F.betaLcdf(y, m, phi, out), cdfOf())],
    ([y, m, phi]) => [betaLogpdf(y, m * phi, (1 - m) * phi), betaCdf(y, m * phi, (1 - m) * phi)], 1e-11);
  check('poisson', fc.tuple(logU(0.1, 200), fc.integer({ min: 0, max: 300 })).map(([m, y]) => [y, m]),
    ([y, m]) => [(F.poissonLpmf(y, m, out), out[0]), (F.poissonLcdf(y, m, out), cdfOf())],
    ([y, m]) => [poissonLogpmf(y, m), poissonCdf(y, m)]);
  check('negbinomial', fc.tuple(logU(0.1, 200), logU(0.2, 100), fc.integer({ min: 0, max: 300 })).map(([m, k, y]) => [y, m, k]),
    ([y, m, k]) => [(F.negbinomialLpmf(y, m, k, out), out[0]), (F.negbinomialLcdf(y, m, k, out), cdfOf())],
    ([y, m, k]) => [nbLogpmf(y, k, k / (k + m)), nbCdf(y, k, k / (k + m))], 1e-11);
  check('binomial', fc.tuple(fc.integer({ min: 1, max: 200 }), real(0.01, 0.99), real(0, 1)).map(([n, p, f]) => [Math.floor(f * n), n, p]),
    ([y, n, p]) => [(F.binomialLpmf(y, n, p, out), out[0]), (F.binomialLcdf(y, n, p, out), cdfOf())],
    ([y, n, p]) => [binomialLogpmf(y, n, p), binomialCdf(y, n, p)], 1e-11);
});
