/**
 * Gamma with mean mu and shape alpha (brms): rate = alpha / mu, variance mu^2 / alpha. The CDF is
 * P(alpha, y alpha / mu), the regularized lower incomplete gamma, in log space with its shape
 * derivative (cdf/incgamma.ts).
 */
import type { RandomSource } from '../types.js';
import { digamma, lgamma } from '../special.js';
import { sampleGamma } from '../random.js';
import { logIncGamma } from '../cdf/incgamma.js';
import { isPositive, setCertain, setImpossible } from './slots.js';

/** The shape-only terms of the last shape seen: constant across the observations of one evaluation. */
let lastShape = NaN;
let lastLogShape = NaN;
let lastLgamma = NaN;
let lastDigamma = NaN;

/** out = [log Gamma(y | shape alpha, rate alpha / mu), d/dmu, d/dshape]; y <= 0 is impossible. */
export function gammaLpdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || !isPositive(y)) return setImpossible(out, 3);
  if (shape !== lastShape) {
    lastShape = shape;
    lastLogShape = Math.log(shape);
    lastLgamma = lgamma(shape);
    lastDigamma = digamma(shape);
  }
  const logY = Math.log(y);
  const logRate = lastLogShape - Math.log(mu);
  const ratio = y / mu;
  out[0] = shape * logRate - lastLgamma + (shape - 1) * logY - shape * ratio;
  out[1] = (shape * (ratio - 1)) / mu;
  out[2] = logRate + 1 - lastDigamma + logY - ratio;
}

const IG = new Float64Array(3);

function gammaTail(y: number, mu: number, shape: number, upper: boolean, out: Float64Array): void {
  const x = (y * shape) / mu;
  logIncGamma(shape, x, upper, IG);
  out[0] = IG[0];
  out[1] = (-IG[2] * x) / mu;
  out[2] = IG[1] + (IG[2] * y) / mu;
}

/** out = [log P(Y <= y), d/dmu, d/dshape]. */
export function gammaLcdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setImpossible(out, 3);
  if (y === Infinity) return setCertain(out, 3);
  gammaTail(y, mu, shape, false, out);
}

/** out = [log P(Y > y), d/dmu, d/dshape]. */
export function gammaLccdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setCertain(out, 3);
  if (y === Infinity) return setImpossible(out, 3);
  gammaTail(y, mu, shape, true, out);
}

export function gammaRng(mu: number, shape: number, rng: RandomSource): number {
  return (sampleGamma(shape, rng) * mu) / shape;
}

export function gammaMean(mu: number): number {
  return mu;
}
