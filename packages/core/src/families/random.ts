/**
 * Random variates for posterior prediction, built only on a `RandomSource` (uniform + normal), so
 * results are reproducible from the caller's seeded generator. All methods are exact (no normal
 * approximations):
 * - gamma: Marsaglia & Tsang (2000) squeeze/rejection; shape < 1 via the boost G(a) = G(a+1) U^(1/a).
 * - poisson: inversion (sequential search of the CDF) for mean < 10; Hormann's (1993) PTRS transformed
 *   rejection with squeeze for mean >= 10.
 * - binomial: inversion when n * min(p, 1-p) < 10; otherwise Knuth's beta-order-statistic split
 *   (the a-th of n uniforms is Beta(a, n+1-a)), which recurses O(log n) times down to inversion.
 * - student t: Z / sqrt(2 G(nu/2) / nu); negative binomial: Poisson(Gamma(shape, shape/mu)).
 */
import type { RandomSource } from './types.js';
import { lgamma } from './special.js';

/** A uniform draw strictly inside (0, 1) (generators may return exactly 0). */
function openUniform(rng: RandomSource): number {
  let u = rng.uniform();
  while (u <= 0 || u >= 1) u = rng.uniform();
  return u;
}

/** Gamma(shape, rate 1). */
export function sampleGamma(shape: number, rng: RandomSource): number {
  if (!(shape > 0)) return Number.NaN;
  if (shape < 1) {
    const g = sampleGamma(shape + 1, rng);
    return g * Math.exp(Math.log(openUniform(rng)) / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = openUniform(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

function poissonInversion(mean: number, rng: RandomSource): number {
  const u = rng.uniform();
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  // For mean < 10 the chance of k > 200 is far below double precision; the cap only guards rounding.
  while (u > cdf && k < 200) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

function poissonPtrs(mean: number, rng: RandomSource): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b);
    if (lhs <= -mean + k * logMean - lgamma(k + 1)) return k;
  }
}

export function samplePoisson(mean: number, rng: RandomSource): number {
  if (Number.isNaN(mean) || mean < 0) return Number.NaN;
  if (mean === 0) return 0;
  if (mean === Infinity) return Infinity;
  return mean < 10 ? poissonInversion(mean, rng) : poissonPtrs(mean, rng);
}

function binomialInversion(n: number, p: number, rng: RandomSource): number {
  // p <= 0.5 here, and n * p < 10, so q^n >= exp(-20): no underflow.
  const q = 1 - p;
  const ratio = p / q;
  let f = Math.exp(n * Math.log1p(-p));
  let cdf = f;
  const u = rng.uniform();
  let k = 0;
  while (u > cdf && k < n) {
    f *= (ratio * (n - k)) / (k + 1);
    k++;
    cdf += f;
  }
  return k;
}

export function sampleBinomial(n: number, p: number, rng: RandomSource): number {
  if (!(p >= 0 && p <= 1) || !(n >= 0)) return Number.NaN;
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, rng);
  if (n * p < 10) return binomialInversion(n, p, rng);
  const a = 1 + Math.floor(n / 2);
  const b = n + 1 - a;
  const ga = sampleGamma(a, rng);
  const x = ga / (ga + sampleGamma(b, rng));
  if (x >= p) return sampleBinomial(a - 1, p / x, rng);
  return a + sampleBinomial(b - 1, (p - x) / (1 - x), rng);
}

/** Student t with nu degrees of freedom, location 0, scale 1. */
export function sampleStudentT(nu: number, rng: RandomSource): number {
  const chi2 = 2 * sampleGamma(nu / 2, rng);
  return rng.normal() / Math.sqrt(chi2 / nu);
}

/** NB2: mean mu, variance mu + mu^2 / shape. */
export function sampleNegBinomial(mu: number, shape: number, rng: RandomSource): number {
  if (!(mu >= 0) || !(shape > 0)) return Number.NaN;
  return samplePoisson((sampleGamma(shape, rng) * mu) / shape, rng);
}
