/**
 * Hurdle models (brms): y = 0 with probability hu, otherwise a draw from the zero-truncated count
 * distribution (Poisson, NB) or the lognormal. Truncation divides by 1 - p0, taken in log space:
 * log(1 - e^-mu) = log1mexp(mu) for the Poisson, log1mexp(-log p0) for the NB.
 */
import type { RandomSource } from '../types.js';
import { samplePoisson, sampleNegBinomial } from '../random.js';
import { log1mexp } from '../cdf/logdiff.js';
import { poissonLpmf } from './poisson.js';
import { negbinomialLogZero, negbinomialLpmf } from './negbinomial.js';
import { lognormalLpdf } from './lognormal.js';
import { isPositive, isProbability, setImpossible } from './slots.js';

/** out = [log HP(y | mu, hu), d/dmu, d/dhu]. */
export function hurdlePoissonLpmf(y: number, mu: number, hu: number, out: Float64Array): void {
  if (!isPositive(mu) || !isProbability(hu)) return setImpossible(out, 3);
  if (y === 0) {
    out[0] = Math.log(hu);
    out[1] = 0;
    out[2] = 1 / hu;
    return;
  }
  poissonLpmf(y, mu, out);
  if (out[0] === -Infinity) return setImpossible(out, 3);
  out[0] += Math.log1p(-hu) - log1mexp(mu);
  out[1] -= 1 / Math.expm1(mu); // d/dmu of -log(1 - e^-mu)
  out[2] = -1 / (1 - hu);
}

const Z0 = new Float64Array(3);

/** out = [log HNB(y | mu, shape, hu), d/dmu, d/dshape, d/dhu]. */
export function hurdleNegbinomialLpmf(y: number, mu: number, shape: number, hu: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || !isProbability(hu)) return setImpossible(out, 4);
  if (y === 0) {
    out[0] = Math.log(hu);
    out[1] = 0;
    out[2] = 0;
    out[3] = 1 / hu;
    return;
  }
  negbinomialLpmf(y, mu, shape, out);
  if (out[0] === -Infinity) return setImpossible(out, 4);
  negbinomialLogZero(mu, shape, Z0);
  // -log(1 - p0) has derivative (p0 / (1 - p0)) d log p0 = d log p0 / expm1(-log p0).
  const w = 1 / Math.expm1(-Z0[0]);
  out[0] += Math.log1p(-hu) - log1mexp(-Z0[0]);
  out[1] += w * Z0[1];
  out[2] += w * Z0[2];
  out[3] = -1 / (1 - hu);
}

/** out = [log HLN(y | mu, sigma, hu), d/dmu, d/dsigma, d/dhu]. */
export function hurdleLognormalLpdf(y: number, mu: number, sigma: number, hu: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || !isProbability(hu)) return setImpossible(out, 4);
  if (y === 0) {
    out[0] = Math.log(hu);
    out[1] = 0;
    out[2] = 0;
    out[3] = 1 / hu;
    return;
  }
  lognormalLpdf(y, mu, sigma, out);
  if (out[0] === -Infinity) return setImpossible(out, 4);
  out[0] += Math.log1p(-hu);
  out[3] = -1 / (1 - hu);
}

/**
 * Zero-truncated Poisson: rejection (redraw zeros) when P(0) = e^-mu <= 1/2, otherwise inversion
 * of the truncated pmf from k = 1, p(1) = mu e^-mu / (1 - e^-mu), p(k+1) = p(k) mu / (k+1).
 */
export function zeroTruncatedPoissonRng(mu: number, rng: RandomSource): number {
  if (!isPositive(mu)) return Number.NaN;
  if (mu >= Math.LN2) {
    for (;;) {
      const k = samplePoisson(mu, rng);
      if (k > 0) return k;
    }
  }
  const u = rng.uniform();
  let k = 1;
  let p = (mu * Math.exp(-mu)) / -Math.expm1(-mu);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= mu / k;
    cdf += p;
  }
  return k;
}

/** Zero-truncated NB2: rejection when P(0) <= 1/2, else inversion with p(k+1) = p(k) (k + r) / (k + 1) * mu / (r + mu). */
export function zeroTruncatedNegbinomialRng(mu: number, shape: number, rng: RandomSource): number {
  if (!isPositive(mu) || !isPositive(shape)) return Number.NaN;
  negbinomialLogZero(mu, shape, Z0);
  const logP0 = Z0[0];
  if (logP0 <= -Math.LN2) {
    for (;;) {
      const k = sampleNegBinomial(mu, shape, rng);
      if (k > 0) return k;
    }
  }
  const q = mu / (shape + mu);
  const u = rng.uniform();
  let k = 1;
  let p = (Math.exp(logP0) * shape * q) / -Math.expm1(logP0);
  let cdf = p;
  while (u > cdf && k < 100000) {
    p *= ((k + shape) / (k + 1)) * q;
    k++;
    cdf += p;
  }
  return k;
}

export function hurdlePoissonRng(mu: number, hu: number, rng: RandomSource): number {
  return rng.uniform() < hu ? 0 : zeroTruncatedPoissonRng(mu, rng);
}

export function hurdleNegbinomialRng(mu: number, shape: number, hu: number, rng: RandomSource): number {
  return rng.uniform() < hu ? 0 : zeroTruncatedNegbinomialRng(mu, shape, rng);
}

export function hurdleLognormalRng(mu: number, sigma: number, hu: number, rng: RandomSource): number {
  return rng.uniform() < hu ? 0 : Math.exp(mu + sigma * rng.normal());
}

/** E[y] = (1 - hu) mu / (1 - e^-mu). */
export function hurdlePoissonMean(mu: number, hu: number): number {
  return ((1 - hu) * mu) / -Math.expm1(-mu);
}

/** E[y] = (1 - hu) mu / (1 - p0), p0 = (shape / (shape + mu))^shape. */
export function hurdleNegbinomialMean(mu: number, shape: number, hu: number): number {
  return ((1 - hu) * mu) / -Math.expm1(-shape * Math.log1p(mu / shape));
}

/** E[y] = (1 - hu) exp(mu + sigma^2 / 2). */
export function hurdleLognormalMean(mu: number, sigma: number, hu: number): number {
  return (1 - hu) * Math.exp(mu + 0.5 * sigma * sigma);
}
