/**
 * Effective sample size and Monte Carlo standard error for tests (the samplers package cannot
 * import @strata/diagnostics). Multi-chain autocorrelation as in Stan / Vehtari et al. (2021),
 * truncated with Geyer's initial monotone sequence.
 */

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Biased (divisor n) autocovariance at lag t. */
function autocovariance(x: ArrayLike<number>, m: number, t: number): number {
  let s = 0;
  for (let i = 0; i + t < x.length; i++) s += (x[i] - m) * (x[i + t] - m);
  return s / x.length;
}

/** ESS of the mean over chains of equal length. */
export function ess(chains: ArrayLike<number>[]): number {
  const m = chains.length;
  const n = Math.min(...chains.map((c) => c.length));
  if (n < 4) return NaN;
  const means = chains.map((c) => mean(c));
  const variances = chains.map((c, j) => (autocovariance(c, means[j], 0) * n) / (n - 1));
  const w = mean(variances);
  const grand = mean(means);
  let b = 0;
  for (const mu of means) b += (mu - grand) ** 2;
  const bOverN = m > 1 ? b / (m - 1) : 0;
  const varPlus = (w * (n - 1)) / n + bOverN;
  if (!(varPlus > 0)) return NaN;
  const rho = (t: number): number => {
    if (t === 0) return 1;
    let acov = 0;
    for (let j = 0; j < m; j++) acov += autocovariance(chains[j], means[j], t);
    acov /= m;
    return 1 - (w - acov) / varPlus;
  };

  // Geyer: sums of adjacent pairs, kept while positive, forced non-increasing.
  let sum = 0;
  let previousPair = Infinity;
  for (let k = 0; 2 * k + 1 < n; k++) {
    let pair = rho(2 * k) + rho(2 * k + 1);
    if (!(pair > 0)) break;
    if (pair > previousPair) pair = previousPair;
    sum += pair;
    previousPair = pair;
  }
  const tau = Math.max(-1 + 2 * sum, 1 / Math.log10(m * n));
  return (m * n) / tau;
}

/** Draws of coordinate j from row-major (iterations x d) draws. */
export function column(draws: Float64Array, d: number, j: number): Float64Array {
  const n = draws.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draws[i * d + j];
  return out;
}

export interface MeanEstimate {
  mean: number;
  mcse: number;
  ess: number;
}

/** Pooled mean of f over all chains with its Monte Carlo standard error. */
export function estimateMean(chains: ArrayLike<number>[]): MeanEstimate {
  const all: number[] = [];
  for (const c of chains) for (let i = 0; i < c.length; i++) all.push(c[i]);
  const mu = mean(all);
  let v = 0;
  for (const x of all) v += (x - mu) ** 2;
  v /= all.length - 1;
  const e = ess(chains);
  return { mean: mu, mcse: Math.sqrt(v / e), ess: e };
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Bulk ESS: split chains in halves, rank-normalise the pooled draws, then ess(). */
export function bulkEss(chains: ArrayLike<number>[]): number {
  const half = Math.floor(Math.min(...chains.map((c) => c.length)) / 2);
  const split: Float64Array[] = [];
  for (const c of chains) {
    split.push(Float64Array.from({ length: half }, (_, i) => c[i]));
    split.push(Float64Array.from({ length: half }, (_, i) => c[c.length - half + i]));
  }
  const pooled: { value: number; chain: number; index: number }[] = [];
  split.forEach((c, chain) => c.forEach((value, index) => pooled.push({ value, chain, index })));
  pooled.sort((x, y) => x.value - y.value);
  const s = pooled.length;
  // Average ranks over ties, then z = Phi^-1((r - 3/8) / (S + 1/4)).
  for (let i = 0; i < s; ) {
    let j = i;
    while (j + 1 < s && pooled[j + 1].value === pooled[i].value) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) split[pooled[k].chain][pooled[k].index] = normalQuantile((rank - 0.375) / (s + 0.25));
    i = j + 1;
  }
  return ess(split);
}
