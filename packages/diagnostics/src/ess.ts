import type { Chains, DrawMatrix } from './draws.js';
import { shouldReturnNaN } from './draws.js';
import { MeanAutocovariance } from './autocovariance.js';
import { mean, variance } from './moments.js';
import { ScratchFloat64 } from './scratch.js';
import { splitChains } from './split.js';
import { VariableDraws } from './variable.js';

const centredScratch = new ScratchFloat64();
const rhoScratch = new ScratchFloat64();
/** Holds the indicator or squared-deviation draws handed to essCore (which does not keep them). */
const transformedScratch = new ScratchFloat64();

/**
 * Effective sample size of m chains of n draws (posterior's .ess): autocorrelations from the mean
 * autocovariance over chains, combined with the between-chain variance; Geyer's initial positive
 * then initial monotone sequence; and the antithetic-aware truncation
 * tau = -1 + 2 sum(rho[0 .. T-1]) + rho[T], capped below at 1 / log10(S); ESS = S / tau.
 * NaN for fewer than 3 draws per chain, non-finite or constant input.
 */
export function essCore(x: DrawMatrix): number {
  const m = x.chains;
  const n = x.iterations;
  if (n < 3 || shouldReturnNaN(x.values)) return NaN;

  const acov = new MeanAutocovariance(x, { buffer: centredScratch.take(m * n) });
  const chainMeans = acov.chainMeans;
  const meanVar = (acov.lagZero * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) varPlus += variance(chainMeans, mean(chainMeans));
  const correlation = (lag: number): number => 1 - (meanVar - acov.at(lag)) / varPlus;

  // Geyer's initial positive sequence, over pairs of lags (t, t + 1)
  const rho = rhoScratch.take(n).fill(0);
  let t = 0;
  let even = 1;
  let odd = correlation(1);
  rho[0] = even;
  rho[1] = odd;
  while (t < n - 5 && !Number.isNaN(even + odd) && even + odd > 0) {
    t += 2;
    even = correlation(t);
    odd = correlation(t + 1);
    if (even + odd >= 0) {
      rho[t] = even;
      rho[t + 1] = odd;
    }
  }
  const maxT = t;
  if (even > 0) rho[maxT] = even; // used by the improved (antithetic-aware) estimate

  // Geyer's initial monotone sequence
  for (let s = 2; s <= maxT - 2; s += 2) {
    if (rho[s] + rho[s + 1] > rho[s - 2] + rho[s - 1]) {
      rho[s] = (rho[s - 2] + rho[s - 1]) / 2;
      rho[s + 1] = rho[s];
    }
  }

  const total = m * n;
  // R sums rho_hat_t[1:max_t]; for max_t = 0 that is 1:0 = c(1, 0), i.e. rho[0] alone
  let sum = 0;
  if (maxT === 0) sum = rho[0];
  else for (let k = 0; k < maxT; k++) sum += rho[k];
  const tau = Math.max(-1 + 2 * sum + rho[maxT], 1 / Math.log10(total));
  return total / tau;
}

/** ess_mean = ess_basic = ess_core(split_chains(x)). */
export function essMeanOf(v: VariableDraws): number {
  return essCore(v.split);
}

/** ess_bulk = ess_core(z_scale(split_chains(x))). */
export function essBulkOf(v: VariableDraws): number {
  return essCore(v.zSplit);
}

/** ess_sd = ess_core(split_chains((x - mean(x))^2)) (posterior >= 1.6.1). */
export function essSdOf(v: VariableDraws): number {
  if (v.degenerate) return NaN;
  const centre = v.mean;
  const values = v.draws.values;
  const squared = transformedScratch.take(values.length);
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - centre;
    squared[i] = d * d;
  }
  return essCore(splitChains({ chains: v.draws.chains, iterations: v.draws.iterations, values: squared }));
}

/** ess_quantile(p) = ess_core(split_chains(x <= quantile7(x, p))); NaN for degenerate draws. */
export function essQuantileOf(v: VariableDraws, p: number): number {
  checkProbability(p);
  return v.essQuantileMemo(p, () => {
    if (v.degenerate) return NaN;
    const S = v.count;
    const prob = p === 1 ? (S - 0.5) / S : p; // posterior's guard: the maximum would make I constant
    const threshold = v.quantile(prob);
    const split = v.split;
    const indicator = transformedScratch.take(split.values.length);
    for (let i = 0; i < indicator.length; i++) indicator[i] = split.values[i] <= threshold ? 1 : 0;
    return essCore({ chains: split.chains, iterations: split.iterations, values: indicator });
  });
}

/** ess_tail = min(ess_quantile(0.05), ess_quantile(0.95)). */
export function essTailOf(v: VariableDraws): number {
  const low = essQuantileOf(v, 0.05);
  const high = essQuantileOf(v, 0.95);
  return Number.isNaN(low) || Number.isNaN(high) ? NaN : Math.min(low, high);
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${p} is outside [0, 1]`);
}

/** Bulk effective sample size: ESS of the rank-normalised split chains. Allows infinite draws. */
export const essBulk = (x: Chains | VariableDraws): number => essBulkOf(VariableDraws.from(x));
/** Tail effective sample size: the smaller ESS of the 5% and 95% quantile indicators. */
export const essTail = (x: Chains | VariableDraws): number => essTailOf(VariableDraws.from(x));
/** Basic split ESS without rank normalisation (same as essMean). */
export const essBasic = (x: Chains | VariableDraws): number => essMeanOf(VariableDraws.from(x));
/** ESS for the mean: split ESS of the draws. */
export const essMean = (x: Chains | VariableDraws): number => essMeanOf(VariableDraws.from(x));
/** ESS for the standard deviation: split ESS of the squared deviations from the mean. */
export const essSd = (x: Chains | VariableDraws): number => essSdOf(VariableDraws.from(x));
/** ESS for the median: ESS of the indicator x <= median. */
export const essMedian = (x: Chains | VariableDraws): number => essQuantileOf(VariableDraws.from(x), 0.5);
/** ESS for the p-quantile: ESS of the indicator x <= quantile(x, p). */
export const essQuantile = (x: Chains | VariableDraws, p: number): number => essQuantileOf(VariableDraws.from(x), p);
