/**
 * Test catalogue of the per-observation pieces: for each family, how to call lpdf / lcdf / lccdf /
 * log-interval with a parameter vector p (the differentiated arguments, in slot order: out[1 + j] =
 * d/dp[j]) and fast-check generators of (y, p) over wide ranges, with optional fixed data (trials).
 */
import fc from 'fast-check';
import * as F from '../../src/families/index.js';

export type Fn = (y: number, p: number[], out: Float64Array) => void;
export type IntervalFn = (lo: number, hi: number, p: number[], out: Float64Array) => void;

export interface FamilyCase {
  name: string;
  /** Parameter kinds, for finite-difference steps that stay in the domain. */
  kinds: ('real' | 'pos' | 'prob')[];
  lpdf: Fn;
  lcdf?: Fn;
  lccdf?: Fn;
  interval?: IntervalFn;
  /** (y, p) in the family's support over wide parameter ranges. */
  arb: fc.Arbitrary<{ y: number; p: number[] }>;
  discrete: boolean;
  /** A spread of Y near y, for test intervals [y, y + w scale] (continuous families). */
  intervalScale?: (y: number, p: number[]) => number;
}

const real = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true });
const logUniform = (lo: number, hi: number) => real(Math.log(lo), Math.log(hi)).map(Math.exp);
const prob = (lo = 0.01, hi = 0.99) => real(lo, hi);
const count = (hi: number) => fc.integer({ min: 0, max: hi });

const TRIALS = 40;

