import { describe, expect, it } from 'vitest';
import { loo, looCompare, waic } from '../../src/results/loo/index.js';
import { dnormLog, exactNormalElpd, normalModelLogLik, normals } from './helpers.js';

const total = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);

describe('loo on the conjugate normal model (exact LOO known in closed form)', () => {
  // y_i ~ N(mu, 1), flat prior: mu | y ~ N(ybar, 1/n), y_i | y_-i ~ N(ybar_-i, 1 + 1/(n-1)).
  const n = 30;
  const S = 4000;
  const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
    const y = normals(100 + seed, n);
    const l = loo(normalModelLogLik(y, normals(200 + seed, S)), S, n);
    const exact = exactNormalElpd(y);
    const ybar = total(y) / n;
    const lpdExact = Float64Array.from(y, (yi) => dnormLog(yi, ybar, Math.sqrt(1 + 1 / n)));
    return { y, l, exact, pExact: total(lpdExact) - total(exact) };
  });

  it('elpd_loo matches the exact value within Monte Carlo error (8 seeds)', () => {
    const diffs = runs.map(({ l, exact }) => l.elpd_loo - total(exact));
    // The Monte Carlo sd of the difference is about 0.03 here (S = 4000 posterior draws).
    for (const d of diffs) expect(Math.abs(d)).toBeLessThan(0.15);
    expect(Math.abs(total(diffs) / diffs.length)).toBeLessThan(0.04);
    for (const { l, exact } of runs) {
      exact.forEach((e, i) => expect(Math.abs(l.pointwise.elpd_loo[i] - e)).toBeLessThan(0.05));
      // The estimate is nowhere near the in-sample fit: LOO is doing something.
      expect(l.p_loo).toBeGreaterThan(0.3);
    }
  });

  it('p_loo matches the exact lpd - elpd, and all k are small', () => {
    for (const { l, pExact } of runs) {
      expect(Math.abs(l.p_loo - pExact)).toBeLessThan(0.15);
      expect(Math.max(...l.pointwise.pareto_k)).toBeLessThan(0.5);
      expect(l.warnings).toEqual([]);
    }
  });

  it('totals, standard errors and pointwise values fit together', () => {
    const { l } = runs[0];
    expect(l.elpd_loo).toBeCloseTo(total(l.pointwise.elpd_loo), 10);
    expect(l.p_loo).toBeCloseTo(total(l.pointwise.p_loo), 10);
    expect(l.looic).toBeCloseTo(-2 * l.elpd_loo, 10);
    expect(l.se_looic).toBeCloseTo(2 * l.se_elpd_loo, 10);
    const e = l.pointwise.elpd_loo;
    const m = total(e) / n;
    const sd = Math.sqrt(Array.from(e).reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
    expect(l.se_elpd_loo).toBeCloseTo(Math.sqrt(n) * sd, 10);
    l.pointwise.lpd.forEach((lpd, i) => expect(l.pointwise.p_loo[i]).toBeCloseTo(lpd - e[i], 12));
    expect(Array.from(l.pointwise.influence_pareto_k)).toEqual(Array.from(l.pointwise.pareto_k));
    expect(l.S).toBe(S);
    expect(l.N).toBe(n);
  });

  it('waic is close to loo for this well-behaved model', () => {
    const { y, l } = runs[0];
    const w = waic(normalModelLogLik(y, normals(201, S)), S, n);
    expect(Math.abs(w.elpd_waic - l.elpd_loo)).toBeLessThan(0.1);
    expect(w.waic).toBeCloseTo(-2 * w.elpd_waic, 10);
    expect(w.warnings).toEqual([]);
  });
});

