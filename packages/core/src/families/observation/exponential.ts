/** Exponential with mean mu (rate 1 / mu): closed-form pieces; log CCDF = -y / mu is exact. */
import type { RandomSource } from '../types.js';
import { log1mexp } from '../cdf/logdiff.js';
import { isPositive, setCertain, setImpossible } from './slots.js';

/** out = [log Exp(y | rate 1/mu), d/dmu]; y < 0 is impossible. */
export function exponentialLpdf(y: number, mu: number, out: Float64Array): void {
  if (!isPositive(mu) || !(y >= 0 && y < Infinity)) return setImpossible(out, 2);
  out[0] = -Math.log(mu) - y / mu;
  out[1] = (y / mu - 1) / mu;
}

export function exponentialLcdf(y: number, mu: number, out: Float64Array): void {
  if (!isPositive(mu) || Number.isNaN(y) || y <= 0) return setImpossible(out, 2);
  if (y === Infinity) return setCertain(out, 2);
  const z = y / mu;
  out[0] = log1mexp(z);
  out[1] = -z / mu / Math.expm1(z);
}

export function exponentialLccdf(y: number, mu: number, out: Float64Array): void {
  if (!isPositive(mu) || Number.isNaN(y)) return setImpossible(out, 2);
  if (y <= 0) return setCertain(out, 2);
  if (y === Infinity) return setImpossible(out, 2);
  out[0] = -y / mu;
  out[1] = y / (mu * mu);
}

export function exponentialRng(mu: number, rng: RandomSource): number {
  let u = rng.uniform();
  while (u <= 0) u = rng.uniform();
  return -mu * Math.log(u);
}

export function exponentialMean(mu: number): number {
  return mu;
}
