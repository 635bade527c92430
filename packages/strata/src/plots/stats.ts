/**
 * Small numerical helpers used by the plots: quantiles (R type 7), Silverman's bandwidth
 * (R's `bw.nrd0`), a Gaussian kernel density estimate and ranks pooled over chains.
 * Plain arrays in, plain arrays out.
 */
import { quantileOfSorted, sd } from '../stats.js';

/** Finite values of `x` (NaN and +-Infinity dropped). */
export function finiteValues(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Type-7 quantiles of sorted values (`quantileSorted`) and of values in any order (`quantiles`): ../stats.ts. */
export { quantileOfSorted as quantileSorted, quantiles } from '../stats.js';

/**
 * Silverman's rule-of-thumb bandwidth, exactly as R's `bw.nrd0`:
 * `0.9 * min(sd, IQR / 1.34) * n^(-1/5)`, falling back to sd, |x[0]| or 1 when the spread is zero.
 * Throws a RangeError when `x` has fewer than two values.
 */
export function silvermanBandwidth(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) throw new RangeError('silvermanBandwidth: need at least 2 values');
  const sorted = Float64Array.from(x).sort();
  const s = sd(sorted);
  const iqr = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25);
  let lo = Math.min(s, iqr / 1.34);
  if (!(lo > 0)) lo = s > 0 ? s : Math.abs(x[0]) > 0 ? Math.abs(x[0]) : 1;
  return 0.9 * lo * n ** -0.2;
}

export interface KdeOptions {
  /** Kernel standard deviation; default Silverman's rule (`silvermanBandwidth`). */
  bandwidth?: number;
  /** Number of grid points (default 512). */
  gridSize?: number;
  /** Grid start; default min(x) - cut * bandwidth. */
  from?: number;
  /** Grid end; default max(x) + cut * bandwidth. */
  to?: number;
  /** How many bandwidths the default grid extends beyond the data (default 3, as R's `density`). */
  cut?: number;
}

export interface Kde {
  /** Evenly spaced grid, ascending. */
  x: number[];
  /** Density estimate at each grid point (integrates to ~1 over the default grid). */
  density: number[];
  bandwidth: number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * Gaussian kernel density estimate of `x` on an even grid, computed exactly
 * (sum over all points, kernels cut off beyond 8 bandwidths). Non-finite values are ignored.
 * A single value (or constant values) gets a bandwidth of 1e-3 * max(|x|, 1) unless one is given.
 */
export function gaussianKde(x: ArrayLike<number>, options: KdeOptions = {}): Kde {
  const data = Float64Array.from(finiteValues(x)).sort();
  const n = data.length;
  if (n === 0) throw new RangeError('gaussianKde: no finite values');
  let h = options.bandwidth;
  if (h === undefined) {
    const constant = data[n - 1] - data[0] === 0;
    h = constant ? 1e-3 * Math.max(Math.abs(data[0]), 1) : silvermanBandwidth(data);
  }
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`gaussianKde: bandwidth must be positive, got ${h}`);
  const m = options.gridSize ?? 512;
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`gaussianKde: gridSize must be an integer >= 2, got ${m}`);
  const cut = options.cut ?? 3;
  const from = options.from ?? data[0] - cut * h;
  const to = options.to ?? data[n - 1] + cut * h;
  if (!(to > from)) throw new RangeError(`gaussianKde: need from < to, got [${from}, ${to}]`);
  const grid: number[] = new Array(m);
  const dens: number[] = new Array(m);
  const step = (to - from) / (m - 1);
  const reach = 8 * h;
  const norm = INV_SQRT_2PI / (n * h);
  // data is sorted: keep a window [lo, hi) of points within `reach` of the grid point.
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < m; j++) {
    const g = j === m - 1 ? to : from + j * step;
    while (lo < n && data[lo] < g - reach) lo++;
    if (hi < lo) hi = lo;
    while (hi < n && data[hi] <= g + reach) hi++;
    let s = 0;
    for (let i = lo; i < hi; i++) {
      const u = (g - data[i]) / h;
      s += Math.exp(-0.5 * u * u);
    }
    grid[j] = g;
    dens[j] = s * norm;
  }
  return { x: grid, density: dens, bandwidth: h };
}

/**
 * Ranks of all draws pooled over chains (1 = smallest, ties get their average rank), returned in the
 * same chains x iterations shape. This is the rank normalisation of Vehtari et al. (2021) before the
 * normal quantile transform. Throws a RangeError on non-finite draws.
 */
export function pooledRanks(chains: ReadonlyArray<ArrayLike<number>>): number[][] {
  let total = 0;
  for (const c of chains) total += c.length;
  const values = new Float64Array(total);
  const order = new Uint32Array(total);
  let k = 0;
  for (const c of chains) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (!Number.isFinite(v)) throw new RangeError(`pooledRanks: non-finite draw ${v}`);
      values[k] = v;
      order[k] = k;
      k++;
    }
  }
  order.sort((a, b) => values[a] - values[b]);
  const flat = new Float64Array(total);
  for (let i = 0; i < total; ) {
    let j = i + 1;
    while (j < total && values[order[j]] === values[order[i]]) j++;
    const r = (i + 1 + j) / 2; // average of ranks i+1 .. j
    for (let t = i; t < j; t++) flat[order[t]] = r;
    i = j;
  }
  const out: number[][] = [];
  k = 0;
  for (const c of chains) {
    out.push(Array.from(flat.subarray(k, k + c.length)));
    k += c.length;
  }
  return out;
}

/** Linear interpolation of (xs, ys) at `x` (xs ascending); clamps outside the range. */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}
