/**
 * Laws of the new distributions: the zero-inflated and hurdle densities sum (integrate) to 1, and
 * every RNG's sample mean and variance lie within 5 standard errors of the family's mean() and
 * analytic variance (fixed seed, 20000 draws; SE of the variance from the sample fourth moment).
 */
import { describe, expect, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';

const gammaFn = (x: number): number => Math.exp(gammaln(x));
import * as F from '../../src/families/index.js';
import { seededRandom } from './helpers.js';

const out = new Float64Array(8);

describe('mixture densities sum to 1', () => {
  const sumCounts = (f: (y: number) => number, upTo: number): number => {
    let s = 0;
    for (let y = 0; y <= upTo; y++) s += Math.exp(f(y));
    return s;
  };
  it('zero-inflated and hurdle counts (truncated sums far past the mass)', () => {
    for (const [mu, k, pi] of [
      [0.05, 0.5, 0.3],
      [3, 2, 0.6],
      [40, 10, 0.05],
    ]) {
      const fs = [
        (y: number) => (F.zeroInflatedPoissonLpmf(y, mu, pi, out), out[0]),
        (y: number) => (F.zeroInflatedNegbinomialLpmf(y, mu, k, pi, out), out[0]),
        (y: number) => (F.hurdlePoissonLpmf(y, mu, pi, out), out[0]),
        (y: number) => (F.hurdleNegbinomialLpmf(y, mu, k, pi, out), out[0]),
      ];
      for (const f of fs) expect(Math.abs(sumCounts(f, 3000) - 1)).toBeLessThan(1e-12);
    }
  });
  it('hurdle lognormal: hu at 0 plus the integral of the positive part', () => {
    const [mu, sigma, hu] = [0.4, 0.8, 0.25];
    F.hurdleLognormalLpdf(0, mu, sigma, hu, out);
    let total = Math.exp(out[0]);
    const du = 1e-3; // y = e^u, dy = e^u du; trapezoid on u in mu +- 12 sigma
    for (let u = mu - 12 * sigma; u <= mu + 12 * sigma; u += du) {
      F.hurdleLognormalLpdf(Math.exp(u), mu, sigma, hu, out);
      total += Math.exp(out[0] + u) * du;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
  });
});

interface RngCase {
  name: string;
  draw: (rng: ReturnType<typeof seededRandom>) => number;
  mean: number;
  variance: number;
}

const lambda = (mu: number, k: number): number => mu / gammaFn(1 + 1 / k);
const nbP0 = (mu: number, r: number): number => Math.pow(r / (r + mu), r);

function ordinalMoments(etaV: number, theta: number[]): [number, number] {
  let m = 0;
  let m2 = 0;
  for (let k = 1; k <= theta.length + 1; k++) {
    F.cumulativeLogitLpmfAt(k, etaV, theta, out);
    m += k * Math.exp(out[0]);
    m2 += k * k * Math.exp(out[0]);
  }
  return [m, m2 - m * m];
}
const theta = [-1, 0.3, 1.8];
const [ordMean, ordVar] = ordinalMoments(0.4, theta);

const cases: RngCase[] = [
  { name: 'gaussian', draw: (r) => F.gaussianRng(1, 2, r), mean: F.gaussianMean(1), variance: 4 },
  { name: 'student', draw: (r) => F.studentRng(1, 2, 8, r), mean: F.studentMean(1, 8), variance: (4 * 8) / 6 },
  { name: 'lognormal', draw: (r) => F.lognormalRng(0.2, 0.5, r), mean: F.lognormalMean(0.2, 0.5), variance: Math.expm1(0.25) * Math.exp(0.4 + 0.25) },
  { name: 'gamma', draw: (r) => F.gammaRng(3, 2.5, r), mean: F.gammaMean(3), variance: 9 / 2.5 },
  { name: 'gamma shape < 1', draw: (r) => F.gammaRng(3, 0.4, r), mean: F.gammaMean(3), variance: 9 / 0.4 },
  { name: 'weibull', draw: (r) => F.weibullRng(2, 1.7, r), mean: F.weibullMean(2), variance: lambda(2, 1.7) ** 2 * (gammaFn(1 + 2 / 1.7) - gammaFn(1 + 1 / 1.7) ** 2) },
  { name: 'exponential', draw: (r) => F.exponentialRng(1.5, r), mean: F.exponentialMean(1.5), variance: 2.25 },
  { name: 'beta', draw: (r) => F.betaRng(0.3, 6, r), mean: F.betaMean(0.3), variance: (0.3 * 0.7) / 7 },
  { name: 'bernoulli', draw: (r) => F.bernoulliRng(0.35, r), mean: F.bernoulliMean(0.35), variance: 0.35 * 0.65 },
  { name: 'binomial', draw: (r) => F.binomialRng(30, 0.2, r), mean: F.binomialMean(30, 0.2), variance: 30 * 0.2 * 0.8 },
  { name: 'poisson', draw: (r) => F.poissonRng(4.5, r), mean: F.poissonMean(4.5), variance: 4.5 },
  { name: 'negbinomial', draw: (r) => F.negbinomialRng(5, 3, r), mean: F.negbinomialMean(5), variance: 5 + 25 / 3 },
  { name: 'zero_inflated_poisson', draw: (r) => F.zeroInflatedPoissonRng(4, 0.3, r), mean: F.zeroInflatedMean(4, 0.3), variance: 0.7 * 4 * (1 + 0.3 * 4) },
  { name: 'zero_inflated_negbinomial', draw: (r) => F.zeroInflatedNegbinomialRng(4, 2, 0.3, r), mean: F.zeroInflatedMean(4, 0.3), variance: 0.7 * (4 + 8 + 16) - (0.7 * 4) ** 2 },
  ...[0.3, 3].map((mu) => ({
    name: `hurdle_poisson mu=${mu}`,
    draw: (r: ReturnType<typeof seededRandom>) => F.hurdlePoissonRng(mu, 0.2, r),
    mean: F.hurdlePoissonMean(mu, 0.2),
    variance: (0.8 * (mu + mu * mu)) / -Math.expm1(-mu) - F.hurdlePoissonMean(mu, 0.2) ** 2,
  })),
  ...[0.3, 6].map((mu) => ({
    name: `hurdle_negbinomial mu=${mu}`,
    draw: (r: ReturnType<typeof seededRandom>) => F.hurdleNegbinomialRng(mu, 2, 0.2, r),
    mean: F.hurdleNegbinomialMean(mu, 2, 0.2),
    variance: (0.8 * (mu + (mu * mu) / 2 + mu * mu)) / (1 - nbP0(mu, 2)) - F.hurdleNegbinomialMean(mu, 2, 0.2) ** 2,
  })),
  { name: 'hurdle_lognormal', draw: (r) => F.hurdleLognormalRng(0.2, 0.5, 0.3, r), mean: F.hurdleLognormalMean(0.2, 0.5, 0.3), variance: 0.7 * Math.exp(0.4 + 0.5) - F.hurdleLognormalMean(0.2, 0.5, 0.3) ** 2 },
  { name: 'cumulative logit', draw: (r) => F.cumulativeLogitRng(0.4, theta, r), mean: F.cumulativeLogitMean(0.4, theta), variance: ordVar },
];

describe('RNG moments within 5 standard errors (20000 draws, fixed seed)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const rng = seededRandom(20240613);
      const n = 20000;
      const xs = new Float64Array(n);
      let s = 0;
      for (let i = 0; i < n; i++) {
        xs[i] = c.draw(rng);
        s += xs[i];
      }
      const m = s / n;
      let m2 = 0;
      let m4 = 0;
      for (let i = 0; i < n; i++) {
        const d = xs[i] - m;
        m2 += d * d;
        m4 += d ** 4;
      }
      m2 /= n - 1;
      m4 /= n;
      expect(Math.abs(m - c.mean)).toBeLessThan(5 * Math.sqrt(c.variance / n));
      expect(Math.abs(m2 - c.variance)).toBeLessThan(5 * Math.sqrt((m4 - m2 * m2) / n));
    });
  }
  it('cumulative probit draws match its probabilities (mean)', () => {
    const rng = seededRandom(5);
    let s = 0;
    for (let i = 0; i < 20000; i++) s += F.cumulativeProbitRng(-0.3, theta, rng);
    const mean = F.cumulativeProbitMean(-0.3, theta);
    let v = 0;
    for (let k = 1; k <= 4; k++) v += (k - mean) ** 2 * (F.cumulativeProbitLpmfAt(k, -0.3, theta, out), Math.exp(out[0]));
    expect(Math.abs(s / 20000 - mean)).toBeLessThan(5 * Math.sqrt(v / 20000));
  });
});
