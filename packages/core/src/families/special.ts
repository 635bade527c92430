/**
 * Small numerically stable building blocks shared by the likelihoods. All take and return plain
 * numbers so that they inline well in the hot loops.
 */
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import digammaImpl from '@stdlib/math-base-special-digamma';

export const LOG_2PI = Math.log(2 * Math.PI);
export const HALF_LOG_2PI = 0.5 * LOG_2PI;
export const LOG_PI = Math.log(Math.PI);

/** log Gamma(x). */
export const lgamma: (x: number) => number = gammalnImpl;
/** psi(x) = d/dx log Gamma(x). */
export const digamma: (x: number) => number = digammaImpl;

/** log(1 + exp(x)) without overflow or loss of precision for large |x|. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1 / (1 + exp(-x)), accurate in both tails. */
export function invLogit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log of the binomial coefficient C(n, k) for integers 0 <= k <= n. */
export function logChoose(n: number, k: number): number {
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

export function fillZero(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = 0;
}