export const families: FamilyCase[] = [
  {
    name: 'gaussian',
    intervalScale: (_y, p) => p[1],
    kinds: ['real', 'pos'],
    lpdf: (y, p, o) => F.gaussianLpdf(y, p[0], p[1], o),
    lcdf: (y, p, o) => F.gaussianLcdf(y, p[0], p[1], o),
    lccdf: (y, p, o) => F.gaussianLccdf(y, p[0], p[1], o),
    interval: (a, b, p, o) => F.gaussianLogInterval(a, b, p[0], p[1], o),
    arb: fc.tuple(real(-50, 50), logUniform(0.05, 20), real(-35, 35)).map(([mu, s, z]) => ({ y: mu + s * z, p: [mu, s] })),
    discrete: false,
  },
  {
    name: 'student',
    intervalScale: (_y, p) => p[1],
    kinds: ['real', 'pos', 'pos'],
    lpdf: (y, p, o) => F.studentLpdf(y, p[0], p[1], p[2], o),
    lcdf: (y, p, o) => F.studentLcdf(y, p[0], p[1], p[2], o),
    lccdf: (y, p, o) => F.studentLccdf(y, p[0], p[1], p[2], o),
    interval: (a, b, p, o) => F.studentLogInterval(a, b, p[0], p[1], p[2], o),
    arb: fc
      .tuple(real(-20, 20), logUniform(0.1, 10), logUniform(1, 200), real(-35, 35))
      .map(([mu, s, nu, z]) => ({ y: mu + s * z, p: [mu, s, nu] })),
    discrete: false,
  },
  {
    name: 'lognormal',
    intervalScale: (y, p) => y * p[1],
    kinds: ['real', 'pos'],
    lpdf: (y, p, o) => F.lognormalLpdf(y, p[0], p[1], o),
    lcdf: (y, p, o) => F.lognormalLcdf(y, p[0], p[1], o),
    lccdf: (y, p, o) => F.lognormalLccdf(y, p[0], p[1], o),
    interval: (a, b, p, o) => F.lognormalLogInterval(a, b, p[0], p[1], o),
    arb: fc
      .tuple(real(-5, 5), logUniform(0.05, 3), real(-30, 30))
      .map(([mu, s, z]) => ({ y: Math.exp(mu + s * z), p: [mu, s] })),
    discrete: false,
  },
  {
    name: 'gamma',
    intervalScale: (y, p) => Math.max(y, p[0]) / Math.sqrt(p[1]),
    kinds: ['pos', 'pos'],
    lpdf: (y, p, o) => F.gammaLpdf(y, p[0], p[1], o),
    lcdf: (y, p, o) => F.gammaLcdf(y, p[0], p[1], o),
    lccdf: (y, p, o) => F.gammaLccdf(y, p[0], p[1], o),
    interval: (a, b, p, o) => F.gammaLogInterval(a, b, p[0], p[1], o),
    arb: fc
      .tuple(logUniform(0.01, 100), logUniform(0.1, 300), logUniform(1e-3, 30))
      .map(([mu, k, r]) => ({ y: mu * r, p: [mu, k] })),
    discrete: false,
  },
  {
    name: 'weibull',
    intervalScale: (y, p) => Math.max(y, p[0]) / p[1],
    kinds: ['pos', 'pos'],
    lpdf: (y, p, o) => F.weibullLpdf(y, p[0], p[1], o),
    lcdf: (y, p, o) => F.weibullLcdf(y, p[0], p[1], o),
    lccdf: (y, p, o) => F.weibullLccdf(y, p[0], p[1], o),
    interval: (a, b, p, o) => F.weibullLogInterval(a, b, p[0], p[1], o),
    arb: fc
      .tuple(logUniform(0.01, 100), logUniform(0.3, 20), logUniform(1e-2, 5))
      .map(([mu, k, r]) => ({ y: mu * r, p: [mu, k] })),
    discrete: false,
  },
  {
    name: 'exponential',
    intervalScale: (y, p) => Math.max(y, p[0]),
    kinds: ['pos'],
    lpdf: (y, p, o) => F.exponentialLpdf(y, p[0], o),
    lcdf: (y, p, o) => F.exponentialLcdf(y, p[0], o),
    lccdf: (y, p, o) => F.exponentialLccdf(y, p[0], o),
    interval: (a, b, p, o) => F.exponentialLogInterval(a, b, p[0], o),
    arb: fc.tuple(logUniform(0.01, 100), logUniform(1e-4, 50)).map(([mu, r]) => ({ y: mu * r, p: [mu] })),
    discrete: false,
  },
  {
    name: 'beta',
    intervalScale: (y) => (1 - y) / 3.5,
    kinds: ['prob', 'pos'],
    lpdf: (y, p, o) => F.betaLpdf(y, p[0], p[1], o),
    lcdf: (y, p, o) => F.betaLcdf(y, p[0], p[1], o),
    lccdf: (y, p, o) => F.betaLccdf(y, p[0], p[1], o),
    interval: (a, b, p, o) => F.betaLogInterval(a, b, p[0], p[1], o),
    arb: fc.tuple(prob(0.02, 0.98), logUniform(0.5, 300), prob(0.001, 0.999)).map(([mu, phi, y]) => ({ y, p: [mu, phi] })),
    discrete: false,
  },
  {
    name: 'poisson',
    kinds: ['pos'],
    lpdf: (y, p, o) => F.poissonLpmf(y, p[0], o),
    lcdf: (y, p, o) => F.poissonLcdf(y, p[0], o),
    lccdf: (y, p, o) => F.poissonLccdf(y, p[0], o),
    interval: (a, b, p, o) => F.poissonLogInterval(a, b, p[0], o),
    arb: fc.tuple(logUniform(0.05, 1000), count(2000)).map(([mu, y]) => ({ y, p: [mu] })),
    discrete: true,
  },
  {
    name: 'negbinomial',
    kinds: ['pos', 'pos'],
    lpdf: (y, p, o) => F.negbinomialLpmf(y, p[0], p[1], o),
    lcdf: (y, p, o) => F.negbinomialLcdf(y, p[0], p[1], o),
    lccdf: (y, p, o) => F.negbinomialLccdf(y, p[0], p[1], o),
    interval: (a, b, p, o) => F.negbinomialLogInterval(a, b, p[0], p[1], o),
    arb: fc
      .tuple(logUniform(0.05, 500), logUniform(0.1, 500), count(1500))
      .map(([mu, k, y]) => ({ y, p: [mu, k] })),
    discrete: true,
  },
  {
    name: 'binomial',
    kinds: ['prob'],
    lpdf: (y, p, o) => F.binomialLpmf(y, TRIALS, p[0], o),
    lcdf: (y, p, o) => F.binomialLcdf(y, TRIALS, p[0], o),
    lccdf: (y, p, o) => F.binomialLccdf(y, TRIALS, p[0], o),
    interval: (a, b, p, o) => F.binomialLogInterval(a, b, TRIALS, p[0], o),
    arb: fc.tuple(prob(0.01, 0.99), count(TRIALS)).map(([mu, y]) => ({ y, p: [mu] })),
    discrete: true,
  },
  {
    name: 'bernoulli',
    kinds: ['prob'],
    lpdf: (y, p, o) => F.bernoulliLpmf(y, p[0], o),
    arb: fc.tuple(prob(0.001, 0.999), count(1)).map(([mu, y]) => ({ y, p: [mu] })),
    discrete: true,
  },
  {
    name: 'zero_inflated_poisson',
    kinds: ['pos', 'prob'],
    lpdf: (y, p, o) => F.zeroInflatedPoissonLpmf(y, p[0], p[1], o),
    arb: fc
      .tuple(logUniform(0.01, 200), prob(0.001, 0.999), count(300), fc.boolean())
      .map(([mu, zi, y, zero]) => ({ y: zero ? 0 : y, p: [mu, zi] })),
    discrete: true,
  },
  {
    name: 'zero_inflated_negbinomial',
    kinds: ['pos', 'pos', 'prob'],
    lpdf: (y, p, o) => F.zeroInflatedNegbinomialLpmf(y, p[0], p[1], p[2], o),
    arb: fc
      .tuple(logUniform(0.01, 200), logUniform(0.1, 100), prob(0.001, 0.999), count(300), fc.boolean())
      .map(([mu, k, zi, y, zero]) => ({ y: zero ? 0 : y, p: [mu, k, zi] })),
    discrete: true,
  },
  {
    name: 'hurdle_poisson',
    kinds: ['pos', 'prob'],
    lpdf: (y, p, o) => F.hurdlePoissonLpmf(y, p[0], p[1], o),
    arb: fc
      .tuple(logUniform(0.001, 200), prob(0.001, 0.999), count(300), fc.boolean())
      .map(([mu, hu, y, zero]) => ({ y: zero ? 0 : y, p: [mu, hu] })),
    discrete: true,
  },
  {
    name: 'hurdle_negbinomial',
    kinds: ['pos', 'pos', 'prob'],
    lpdf: (y, p, o) => F.hurdleNegbinomialLpmf(y, p[0], p[1], p[2], o),
    arb: fc
      .tuple(logUniform(0.001, 200), logUniform(0.1, 100), prob(0.001, 0.999), count(300), fc.boolean())
      .map(([mu, k, hu, y, zero]) => ({ y: zero ? 0 : y, p: [mu, k, hu] })),
    discrete: true,
  },
  {
    name: 'hurdle_lognormal',
    kinds: ['real', 'pos', 'prob'],
    lpdf: (y, p, o) => F.hurdleLognormalLpdf(y, p[0], p[1], p[2], o),
    arb: fc
      .tuple(real(-5, 5), logUniform(0.05, 3), prob(0.001, 0.999), real(-30, 30), fc.boolean())
      .map(([mu, s, hu, z, zero]) => ({ y: zero ? 0 : Math.exp(mu + s * z), p: [mu, s, hu] })),
    discrete: false,
  },
];
