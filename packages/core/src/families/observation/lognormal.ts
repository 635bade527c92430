/** Lognormal(meanlog mu, sdlog sigma) per observation: the normal pieces on log y. */
import type { RandomSource } from '../types.js';
import { HALF_LOG_2PI_N, stdNormalLcdf, stdNormalLccdf } from '../cdf/normal.js';
import { chainStandardised } from './gaussian.js';
import { isPositive, setCertain, setImpossible } from './slots.js';

/** out = [log LN(y | mu, sigma), d/dmu, d/dsigma]; y <= 0 is impossible. */
export function lognormalLpdf(y: number, mu: number, sigma: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || !isPositive(y)) return setImpossible(out, 3);
  const logY = Math.log(y);
  const inv = 1 / sigma;
  const z = (logY - mu) * inv;
  out[0] = -logY - HALF_LOG_2PI_N - Math.log(sigma) - 0.5 * z * z;
  out[1] = z * inv;
  out[2] = (z * z - 1) * inv;
}

export function lognormalLcdf(y: number, mu: number, sigma: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setImpossible(out, 3);
  const z = (Math.log(y) - mu) / sigma;
  stdNormalLcdf(z, out);
  chainStandardised(z, sigma, out);
}

export function lognormalLccdf(y: number, mu: number, sigma: number, out: Float64Array): void {
  if (!isPositive(sigma) || !Number.isFinite(mu) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setCertain(out, 3);
  const z = (Math.log(y) - mu) / sigma;
  stdNormalLccdf(z, out);
  chainStandardised(z, sigma, out);
}

export function lognormalRng(mu: number, sigma: number, rng: RandomSource): number {
  return Math.exp(mu + sigma * rng.normal());
}

export function lognormalMean(mu: number, sigma: number): number {
  return Math.exp(mu + 0.5 * sigma * sigma);
}
