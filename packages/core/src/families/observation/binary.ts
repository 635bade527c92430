/**
 * Bernoulli and binomial per observation, on the probability scale mu and, for the probability
 * links, from log mu / log(1 - mu) computed from eta (links-ext.ts logProbs*), which stays finite
 * where mu rounds to 0 or 1. P(Y <= k) = I_{1-p}(n - k, k + 1), the incomplete beta in log space.
 */
import type { RandomSource } from '../types.js';
import { logChoose } from '../special.js';
import { sampleBinomial } from '../random.js';
import { logIncBeta } from '../cdf/incbeta.js';
import { isProbability, setCertain, setImpossible } from './slots.js';

function isCount(y: number): boolean {
  return y >= 0 && y === Math.floor(y) && y < Infinity;
}

/** out = [log p(y | mu), d/dmu]; y in {0, 1}. */
export function bernoulliLpmf(y: number, mu: number, out: Float64Array): void {
  if (!(mu >= 0 && mu <= 1) || !(y === 0 || y === 1)) return setImpossible(out, 2);
  if (y === 1) {
    out[0] = Math.log(mu);
    out[1] = 1 / mu;
  } else {
    out[0] = Math.log1p(-mu);
    out[1] = -1 / (1 - mu);
  }
  if (out[0] === -Infinity) out[1] = 0;
}

/** out = [log Binomial(y | n, mu), d/dmu]. */
export function binomialLpmf(y: number, n: number, mu: number, out: Float64Array): void {
  if (!(mu >= 0 && mu <= 1) || !isCount(y) || !isCount(n) || y > n) return setImpossible(out, 2);
  const a = y === 0 ? 0 : y * Math.log(mu);
  const b = y === n ? 0 : (n - y) * Math.log1p(-mu);
  out[0] = logChoose(n, y) + a + b;
  out[1] = out[0] === -Infinity ? 0 : (y === 0 ? 0 : y / mu) - (y === n ? 0 : (n - y) / (1 - mu));
}

/**
 * out = [log Binomial(y | n, mu(eta)), d/deta] from probs = [log mu, log(1 - mu), d log mu / deta,
 * d log(1 - mu) / deta] (a logProbs* result). Bernoulli is n = 1.
 */
export function binomialLpmfFromLogProbs(y: number, n: number, probs: Float64Array, out: Float64Array): void {
  if (!isCount(y) || !isCount(n) || y > n) return setImpossible(out, 2);
  const a = y === 0 ? 0 : y * probs[0];
  const b = y === n ? 0 : (n - y) * probs[1];
  out[0] = logChoose(n, y) + a + b;
  out[1] = out[0] === -Infinity ? 0 : (y === 0 ? 0 : y * probs[2]) + (y === n ? 0 : (n - y) * probs[3]);
}

const IB = new Float64Array(4);

/** out = [log P(Y <= y), d/dmu] for Binomial(n, mu) (y floored). */
export function binomialLcdf(y: number, n: number, mu: number, out: Float64Array): void {
  if (!isProbability(mu) || !isCount(n) || Number.isNaN(y)) return setImpossible(out, 2);
  const k = Math.floor(y);
  if (k < 0) return setImpossible(out, 2);
  if (k >= n) return setCertain(out, 2);
  logIncBeta(1 - mu, mu, n - k, k + 1, false, IB);
  out[0] = IB[0];
  out[1] = -IB[1];
}

/** out = [log P(Y > y), d/dmu]. */
export function binomialLccdf(y: number, n: number, mu: number, out: Float64Array): void {
  if (!isProbability(mu) || !isCount(n) || Number.isNaN(y)) return setImpossible(out, 2);
  const k = Math.floor(y);
  if (k < 0) return setCertain(out, 2);
  if (k >= n) return setImpossible(out, 2);
  logIncBeta(1 - mu, mu, n - k, k + 1, true, IB);
  out[0] = IB[0];
  out[1] = -IB[1];
}

export function bernoulliRng(mu: number, rng: RandomSource): number {
  return rng.uniform() < mu ? 1 : 0;
}

export function binomialRng(n: number, mu: number, rng: RandomSource): number {
  return sampleBinomial(n, mu, rng);
}

export function bernoulliMean(mu: number): number {
  return mu;
}

export function binomialMean(n: number, mu: number): number {
  return n * mu;
}
