/**
 * Weibull with mean mu and shape k (brms): scale lambda = mu / Gamma(1 + 1/k). With
 * z = (y / lambda)^k the log CCDF is -z exactly and the log CDF is log(1 - exp(-z)) by log1mexp,
 * so both tails are exact. d log lambda / dk = psi(1 + 1/k) / k^2.
 */
import type { RandomSource } from '../types.js';
import { digamma, lgamma } from '../special.js';
import { log1mexp } from '../cdf/logdiff.js';
import { pow } from '../../math/pow.js';
import { isPositive, setCertain, setImpossible } from './slots.js';

/**
 * The shape-only terms of the last shape seen (as gamma.ts): constant across the observations of one
 * evaluation when the shape is one parameter, recomputed per observation when it varies.
 */
let lastShape = NaN;
let lastInvK = NaN;
let lastLogShape = NaN;
let lastLgamma = NaN; // lgamma(1 + 1/k)
let lastDigamma = NaN; // psi(1 + 1/k)

function refreshShape(shape: number): void {
  lastShape = shape;
  lastInvK = 1 / shape;
  lastLogShape = Math.log(shape);
  lastLgamma = lgamma(1 + lastInvK);
  lastDigamma = digamma(1 + lastInvK);
}

/** out = [log Weibull(y | k, lambda(mu, k)), d/dmu, d/dshape]; y <= 0 is impossible. */
export function weibullLpdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || !isPositive(y)) return setImpossible(out, 3);
  if (shape !== lastShape) refreshShape(shape);
  const invK = lastInvK;
  const logLambda = Math.log(mu) - lastLgamma;
  const logRatio = Math.log(y) - logLambda;
  const z = Math.exp(shape * logRatio);
  out[0] = lastLogShape + (shape - 1) * logRatio - logLambda - z;
  out[1] = (shape * (z - 1)) / mu;
  out[2] = invK + logRatio * (1 - z) + ((z - 1) * lastDigamma) * invK;
}

/** z = (y / lambda)^k and its derivatives into Z = [z, dz/dmu, dz/dk]. */
const Z = new Float64Array(3);
function weibullZ(y: number, mu: number, shape: number): void {
  if (shape !== lastShape) refreshShape(shape);
  const invK = lastInvK;
  const psi = lastDigamma;
  const logRatio = Math.log(y) - Math.log(mu) + lastLgamma;
  const z = Math.exp(shape * logRatio);
  Z[0] = z;
  Z[1] = (-shape * z) / mu;
  Z[2] = z * (logRatio - psi * invK);
}

/** out = [log P(Y <= y), d/dmu, d/dshape]. */
export function weibullLcdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setImpossible(out, 3);
  if (y === Infinity) return setCertain(out, 3);
  weibullZ(y, mu, shape);
  const z = Z[0];
  const w = 1 / Math.expm1(z); // d log(1 - e^-z) / dz
  out[0] = log1mexp(z);
  out[1] = w * Z[1];
  out[2] = w * Z[2];
}

/** out = [log P(Y > y), d/dmu, d/dshape] = [-z, -dz/dmu, -dz/dk]. */
export function weibullLccdf(y: number, mu: number, shape: number, out: Float64Array): void {
  if (!isPositive(mu) || !isPositive(shape) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setCertain(out, 3);
  if (y === Infinity) return setImpossible(out, 3);
  weibullZ(y, mu, shape);
  out[0] = -Z[0];
  out[1] = -Z[1];
  out[2] = -Z[2];
}

/** Inversion: lambda (-log U)^(1/k). */
export function weibullRng(mu: number, shape: number, rng: RandomSource): number {
  let u = rng.uniform();
  while (u <= 0) u = rng.uniform();
  const lambda = mu / Math.exp(lgamma(1 + 1 / shape));
  return lambda * pow(-Math.log(u), 1 / shape); // not Math.pow: the same draws in every engine
}

export function weibullMean(mu: number): number {
  return mu;
}
