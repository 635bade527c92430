/**
 * Beta with mean mu and precision phi (brms): a = mu phi, b = (1 - mu) phi. The CDF is the
 * regularized incomplete beta I_y(a, b) in log space with its shape derivatives (cdf/incbeta.ts).
 */
import type { RandomSource } from '../types.js';
import { digamma, lgamma } from '../special.js';
import { sampleGamma } from '../random.js';
import { logIncBeta } from '../cdf/incbeta.js';
import { isPositive, isProbability, setCertain, setImpossible } from './slots.js';

/**
 * The phi-only terms of the last phi seen (as gamma.ts): constant across the observations of one
 * evaluation when phi is one parameter, recomputed per observation when it varies.
 */
let lastPhi = NaN;
let lastLgamma = NaN;
let lastDigamma = NaN;

/** out = [log Beta(y | mu phi, (1 - mu) phi), d/dmu, d/dphi]; y outside (0, 1) is impossible. */
export function betaLpdf(y: number, mu: number, phi: number, out: Float64Array): void {
  if (!isProbability(mu) || !isPositive(phi) || !isProbability(y)) return setImpossible(out, 3);
  if (phi !== lastPhi) {
    lastPhi = phi;
    lastLgamma = lgamma(phi);
    lastDigamma = digamma(phi);
  }
  const a = mu * phi;
  const b = phi - a;
  const logY = Math.log(y);
  const log1mY = Math.log1p(-y);
  const psiPhi = lastDigamma;
  const da = logY - digamma(a) + psiPhi;
  const db = log1mY - digamma(b) + psiPhi;
  out[0] = (a - 1) * logY + (b - 1) * log1mY - lgamma(a) - lgamma(b) + lastLgamma;
  out[1] = phi * (da - db);
  out[2] = mu * da + (1 - mu) * db;
}

const IB = new Float64Array(4);

function betaTail(y: number, mu: number, phi: number, upper: boolean, out: Float64Array): void {
  logIncBeta(y, 1 - y, mu * phi, (1 - mu) * phi, upper, IB);
  out[0] = IB[0];
  out[1] = phi * (IB[2] - IB[3]);
  out[2] = mu * IB[2] + (1 - mu) * IB[3];
}

export function betaLcdf(y: number, mu: number, phi: number, out: Float64Array): void {
  if (!isProbability(mu) || !isPositive(phi) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setImpossible(out, 3);
  if (y >= 1) return setCertain(out, 3);
  betaTail(y, mu, phi, false, out);
}

export function betaLccdf(y: number, mu: number, phi: number, out: Float64Array): void {
  if (!isProbability(mu) || !isPositive(phi) || Number.isNaN(y)) return setImpossible(out, 3);
  if (y <= 0) return setCertain(out, 3);
  if (y >= 1) return setImpossible(out, 3);
  betaTail(y, mu, phi, true, out);
}

/** Beta from two gammas, X / (X + Y), computed as 1 / (1 + Y / X) to keep tiny shapes finite. */
export function betaRng(mu: number, phi: number, rng: RandomSource): number {
  const x = sampleGamma(mu * phi, rng);
  const y = sampleGamma((1 - mu) * phi, rng);
  // Both underflow only for shapes << 1, where the mass sits at the ends: P(near 1) = mu.
  if (!(x + y > 0)) return rng.uniform() < mu ? 1 : 0;
  return x / (x + y);
}

export function betaMean(mu: number): number {
  return mu;
}
