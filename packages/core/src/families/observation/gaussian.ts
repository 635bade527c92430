/** Normal(mu, sigma) per observation: log density, log CDF / CCDF (tails via erfcx), RNG, mean. */
import type { RandomSource } from '../types.js';
import { stdNormalLcdf, stdNormalLccdf, HALF_LOG_2PI_N } from '../cdf/normal.js';
import { isPositive, setImpossible } from './slots.js';

/** out = [log N(y | mu, sigma), d/dmu, d/dsigma]. */
export function gaussianLpdf(y: number, mu: number, sigma: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || !Number.isFinite(y)) return setImpossible(out, 3);
  const inv = 1 / sigma;
  const z = (y - mu) * inv;
  out[0] = -HALF_LOG_2PI_N - Math.log(sigma) - 0.5 * z * z;
  out[1] = z * inv;
  out[2] = (z * z - 1) * inv;
}

/** out = [log P(Y <= y), d/dmu, d/dsigma]. */
export function gaussianLcdf(y: number, mu: number, sigma: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || Number.isNaN(y)) return setImpossible(out, 3);
  const z = (y - mu) / sigma;
  stdNormalLcdf(z, out);
  chainStandardised(z, sigma, out);
}

/** out = [log P(Y > y), d/dmu, d/dsigma]. */
export function gaussianLccdf(y: number, mu: number, sigma: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || Number.isNaN(y)) return setImpossible(out, 3);
  const z = (y - mu) / sigma;
  stdNormalLccdf(z, out);
  chainStandardised(z, sigma, out);
}

/** From out[1] = d/dz of a function of z = (y - mu) / sigma to [., d/dmu, d/dsigma]. */
export function chainStandardised(z: number, sigma: number, out: Float64Array): void {
  const g = out[1];
  out[1] = z === Infinity || z === -Infinity ? 0 : -g / sigma;
  out[2] = z === Infinity || z === -Infinity ? 0 : (-g * z) / sigma;
}

export function gaussianRng(mu: number, sigma: number, rng: RandomSource): number {
  return mu + sigma * rng.normal();
}

export function gaussianMean(mu: number): number {
  return mu;
}
