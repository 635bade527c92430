/**
 * Student t(nu, mu, sigma) per observation. The CDF is F(t) = I_x(nu/2, 1/2) / 2 for t <= 0 with
 * x = nu / (nu + t^2) (and 1 - F(-t) above 0), from the incomplete beta in log space, so a point 30
 * scales away keeps its value and derivatives.
 */
import type { RandomSource } from '../types.js';
import { LOG_PI, digamma, lgamma } from '../special.js';
import { sampleStudentT } from '../random.js';
import { logIncBeta } from '../cdf/incbeta.js';
import { log1mexp } from '../cdf/logdiff.js';
import { isPositive, setImpossible } from './slots.js';

/**
 * The nu-only and sigma-only terms of the last nu / sigma seen (as gamma.ts): constant across the
 * observations of one evaluation when they are single parameters, recomputed per observation when
 * they vary. lastNorm = lgamma((nu + 1) / 2) - lgamma(nu / 2) - (log nu + log pi) / 2 and
 * lastDNu = (psi((nu + 1) / 2) - psi(nu / 2)) / 2 - 1 / (2 nu) are the leading terms of the value and
 * of d/dnu, summed in the same order as the per-observation formula (identical values).
 */
let lastNu = NaN;
let lastNorm = NaN;
let lastDNu = NaN;
let lastSigma = NaN;
let lastLogSigma = NaN;

function refreshNu(nu: number): void {
  lastNu = nu;
  lastNorm = lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * (Math.log(nu) + LOG_PI);
  lastDNu = 0.5 * (digamma(0.5 * (nu + 1)) - digamma(0.5 * nu)) - 0.5 / nu;
}

/** out = [log t(y | nu, mu, sigma), d/dmu, d/dsigma, d/dnu]. */
export function studentLpdf(y: number, mu: number, sigma: number, nu: number, out: Float64Array): void {
  if (!isPositive(sigma) || !isPositive(nu) || !Number.isFinite(mu) || !Number.isFinite(y)) {
    return setImpossible(out, 4);
  }
  if (nu !== lastNu) refreshNu(nu);
  if (sigma !== lastSigma) {
    lastSigma = sigma;
    lastLogSigma = Math.log(sigma);
  }
  const z = (y - mu) / sigma;
  const z2 = z * z;
  const den = nu + z2;
  const log1pTerm = Math.log1p(z2 / nu);
  out[0] = lastNorm - lastLogSigma - 0.5 * (nu + 1) * log1pTerm;
  out[1] = ((nu + 1) * z) / (sigma * den);
  out[2] = ((nu + 1) * z2 / den - 1) / sigma;
  out[3] = lastDNu - 0.5 * log1pTerm + (0.5 * (nu + 1) * z2) / (nu * den);
}

const BETA = new Float64Array(4);

/** Standard t: out = [log F(t), d/dt, d/dnu]. */
export function stdStudentLcdf(t: number, nu: number, out: Float64Array): void {
  const t2 = t * t;
  const den = nu + t2;
  logIncBeta(nu / den, t2 / den, 0.5 * nu, 0.5, false, BETA);
  const logTail = BETA[0] - Math.LN2; // log F(-|t|)
  const dTailNu = 0.5 * BETA[2] + (BETA[1] * t2) / (den * den);
  if (nu !== lastNu) refreshNu(nu);
  const logDensity = lastNorm - 0.5 * (nu + 1) * Math.log1p(t2 / nu);
  if (t <= 0) {
    out[0] = logTail;
    out[1] = Math.exp(logDensity - logTail);
    out[2] = dTailNu;
  } else {
    const lp = log1mexp(-logTail);
    out[0] = lp;
    out[1] = Math.exp(logDensity - lp);
    out[2] = -Math.exp(logTail - lp) * dTailNu;
  }
}

/** out = [log P(Y <= y), d/dmu, d/dsigma, d/dnu]. */
export function studentLcdf(y: number, mu: number, sigma: number, nu: number, out: Float64Array): void {
  if (!isPositive(sigma) || !isPositive(nu) || !Number.isFinite(mu) || !Number.isFinite(y)) {
    return setImpossible(out, 4);
  }
  const t = (y - mu) / sigma;
  stdStudentLcdf(t, nu, out);
  const g = out[1];
  out[3] = out[2];
  out[1] = -g / sigma;
  out[2] = (-g * t) / sigma;
}

/** out = [log P(Y > y), d/dmu, d/dsigma, d/dnu] = log F(-t) by symmetry. */
export function studentLccdf(y: number, mu: number, sigma: number, nu: number, out: Float64Array): void {
  if (!isPositive(sigma) || !isPositive(nu) || !Number.isFinite(mu) || !Number.isFinite(y)) {
    return setImpossible(out, 4);
  }
  const t = (y - mu) / sigma;
  stdStudentLcdf(-t, nu, out);
  const g = out[1];
  out[3] = out[2];
  out[1] = g / sigma;
  out[2] = (g * t) / sigma;
}

export function studentRng(mu: number, sigma: number, nu: number, rng: RandomSource): number {
  return mu + sigma * sampleStudentT(nu, rng);
}

/** E[y] = mu for nu > 1 (undefined, NaN, otherwise). */
export function studentMean(mu: number, nu: number): number {
  return nu > 1 ? mu : Number.NaN;
}