describe('loo warnings', () => {
  it('flags the outlier with k > 0.7, naming it', () => {
    // Nine ordinary observations and one at 10: leaving it out moves the posterior far.
    const y = Float64Array.from([...normals(7, 9), 10]);
    const S = 2000;
    const l = loo(normalModelLogLik(y, normals(8, S)), S, 10);
    expect(l.pointwise.pareto_k[9]).toBeGreaterThan(0.7);
    for (let i = 0; i < 9; i++) expect(l.pointwise.pareto_k[i]).toBeLessThan(0.7);
    expect(l.warnings).toHaveLength(1);
    expect(l.warnings[0]).toMatch(/^Pareto k > 0\.7 for 1 of 10 observations \(10; max k = /);
    const named = loo(normalModelLogLik(y, normals(8, S)), S, 10, { labels: 'abcdefghij'.split('') });
    expect(named.warnings[0]).toMatch(/observations \(j;/);
  });

  it('uses the sample-size threshold 1 - 1/log10(S) below 0.7', () => {
    // Columns whose ratios exp(-logLik) are Pareto(k0) quantiles on a regular grid: k-hat follows
    // k0 (pulled toward 0.5 by the prior; here 0.26, 0.58 and 1.06).
    const S = 100; // threshold 0.5
    const k0 = [0.1, 0.65, 1.5];
    const u = Float64Array.from({ length: S }, (_, s) => (s + 0.5) / S);
    const ll = new Float64Array(S * 3);
    for (let s = 0; s < S; s++) k0.forEach((k, i) => (ll[s * 3 + i] = k * Math.log(u[s])));
    const l = loo(ll, S, 3);
    expect(l.paretoKThreshold).toBeCloseTo(0.5, 12);
    const k = l.pointwise.pareto_k;
    expect(k[0]).toBeLessThan(0.5);
    expect(k[1]).toBeGreaterThan(0.5);
    expect(k[1]).toBeLessThanOrEqual(0.7);
    expect(k[2]).toBeGreaterThan(0.7);
    expect(l.warnings).toHaveLength(2);
    expect(l.warnings[0]).toMatch(/Pareto k > 0\.7 for 1 of 3 observations \(3;/);
    expect(l.warnings[1]).toMatch(/S = 100 draws the Pareto k threshold is 1 - 1\/log10\(S\) = 0\.50; 1 observations exceed it \(2\)/);
  });

  it('rejects bad input with messages naming the problem', () => {
    const ll = normalModelLogLik(normals(1, 5), normals(2, 50));
    expect(() => loo(ll, 50, 4)).toThrow(/250 values; expected S x N = 50 x 4 = 200/);
    expect(() => loo(ll, 1, 250)).toThrow(/S \(draws\) must be an integer >= 2/);
    const bad = Float64Array.from(ll);
    bad[3 * 5 + 2] = NaN;
    expect(() => loo(bad, 50, 5)).toThrow(/draw 4, observation 3 is NaN/);
    bad[3 * 5 + 2] = -Infinity;
    expect(() => waic(bad, 50, 5)).toThrow(/draw 4, observation 3 is -Infinity/);
    expect(() => loo(ll, 50, 5, { rEff: new Float64Array(4).fill(1) })).toThrow(/rEff has 4 values/);
    expect(() => loo(ll, 50, 5, { rEff: Float64Array.from([1, 1, 0, 1, 1]) })).toThrow(/rEff for observation 3 is 0/);
  });

  it('a smaller r_eff lengthens the tail and changes the estimate only slightly', () => {
    const y = normals(1, 20);
    const ll = normalModelLogLik(y, normals(2, 1000));
    const a = loo(ll, 1000, 20);
    const b = loo(ll, 1000, 20, { rEff: new Float64Array(20).fill(0.3) });
    expect(b.elpd_loo).not.toBe(a.elpd_loo);
    expect(Math.abs(b.elpd_loo - a.elpd_loo)).toBeLessThan(0.05);
  });
});

describe('looCompare', () => {
  const y = normals(21, 20);
  const fitShifted = (seed: number, shift: number) =>
    loo(normalModelLogLik(y, normals(seed, 1000).map((z) => z + shift * Math.sqrt(20))), 1000, 20);

  it('orders models best first, with differences and paired standard errors', () => {
    const good = fitShifted(41, 0);
    const worse = fitShifted(42, 0.5);
    const worst = fitShifted(43, 1.5);
    const { rows } = looCompare(worst, good, worse);
    expect(rows.map((r) => r.model)).toEqual(['model2', 'model3', 'model1']);
    expect(rows[0].elpd_diff).toBe(0);
    expect(rows[0].se_diff).toBe(0);
    expect(rows[1].elpd_diff).toBeCloseTo(worse.elpd_loo - good.elpd_loo, 12);
    expect(rows[2].elpd_diff).toBeCloseTo(worst.elpd_loo - good.elpd_loo, 12);
    const d = Array.from(worst.pointwise.elpd_loo, (e, i) => e - good.pointwise.elpd_loo[i]);
    const m = total(d) / 20;
    expect(rows[2].se_diff).toBeCloseTo(Math.sqrt(20) * Math.sqrt(d.reduce((a, x) => a + (x - m) ** 2, 0) / 19), 12);
    expect(rows[2].elpd_diff).toBeLessThan(rows[1].elpd_diff);
    expect(rows[1].looic).toBe(worse.looic);
  });

  it('identical models differ by exactly 0; names are kept; bad input is refused', () => {
    const a = fitShifted(41, 0);
    const { rows } = looCompare({ name: 'm1', loo: a }, { name: 'm2', loo: a });
    expect(rows.map((r) => [r.model, r.elpd_diff, r.se_diff])).toEqual([['m1', 0, 0], ['m2', 0, 0]]);
    expect(() => looCompare(a)).toThrow(/at least two models/);
    const other = loo(normalModelLogLik(normals(5, 10), normals(6, 100)), 100, 10);
    expect(() => looCompare(a, other)).toThrow(/"model2" has 10 observations, "model1" has 20/);
    expect(() => looCompare({ name: 'x', loo: a }, { name: 'x', loo: a })).toThrow(/two models are named "x"/);
  });
});
