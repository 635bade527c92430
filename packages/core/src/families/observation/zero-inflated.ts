/**
 * Zero-inflated Poisson and negative binomial (brms): with probability zi a structural zero,
 * otherwise the count distribution. P(0) = zi + (1 - zi) p0 is summed in log space (logSumExp of
 * log zi and log(1 - zi) + log p0), so it stays exact when either part is tiny.
 */
import type { RandomSource } from '../types.js';
import { samplePoisson, sampleNegBinomial } from '../random.js';
import { logSumExp } from '../cdf/logdiff.js';
import { poissonLpmf } from './poisson.js';
import { negbinomialLogZero, negbinomialLpmf } from './negbinomial.js';
import { isPositive, isProbability, setImpossible } from './slots.js';

/** out = [log ZIP(y | mu, zi), d/dmu, d/dzi]. */
export function zeroInflatedPoissonLpmf(y: number, mu: number, zi: number, out: Float64Array): void {
  if (!isPositive(mu) || !isProbability(zi)) return setImpossible(out, 3);
  const log1mZi = Math.log1p(-zi);
  if (y === 0) {
    const lp = logSumExp(Math.log(zi), log1mZi - mu);
    out[0] = lp;
    out[1] = -Math.exp(log1mZi - mu - lp); // d/dmu of (1 - zi) e^-mu, over P(0)
    out[2] = -Math.expm1(-mu) * Math.exp(-lp); // (1 - e^-mu) / P(0)
    return;
  }
  poissonLpmf(y, mu, out);
  if (out[0] === -Infinity) return setImpossible(out, 3);
  out[0] += log1mZi;
  out[2] = -1 / (1 - zi);
}

const Z0 = new Float64Array(3);

/** out = [log ZINB(y | mu, shape, zi), d/dmu, d/dshape, d/dzi]. */
export function zeroInflatedNegbinomialLpmf(y: number, mu: number, shape: number, zi: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || !isProbability(zi)) return setImpossible(out, 4);
  const log1mZi = Math.log1p(-zi);
  if (y === 0) {
    negbinomialLogZero(mu, shape, Z0);
    const lp = logSumExp(Math.log(zi), log1mZi + Z0[0]);
    const w = Math.exp(log1mZi + Z0[0] - lp); // share of the count part in P(0)
    out[0] = lp;
    out[1] = w * Z0[1];
    out[2] = w * Z0[2];
    out[3] = -Math.expm1(Z0[0]) * Math.exp(-lp);
    return;
  }
  negbinomialLpmf(y, mu, shape, out);
  if (out[0] === -Infinity) return setImpossible(out, 4);
  out[0] += log1mZi;
  out[3] = -1 / (1 - zi);
}

export function zeroInflatedPoissonRng(mu: number, zi: number, rng: RandomSource): number {
  return rng.uniform() < zi ? 0 : samplePoisson(mu, rng);
}

export function zeroInflatedNegbinomialRng(mu: number, shape: number, zi: number, rng: RandomSource): number {
  return rng.uniform() < zi ? 0 : sampleNegBinomial(mu, shape, rng);
}

/** E[y] = (1 - zi) mu (for both). */
export function zeroInflatedMean(mu: number, zi: number): number {
  return (1 - zi) * mu;
}
