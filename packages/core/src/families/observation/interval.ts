/**
 * log P(lo < Y <= hi) with derivatives (same slots as the family's lcdf), for interval censoring
 * (`cens(c, y2)`: lo = y, hi = y2) and two-sided truncation (the normaliser log(F(ub) - F(lb)); for
 * a count family pass lo = lb - 1 to include lb). When lo is below the median the difference is
 * taken between lower tails, log F(hi) + log1mexp(log F(hi) - log F(lo)); otherwise between upper
 * tails, log S(lo) + log1mexp(log S(lo) - log S(hi)), so an interval far in either tail keeps its
 * digits. lo = -Infinity or hi = +Infinity reduce to the lcdf or lccdf. lo >= hi is impossible.
 */
import { LOG_HALF, logDiffLower, logDiffUpper } from '../cdf/logdiff.js';
import { setImpossible } from './slots.js';
import { gaussianLcdf, gaussianLccdf } from './gaussian.js';
import { studentLcdf, studentLccdf } from './student.js';
import { lognormalLcdf, lognormalLccdf } from './lognormal.js';
import { gammaLcdf, gammaLccdf } from './gamma.js';
import { weibullLcdf, weibullLccdf } from './weibull.js';
import { exponentialLcdf, exponentialLccdf } from './exponential.js';
import { betaLcdf, betaLccdf } from './beta.js';
import { poissonLcdf, poissonLccdf } from './poisson.js';
import { negbinomialLcdf, negbinomialLccdf } from './negbinomial.js';
import { binomialLcdf, binomialLccdf } from './binary.js';

/** Scratch slots for the two tail evaluations (single-threaded, reused). */
const SA = new Float64Array(4);
const SB = new Float64Array(4);

export function gaussianLogInterval(lo: number, hi: number, mu: number, sigma: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 3);
  gaussianLcdf(lo, mu, sigma, SA);
  if (SA[0] < LOG_HALF) {
    gaussianLcdf(hi, mu, sigma, SB);
    return logDiffLower(SA, SB, 3, out);
  }
  gaussianLccdf(lo, mu, sigma, SA);
  gaussianLccdf(hi, mu, sigma, SB);
  logDiffUpper(SA, SB, 3, out);
}
export function studentLogInterval(lo: number, hi: number, mu: number, sigma: number, nu: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 4);
  if (lo === -Infinity || hi === Infinity) {
    // An infinite bound is one tail (or the whole line: log 1 = 0 with zero derivatives).
    if (hi !== Infinity) return studentLcdf(hi, mu, sigma, nu, out);
    if (lo !== -Infinity) return studentLccdf(lo, mu, sigma, nu, out);
    out.fill(0, 0, 4);
    return;
  }
  studentLcdf(lo, mu, sigma, nu, SA);
  if (SA[0] < LOG_HALF) {
    studentLcdf(hi, mu, sigma, nu, SB);
    return logDiffLower(SA, SB, 4, out);
  }
  studentLccdf(lo, mu, sigma, nu, SA);
  studentLccdf(hi, mu, sigma, nu, SB);
  logDiffUpper(SA, SB, 4, out);
}
export function lognormalLogInterval(lo: number, hi: number, mu: number, sigma: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 3);
  lognormalLcdf(lo, mu, sigma, SA);
  if (SA[0] < LOG_HALF) {
    lognormalLcdf(hi, mu, sigma, SB);
    return logDiffLower(SA, SB, 3, out);
  }
  lognormalLccdf(lo, mu, sigma, SA);
  lognormalLccdf(hi, mu, sigma, SB);
  logDiffUpper(SA, SB, 3, out);
}
export function gammaLogInterval(lo: number, hi: number, mu: number, shape: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 3);
  gammaLcdf(lo, mu, shape, SA);
  if (SA[0] < LOG_HALF) {
    gammaLcdf(hi, mu, shape, SB);
    return logDiffLower(SA, SB, 3, out);
  }
  gammaLccdf(lo, mu, shape, SA);
  gammaLccdf(hi, mu, shape, SB);
  logDiffUpper(SA, SB, 3, out);
}
export function weibullLogInterval(lo: number, hi: number, mu: number, shape: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 3);
  weibullLcdf(lo, mu, shape, SA);
  if (SA[0] < LOG_HALF) {
    weibullLcdf(hi, mu, shape, SB);
    return logDiffLower(SA, SB, 3, out);
  }
  weibullLccdf(lo, mu, shape, SA);
  weibullLccdf(hi, mu, shape, SB);
  logDiffUpper(SA, SB, 3, out);
}
export function exponentialLogInterval(lo: number, hi: number, mu: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 2);
  exponentialLcdf(lo, mu, SA);
  if (SA[0] < LOG_HALF) {
    exponentialLcdf(hi, mu, SB);
    return logDiffLower(SA, SB, 2, out);
  }
  exponentialLccdf(lo, mu, SA);
  exponentialLccdf(hi, mu, SB);
  logDiffUpper(SA, SB, 2, out);
}
export function betaLogInterval(lo: number, hi: number, mu: number, phi: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 3);
  betaLcdf(lo, mu, phi, SA);
  if (SA[0] < LOG_HALF) {
    betaLcdf(hi, mu, phi, SB);
    return logDiffLower(SA, SB, 3, out);
  }
  betaLccdf(lo, mu, phi, SA);
  betaLccdf(hi, mu, phi, SB);
  logDiffUpper(SA, SB, 3, out);
}
export function poissonLogInterval(lo: number, hi: number, mu: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 2);
  poissonLcdf(lo, mu, SA);
  if (SA[0] < LOG_HALF) {
    poissonLcdf(hi, mu, SB);
    return logDiffLower(SA, SB, 2, out);
  }
  poissonLccdf(lo, mu, SA);
  poissonLccdf(hi, mu, SB);
  logDiffUpper(SA, SB, 2, out);
}
export function negbinomialLogInterval(lo: number, hi: number, mu: number, shape: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 3);
  negbinomialLcdf(lo, mu, shape, SA);
  if (SA[0] < LOG_HALF) {
    negbinomialLcdf(hi, mu, shape, SB);
    return logDiffLower(SA, SB, 3, out);
  }
  negbinomialLccdf(lo, mu, shape, SA);
  negbinomialLccdf(hi, mu, shape, SB);
  logDiffUpper(SA, SB, 3, out);
}
export function binomialLogInterval(lo: number, hi: number, n: number, mu: number, out: Float64Array): void {
  if (!(lo < hi)) return setImpossible(out, 2);
  binomialLcdf(lo, n, mu, SA);
  if (SA[0] < LOG_HALF) {
    binomialLcdf(hi, n, mu, SB);
    return logDiffLower(SA, SB, 2, out);
  }
  binomialLccdf(lo, n, mu, SA);
  binomialLccdf(hi, n, mu, SB);
  logDiffUpper(SA, SB, 2, out);
}
