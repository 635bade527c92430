/**
 * Posterior helpers for the examples: summaries of any derived quantity, per-draw functions of named
 * parameters, fitted trajectories by hand (the sleepstudy test's independent check) and their bands,
 * sampler facts. Anything a Fit answers itself (estimates, coef, hypothesis, curves) is the Fit API's.
 */
import { mean, quantileOfSorted, sd, type Fit } from '@strata/strata';

/** Posterior mean, sd, median and the central `prob` interval of a set of draws. */
export interface Estimate {
  mean: number;
  sd: number;
  median: number;
  lower: number;
  upper: number;
  prob: number;
}

/** Summarises draws: mean, sd, median and central `prob` interval (quantiles of R's type 7). */
export function estimate(values: ArrayLike<number>, prob = 0.9): Estimate {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  if (n === 0) throw new RangeError('estimate: no draws');
  const m = mean(x);
  return {
    mean: m,
    sd: n > 1 ? sd(x, m) : 0,
    median: quantileOfSorted(x, 0.5),
    lower: quantileOfSorted(x, (1 - prob) / 2),
    upper: quantileOfSorted(x, (1 + prob) / 2),
    prob,
  };
}

/**
 * A derived quantity per draw, one Float64Array per chain: `f` receives the values of `names` for
 * one draw, in that order (the array is reused, copy it to keep it).
 */
export function derivedChains(fit: Fit, names: readonly string[], f: (p: Float64Array) => number): Float64Array[] {
  const byName = names.map((n) => fit.draws(n));
  const p = new Float64Array(names.length);
  return byName.length === 0
    ? []
    : byName[0].map((_, c) => {
        const out = new Float64Array(fit.iterations);
        for (let i = 0; i < fit.iterations; i++) {
          for (let k = 0; k < names.length; k++) p[k] = byName[k][c][i];
          out[i] = f(p);
        }
        return out;
      });
}

/** As derivedChains, with the chains pooled (chain-major, as Fit.pooled). */
export function derived(fit: Fit, names: readonly string[], f: (p: Float64Array) => number): Float64Array {
  return concatChains(derivedChains(fit, names, f));
}

export function concatChains(chains: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(chains.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chains) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Draws of a fitted mean curve: for every posterior draw (pooled, chain-major; every `thin`-th), the
 * values `f(p, x)` at each x of `xs`, where `p` holds that draw's values of `names` in order.
 * Returns draws x xs, the `draws` input of spaghettiSvg.
 */
export function fittedDraws(
  fit: Fit,
  names: readonly string[],
  xs: readonly number[],
  f: (p: Float64Array, x: number) => number,
  thin = 1,
): Float64Array[] {
  const columns = names.map((n) => fit.pooled(n));
  const p = new Float64Array(names.length);
  const out: Float64Array[] = [];
  for (let s = 0; s < fit.totalDraws; s += thin) {
    for (let k = 0; k < names.length; k++) p[k] = columns[k][s];
    out.push(Float64Array.from(xs, (x) => f(p, x)));
  }
  return out;
}

/** Median and central `prob` band at each point of a set of trajectories (draws x points). */
export interface BandPoint {
  median: number;
  lower: number;
  upper: number;
}

/**
 * Per point i: the median and the (1 - prob)/2 and (1 + prob)/2 quantiles (R type 7) of
 * draws[d][i] over the draws d. The same summary the spaghetti plot draws.
 */
export function bandSummary(draws: readonly ArrayLike<number>[], prob = 0.9): BandPoint[] {
  if (draws.length === 0) throw new RangeError('bandSummary: no draws');
  const n = draws[0].length;
  const column = new Float64Array(draws.length);
  const out: BandPoint[] = [];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < draws.length; d++) column[d] = draws[d][i];
    column.sort();
    out.push({ median: quantileOfSorted(column, 0.5), lower: quantileOfSorted(column, (1 - prob) / 2), upper: quantileOfSorted(column, (1 + prob) / 2) });
  }
  return out;
}

/** Sampler facts read off a fit: divergences, tree-depth hits, bulk/tail ESS and R-hat of some variables. */
export function samplerFacts(fit: Fit, variables: readonly string[]) {
  const s = fit.summary({ variables, measures: ['mean', 'sd', 'mcse_mean', 'rhat', 'ess_bulk', 'ess_tail'] });
  const rows = Object.fromEntries(
    s.draws.rows.map((r) => [r.variable, r.values as Record<string, number>]),
  ) as Record<string, Record<string, number>>;
  return {
    divergent: s.sampler.divergent,
    draws: s.sampler.chains * s.sampler.draws,
    treedepthHits: s.sampler.max_treedepth_hits,
    ebfmi: s.sampler.ebfmi,
    rows,
  };
}
