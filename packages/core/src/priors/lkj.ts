/**
 * LKJ(eta) prior on a correlation matrix Omega, applied to its Cholesky factor L (Omega = L L^T).
 * The density of the strictly-lower entries of L is det(Omega)^(eta-1) |d Omega / d L| / C_K(eta):
 *   log p(L) = sum_{i=2..K} (K - i + 2 eta - 2) log L[i,i]  (1-based)  - log C_K(eta)
 * (nuts.md). The constant only matters when eta is a parameter or for marginal likelihoods, so it is
 * a separate function (Lewandowski, Kurowicka & Joe 2009, Theorem 5):
 *   C_K(eta) = 2^{sum_{k=1}^{K-1} (2 eta - 2 + K - k)(K - k)} prod_{k=1}^{K-1} B(eta + (K-k-1)/2, eta + (K-k-1)/2)^{K-k}
 */
import { lgamma } from './special.js';

/**
 * Unnormalised LKJ log density of the Cholesky factor L (K x K, row-major). ADDS its derivative with
 * respect to each diagonal entry L[i,i] into gradL (the off-diagonal derivatives are 0).
 */
export function lkjCholeskyLogDensity(L: ArrayLike<number>, K: number, eta: number, gradL: Float64Array): number {
  let lp = 0;
  for (let i = 1; i < K; i++) {
    const weight = K - i - 3 + 2 * eta; // (K - i' + 2 eta - 2) with i' = i + 1 (1-based)
    const d = L[i * K + i];
    lp += weight * Math.log(d);
    gradL[i * K + i] += weight / d;
  }
  return lp;
}

function logBeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** -log C_K(eta): add to lkjCholeskyLogDensity for the fully normalised log density. */
export function lkjLogNormalizer(K: number, eta: number): number {
  let logC = 0;
  for (let k = 1; k < K; k++) {
    const a = eta + 0.5 * (K - k - 1);
    logC += (2 * eta - 2 + K - k) * (K - k) * Math.LN2 + (K - k) * logBeta(a, a);
  }
  return -logC;
}
