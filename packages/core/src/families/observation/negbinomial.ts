/**
 * Negative binomial NB2 (Stan's neg_binomial_2, brms' negbinomial): mean mu, shape phi, variance
 * mu + mu^2 / phi. P(Y <= k) = I_p(phi, k + 1) with p = phi / (phi + mu), from the incomplete beta
 * in log space (both p and 1 - p = mu / (phi + mu) are passed, so neither loses digits).
 */
import type { RandomSource } from '../types.js';
import { digamma, lgamma } from '../special.js';
import { sampleNegBinomial } from '../random.js';
import { logIncBeta } from '../cdf/incbeta.js';
import { isPositive, setCertain, setImpossible } from './slots.js';

/**
 * The shape-only terms of the last shape seen (as gamma.ts): constant across the observations of one
 * evaluation when the shape is one parameter, recomputed per observation when it varies.
 */
let lastShape = NaN;
let lastLgamma = NaN;
let lastDigamma = NaN;

/** out = [log NB(y | mu, shape), d/dmu, d/dshape]. */
export function negbinomialLpmf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || !(y >= 0) || y !== Math.floor(y) || y === Infinity) {
    return setImpossible(out, 3);
  }
  if (shape !== lastShape) {
    lastShape = shape;
    lastLgamma = lgamma(shape);
    lastDigamma = digamma(shape);
  }
  const sum = shape + mu;
  const log1pRatio = Math.log1p(mu / shape); // -log(phi / (phi + mu))
  out[0] =
    lgamma(y + shape) - lastLgamma - lgamma(y + 1) - shape * log1pRatio + y * (Math.log(mu) - Math.log(sum));
  out[1] = y / mu - (y + shape) / sum;
  out[2] = digamma(y + shape) - lastDigamma - log1pRatio + (mu - y) / sum;
}

/** log P(Y = 0) = -phi log1p(mu / phi) with its derivatives, into z = [value, d/dmu, d/dshape]. */
export function negbinomialLogZero(mu: number, shape: number, z: Float64Array): void {
  const sum = shape + mu;
  const log1pRatio = Math.log1p(mu / shape);
  z[0] = -shape * log1pRatio;
  z[1] = -shape / sum;
  z[2] = mu / sum - log1pRatio;
}

const IB = new Float64Array(4);

function negbinomialTail(k: number, mu: number, shape: number, upper: boolean, out: Float64Array): void {
  const sum = shape + mu;
  logIncBeta(shape / sum, mu / sum, shape, k + 1, upper, IB);
  const dpScale = 1 / (sum * sum); // dp/dmu = -shape / sum^2, dp/dshape = mu / sum^2
  out[0] = IB[0];
  out[1] = -IB[1] * shape * dpScale;
  out[2] = IB[2] + IB[1] * mu * dpScale;
}

/** out = [log P(Y <= y), d/dmu, d/dshape] (y floored). */
export function negbinomialLcdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || Number.isNaN(y)) return setImpossible(out, 3);
  const k = Math.floor(y);
  if (k < 0) return setImpossible(out, 3);
  if (k === Infinity) return setCertain(out, 3);
  negbinomialTail(k, mu, shape, false, out);
}

/** out = [log P(Y > y), d/dmu, d/dshape]. */
export function negbinomialLccdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || Number.isNaN(y)) return setImpossible(out, 3);
  const k = Math.floor(y);
  if (k < 0) return setCertain(out, 3);
  if (k === Infinity) return setImpossible(out, 3);
  negbinomialTail(k, mu, shape, true, out);
}

export function negbinomialRng(mu: number, shape: number, rng: RandomSource): number {
  return sampleNegBinomial(mu, shape, rng);
}

export function negbinomialMean(mu: number): number {
  return mu;
}
