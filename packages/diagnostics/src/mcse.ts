import type { Chains } from './draws.js';
import { betaQuantile } from './beta-quantile.js';
import { essMeanOf, essQuantileOf, essSdOf } from './ess.js';
import { mean, variance } from './moments.js';
import { VariableDraws } from './variable.js';

/** mcse_mean = sd(x) / sqrt(ess_mean(x)). */
export function mcseMeanOf(v: VariableDraws): number {
  const sd = Math.sqrt(variance(v.draws.values, v.mean));
  return sd / Math.sqrt(essMeanOf(v));
}

/**
 * mcse_sd (posterior >= 1.6.1): variance of the variance by Kenney & Keeping's moments,
 * varvar = (mean(c^4) - mean(c^2)^2) / ess_sd with c = x - mean(x), then the first-order
 * delta method for sd: sqrt(varvar / mean(c^2) / 4).
 */
export function mcseSdOf(v: VariableDraws): number {
  const ess = essSdOf(v);
  if (Number.isNaN(ess)) return NaN;
  const values = v.draws.values;
  const centre = v.mean;
  const squares = new Float64Array(values.length);
  const fourths = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - centre;
    squares[i] = d * d;
    fourths[i] = squares[i] * squares[i];
  }
  const meanSquare = mean(squares);
  const varvar = (mean(fourths) - meanSquare * meanSquare) / ess;
  return Math.sqrt(varvar / meanSquare / 4);
}

/** Probabilities of +-1 standard normal, posterior's interval for the quantile MCSE. */
const LOWER = 0.1586553;
const UPPER = 0.8413447;

/**
 * mcse_quantile(p): half the width of the central ~68% interval of the p-quantile, taken from the
 * sorted draws at the Beta(ess p + 1, ess (1 - p) + 1) quantiles of the +-1 sd probabilities.
 */
export function mcseQuantileOf(v: VariableDraws, p: number): number {
  const ess = essQuantileOf(v, p);
  if (Number.isNaN(ess)) return NaN;
  const a = ess * p + 1;
  const b = ess * (1 - p) + 1;
  const lower = betaQuantile(LOWER, a, b);
  const upper = betaQuantile(UPPER, a, b);
  if (Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  const sorted = v.sorted;
  const S = sorted.length;
  const low = sorted[Math.max(Math.floor(lower * S), 1) - 1];
  const high = sorted[Math.min(Math.ceil(upper * S), S) - 1];
  return (high - low) / 2;
}

/** Monte Carlo standard error of the mean. */
export const mcseMean = (x: Chains | VariableDraws): number => mcseMeanOf(VariableDraws.from(x));
/** Monte Carlo standard error of the standard deviation. */
export const mcseSd = (x: Chains | VariableDraws): number => mcseSdOf(VariableDraws.from(x));
/** Monte Carlo standard error of the median. */
export const mcseMedian = (x: Chains | VariableDraws): number => mcseQuantileOf(VariableDraws.from(x), 0.5);
/** Monte Carlo standard error of the p-quantile. */
export const mcseQuantile = (x: Chains | VariableDraws, p: number): number => mcseQuantileOf(VariableDraws.from(x), p);
