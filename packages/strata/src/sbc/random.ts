/**
 * Seeded random draws for simulation-based calibration: ../random.ts's source per (seed, stream),
 * and the distributions SBC needs to draw
 * parameters from their priors: every scalar prior family of the model spec (truncated to the
 * parameter's bounds, as the model's density truncates it) and the LKJ Cholesky factor.
 */
import { parsePrior, sampleGamma, type Prior, type PriorDist, type RandomSource } from '@strata/core';
import { isSeedWord, seededRandom, UINT32_MAX, type SeededRandom } from '../random.js';

/** A seeded source of uniform (0, 1) and standard normal draws. */
export type SbcRandom = SeededRandom;

/** Keeps SBC's streams apart from predict()'s for the same seed. */
const SBC_SALT = 0x5bc;

/** Independent streams for distinct (seed, stream) pairs; the same pair replays the same draws. */
export function sbcRandom(seed: number, stream = 0): SbcRandom {
  for (const [name, v] of [['seed', seed], ['stream', stream]] as const) {
    if (!isSeedWord(v)) throw new RangeError(`${name} must be an integer in [0, ${UINT32_MAX}], got ${v}`);
  }
  return seededRandom(seed, stream, SBC_SALT);
}

/** Beta(a, b) from two gammas. */
export function sampleBeta(a: number, b: number, rng: RandomSource): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}

/** One unbounded draw from a scalar prior. */
function drawUnbounded(p: PriorDist, rng: SbcRandom): number {
  const a = p.args;
  switch (p.family) {
    case 'normal':
      return a[0] + a[1] * rng.normal();
    case 'student_t': {
      // args: nu, mu, sigma
      const g = sampleGamma(a[0] / 2, rng);
      return a[1] + a[2] * (rng.normal() / Math.sqrt(g / (a[0] / 2)));
    }
    case 'cauchy':
      return a[0] + a[1] * Math.tan(Math.PI * (rng.uniform() - 0.5));
    case 'exponential':
      return -Math.log(rng.uniform()) / a[0];
    case 'gamma':
      // shape, rate
      return sampleGamma(a[0], rng) / a[1];
    case 'lognormal':
      return Math.exp(a[0] + a[1] * rng.normal());
    case 'uniform':
      return a[0] + (a[1] - a[0]) * rng.uniform();
    default:
      throw new RangeError(`cannot draw from prior family ${(p as PriorDist).family}`);
  }
}

/**
 * A draw from a scalar prior restricted to [lower, upper] (a half-normal for normal(0, s) on a scale
 * with lower 0). Rejection while at least 1% of the mass is inside, inverse-CDF bisection otherwise.
 */
export function drawPrior(prior: string | Prior, rng: SbcRandom, bounds: { lower?: number; upper?: number } = {}): number {
  const p = typeof prior === 'string' ? parsePrior(prior) : prior;
  if (p.family === 'lkj') throw new RangeError('drawPrior draws scalars; use drawLkjCholesky for lkj priors');
  const lower = Math.max(bounds.lower ?? -Infinity, p.support.lower);
  const upper = Math.min(bounds.upper ?? Infinity, p.support.upper);
  if (!(lower < upper)) throw new RangeError(`empty range [${lower}, ${upper}] for prior ${p.text}`);
  const cLo = Number.isFinite(lower) ? p.cdf(lower) : 0;
  const cHi = Number.isFinite(upper) ? p.cdf(upper) : 1;
  if (cHi - cLo >= 0.01) {
    for (;;) {
      const x = drawUnbounded(p, rng);
      if (x >= lower && x <= upper) return x;
    }
  }
  // Inverse CDF by bisection over a finite bracket.
  const target = cLo + (cHi - cLo) * rng.uniform();
  let lo = Number.isFinite(lower) ? lower : -1e300;
  let hi = Number.isFinite(upper) ? upper : 1e300;
  for (let i = 0; i < 2000 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo) + Math.abs(hi)); i++) {
    const mid = Number.isFinite(lo) && Number.isFinite(hi) && Math.abs(lo) < 1e30 && Math.abs(hi) < 1e30 ? (lo + hi) / 2 : Math.sign(lo + hi) * Math.sqrt(Math.abs(lo * hi)) || 0;
    if (p.cdf(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The Cholesky factor (K x K, row-major, lower triangular) of a correlation matrix drawn from
 * LKJ(eta), by Stan's lkj_corr_cholesky_rng: canonical partial correlations from scaled Betas.
 */
export function drawLkjCholesky(eta: number, K: number, rng: SbcRandom): Float64Array {
  if (!(eta > 0) || !Number.isInteger(K) || K < 1) throw new RangeError(`LKJ needs eta > 0 and a whole K >= 1, got eta ${eta}, K ${K}`);
  const L = new Float64Array(K * K);
  L[0] = 1;
  if (K === 1) return L;
  const cpcs: number[] = [];
  let alpha = eta + 0.5 * (K - 1);
  for (let i = 0; i < K - 1; i++) {
    alpha -= 0.5;
    for (let j = i + 1; j < K; j++) cpcs.push(2 * sampleBeta(alpha, alpha, rng) - 1);
  }
  // read_corr_L: column by column, each partial correlation scaled by the remaining length.
  const acc = new Float64Array(K).fill(1);
  let pos = 0;
  for (let i = 0; i < K - 1; i++) {
    L[i * K + i] = Math.sqrt(acc[i]);
    for (let j = i + 1; j < K; j++) {
      const z = cpcs[pos++];
      L[j * K + i] = z * Math.sqrt(acc[j]);
      acc[j] *= 1 - z * z;
    }
  }
  L[(K - 1) * K + (K - 1)] = Math.sqrt(acc[K - 1]);
  return L;
}

/** Correlation matrix element (a, b) of L L^T. */
export function correlationOf(L: Float64Array, K: number, a: number, b: number): number {
  let s = 0;
  for (let k = 0; k <= Math.min(a, b); k++) s += L[a * K + k] * L[b * K + k];
  return s;
}
