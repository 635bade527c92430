/** Poisson(mu) per observation; CDF P(Y <= k) = Q(k + 1, mu), the upper incomplete gamma in log space. */
import type { RandomSource } from '../types.js';
import { lgamma } from '../special.js';
import { samplePoisson } from '../random.js';
import { logIncGamma } from '../cdf/incgamma.js';
import { isPositive, setCertain, setImpossible } from './slots.js';

/** out = [log Poisson(y | mu), d/dmu]; y a non-negative integer; mu = 0 allows only y = 0. */
export function poissonLpmf(y: number, mu: number, out: Float64Array): void {
  if (!(mu >= 0 && mu < Infinity) || !(y >= 0) || y !== Math.floor(y) || y === Infinity) {
    return setImpossible(out, 2);
  }
  if (mu === 0) {
    if (y === 0) {
      out[0] = 0;
      out[1] = -1;
    } else setImpossible(out, 2);
    return;
  }
  out[0] = y * Math.log(mu) - mu - lgamma(y + 1);
  out[1] = y / mu - 1;
}

const IG = new Float64Array(3);

/** out = [log P(Y <= y), d/dmu] (y is floored). */
export function poissonLcdf(y: number, mu: number, out: Float64Array): void {
  if (!isPositive(mu) || Number.isNaN(y)) return setImpossible(out, 2);
  const k = Math.floor(y);
  if (k < 0) return setImpossible(out, 2);
  if (k === Infinity) return setCertain(out, 2);
  logIncGamma(k + 1, mu, true, IG);
  out[0] = IG[0];
  out[1] = IG[2];
}

/** out = [log P(Y > y), d/dmu] = log P(k + 1, mu). */
export function poissonLccdf(y: number, mu: number, out: Float64Array): void {
  if (!isPositive(mu) || Number.isNaN(y)) return setImpossible(out, 2);
  const k = Math.floor(y);
  if (k < 0) return setCertain(out, 2);
  if (k === Infinity) return setImpossible(out, 2);
  logIncGamma(k + 1, mu, false, IG);
  out[0] = IG[0];
  out[1] = IG[2];
}

export function poissonRng(mu: number, rng: RandomSource): number {
  return samplePoisson(mu, rng);
}

export function poissonMean(mu: number): number {
  return mu;
}
