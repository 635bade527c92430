/**
 * Cumulative ordinal model (brms `cumulative`), K categories 1..K, thresholds theta_1 < ... <
 * theta_{K-1}: P(y <= k) = F(theta_k - eta), F logistic or standard normal. An observation y
 * depends only on its two neighbouring thresholds, lower = theta_{y-1} (-Infinity for y = 1) and
 * upper = theta_y (+Infinity for y = K), so the core functions take those two scalars:
 * out = [log P(y), d/deta, d/dlower, d/dupper]; every other threshold has derivative 0.
 * With a = lower - eta, b = upper - eta:
 * - logit: log(F(b) - F(a)) = b + log1mexp(b - a) - softplus(a) - softplus(b), exact in both tails.
 * - probit: log Phi(b) + log1mexp(log Phi(b) - log Phi(a)), or the mirror image in the upper tail
 *   (a > 0), with the log CDFs from the erfcx form.
 */
import type { RandomSource } from '../types.js';
import { invLogit, softplus } from '../special.js';
import { HALF_LOG_2PI_N, stdNormalCdf, stdNormalLcdf } from '../cdf/normal.js';
import { log1mexp } from '../cdf/logdiff.js';
import { setImpossible } from './slots.js';

function finishThresholds(dLower: number, dUpper: number, out: Float64Array): void {
  out[1] = -(dLower + dUpper);
  out[2] = dLower;
  out[3] = dUpper;
}

/** out = [log P(y | eta, lower, upper), d/deta, d/dlower, d/dupper] under the logistic F. */
export function cumulativeLogitLpmf(eta: number, lower: number, upper: number, out: Float64Array): void {
  if (!(lower < upper) || !Number.isFinite(eta) || Number.isNaN(lower) || Number.isNaN(upper)) {
    return setImpossible(out, 4);
  }
  const a = lower - eta;
  const b = upper - eta;
  if (a === -Infinity && b === Infinity) {
    out[0] = 0;
    return finishThresholds(0, 0, out);
  }
  if (a === -Infinity) {
    out[0] = -softplus(-b);
    return finishThresholds(0, invLogit(-b), out);
  }
  if (b === Infinity) {
    out[0] = -softplus(a);
    return finishThresholds(-invLogit(a), 0, out);
  }
  const gap = b - a;
  const r = 1 / Math.expm1(gap);
  out[0] = b + log1mexp(gap) - softplus(a) - softplus(b);
  finishThresholds(-r - invLogit(a), 1 + r - invLogit(b), out);
}

const NA = new Float64Array(2);
const NB = new Float64Array(2);

function logNormalDensity(x: number): number {
  return -0.5 * x * x - HALF_LOG_2PI_N;
}

/** out = [log P(y | eta, lower, upper), d/deta, d/dlower, d/dupper] under the normal F. */
export function cumulativeProbitLpmf(eta: number, lower: number, upper: number, out: Float64Array): void {
  if (!(lower < upper) || !Number.isFinite(eta) || Number.isNaN(lower) || Number.isNaN(upper)) {
    return setImpossible(out, 4);
  }
  const a = lower - eta;
  const b = upper - eta;
  let lp: number;
  if (a === -Infinity && b === Infinity) lp = 0;
  else if (a === -Infinity) {
    stdNormalLcdf(b, NB);
    lp = NB[0];
  } else if (b === Infinity) {
    stdNormalLcdf(-a, NA);
    lp = NA[0];
  } else if (a > 0) {
    // Both in the upper tail: Phi(b) - Phi(a) = Phi(-a) - Phi(-b).
    stdNormalLcdf(-a, NA);
    stdNormalLcdf(-b, NB);
    lp = NA[0] + log1mexp(NA[0] - NB[0]);
  } else {
    stdNormalLcdf(a, NA);
    stdNormalLcdf(b, NB);
    lp = NB[0] + log1mexp(NB[0] - NA[0]);
  }
  out[0] = lp;
  const dLower = a === -Infinity ? 0 : -Math.exp(logNormalDensity(a) - lp);
  const dUpper = b === Infinity ? 0 : Math.exp(logNormalDensity(b) - lp);
  finishThresholds(dLower, dUpper, out);
}

/** Thresholds around category y (1..K, K = theta.length + 1) from an array. */
function lowerOf(y: number, theta: ArrayLike<number>): number {
  return y === 1 ? -Infinity : theta[y - 2];
}
function upperOf(y: number, theta: ArrayLike<number>): number {
  return y === theta.length + 1 ? Infinity : theta[y - 1];
}

/** Convenience: cumulativeLogitLpmf for category y with all thresholds in `theta`. */
export function cumulativeLogitLpmfAt(y: number, eta: number, theta: ArrayLike<number>, out: Float64Array): void {
  if (!(y >= 1 && y <= theta.length + 1 && y === Math.floor(y))) return setImpossible(out, 4);
  cumulativeLogitLpmf(eta, lowerOf(y, theta), upperOf(y, theta), out);
}

export function cumulativeProbitLpmfAt(y: number, eta: number, theta: ArrayLike<number>, out: Float64Array): void {
  if (!(y >= 1 && y <= theta.length + 1 && y === Math.floor(y))) return setImpossible(out, 4);
  cumulativeProbitLpmf(eta, lowerOf(y, theta), upperOf(y, theta), out);
}

/** Latent-variable draw: eta + logistic (or normal) noise, category = 1 + #thresholds below it. */
export function cumulativeLogitRng(eta: number, theta: ArrayLike<number>, rng: RandomSource): number {
  let u = rng.uniform();
  while (u <= 0) u = rng.uniform();
  return categoryOf(eta + Math.log(u) - Math.log1p(-u), theta);
}

export function cumulativeProbitRng(eta: number, theta: ArrayLike<number>, rng: RandomSource): number {
  return categoryOf(eta + rng.normal(), theta);
}

function categoryOf(latent: number, theta: ArrayLike<number>): number {
  let k = 1;
  while (k <= theta.length && latent > theta[k - 1]) k++;
  return k;
}

/** E[y] = sum_k k P(y = k) = 1 + sum_k P(y > k) = 1 + sum_k (1 - F(theta_k - eta)). */
export function cumulativeLogitMean(eta: number, theta: ArrayLike<number>): number {
  let m = 1;
  for (let k = 0; k < theta.length; k++) m += invLogit(eta - theta[k]);
  return m;
}

export function cumulativeProbitMean(eta: number, theta: ArrayLike<number>): number {
  let m = 1;
  for (let k = 0; k < theta.length; k++) m += stdNormalCdf(eta - theta[k]);
  return m;
}
