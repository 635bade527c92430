/**
 * Fast checks of the examples' shared logic (bands, the missing-visits simulator,
 * the GLS check, data loading) and one end-to-end run of the sleepstudy example with small settings.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bandSummary, estimate, fittedDraws } from '../lib/draws.js';
import { interval, num, table } from '../lib/format.js';
import { csvRows, readSharedCsv } from '../lib/paths.js';
import { dropoutProbability, glsFixedEffects, simulateTrial, solveSpd } from '../lib/trial.js';
import { run as runSleepstudy } from '../sleepstudy.js';
import { run as runOddsRatio, simulate, trueMarginalOddsRatio, TRUTH } from '../odds_ratio.js';
import { geeLogistic } from '../lib/gee.js';

describe('bands and draws helpers', () => {
  it('bandSummary gives the median and the 5% / 95% quantiles (R type 7) per point', () => {
    // 101 draws of a trajectory at two points: d and 2d for d = 0..100.
    const draws = Array.from({ length: 101 }, (_, d) => [d, 2 * d]);
    const close = (got: { median: number; lower: number; upper: number }, want: { median: number; lower: number; upper: number }) => {
      expect(got.median).toBeCloseTo(want.median, 10);
      expect(got.lower).toBeCloseTo(want.lower, 10);
      expect(got.upper).toBeCloseTo(want.upper, 10);
    };
    const band = bandSummary(draws, 0.9);
    expect(band).toHaveLength(2);
    close(band[0], { median: 50, lower: 5, upper: 95 });
    close(band[1], { median: 100, lower: 10, upper: 190 });
    // Order of the draws does not matter; type-7 interpolation between order statistics.
    const shuffled = [3, 1, 4, 2].map((v) => [v]);
    close(bandSummary(shuffled, 0.5)[0], { median: 2.5, lower: 1.75, upper: 3.25 });
  });

  it('estimate summarises draws', () => {
    const e = estimate(Array.from({ length: 101 }, (_, i) => i));
    expect(e.mean).toBe(50);
    expect(e.median).toBe(50);
    expect(e.lower).toBeCloseTo(5, 10);
    expect(e.upper).toBeCloseTo(95, 10);
    expect(e.sd).toBeCloseTo(Math.sqrt((101 * 102) / 12), 10);
  });

  it('formats numbers, intervals and tables', () => {
    expect(num(10.4439, 3)).toBe('10.4');
    expect(num(0.0653, 2)).toBe('0.065');
    expect(num(251.45)).toBe('251');
    expect(interval(10.44, 7.58, 13.29)).toBe('10.4 [7.58, 13.3]');
    expect(table(['a', 'b'], [['x', '1'], ['yy', '22']])).toBe('a    b\nx    1\nyy  22');
  });
});

describe('shared data', () => {
  it('reads ../shared/data and says where it looked when a file is missing', () => {
    const rows = csvRows(readSharedCsv('sleepstudy'));
    expect(rows).toHaveLength(180);
    expect(Object.keys(rows[0])).toEqual(['Reaction', 'Days', 'Subject']);
    expect(() => readSharedCsv('no_such_data_set')).toThrow(/missing data file .*shared\/data\/no_such_data_set\.csv.*examples\/data/);
  });
});

describe('missing-visits simulator', () => {
  it('is reproducible from its seed', () => {
    expect(simulateTrial(7)).toEqual(simulateTrial(7));
    expect(simulateTrial(7).observed).not.toEqual(simulateTrial(8).observed);
  });

  it('has the planned design, observes every baseline and drops out monotonically', () => {
    const t = simulateTrial(3, { patients: 60, visits: 5 });
    expect(t.complete).toHaveLength(300);
    expect(new Set(t.observed.filter((r) => r.time === 0).map((r) => r.patient)).size).toBe(60);
    const byPatient = new Map<string, number[]>();
    for (const r of t.observed) (byPatient.get(r.patient) ?? byPatient.set(r.patient, []).get(r.patient)!).push(r.time);
    for (const times of byPatient.values()) expect(times).toEqual(times.map((_, k) => k)); // 0, 1, ..., last: no gaps
    expect(t.completers.length).toBe([...byPatient.values()].filter((v) => v.length === 5).length);
    // Observed scores are the complete-data scores, unchanged.
    const complete = new Map(t.complete.map((r) => [`${r.patient}/${r.time}`, r.y]));
    for (const r of t.observed) expect(r.y).toBe(complete.get(`${r.patient}/${r.time}`));
  });

  it('drops out at the intended rate, with a probability computed from the observed previous score (MAR)', () => {
    const t = simulateTrial(11, { patients: 4000, visits: 5 });
    const observed = new Map(t.observed.map((r) => [`${r.patient}/${r.time}`, r.y]));
    let expected = 0;
    let variance = 0;
    for (const r of t.risk) {
      // The probability used is a function of the previous visit's observed score only.
      expect(r.previous).toBe(observed.get(`${r.patient}/${r.time - 1}`));
      expect(r.probability).toBeCloseTo(dropoutProbability(t.settings, r.previous), 14);
      expected += r.probability;
      variance += r.probability * (1 - r.probability);
    }
    const dropped = t.risk.filter((r) => r.dropped).length;
    expect(Math.abs(dropped - expected)).toBeLessThan(4 * Math.sqrt(variance));
    // At the reference score the probability is the base rate; higher scores drop out more often.
    expect(dropoutProbability(t.settings, t.settings.dropout.reference)).toBeCloseTo(t.settings.dropout.base, 14);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(t.risk.filter((r) => r.dropped).map((r) => r.previous))).toBeGreaterThan(mean(t.risk.filter((r) => !r.dropped).map((r) => r.previous)));
    // Every patient at risk at visit t >= 1 was still in at t - 1: one risk record per observed visit after baseline, plus one per dropout.
    expect(t.risk.length).toBe(t.observed.filter((r) => r.time > 0).length + dropped);
  });

  it('GLS with the true variances recovers the effect from the observed visits; completers only are biased towards 0', () => {
    const t = simulateTrial(5, { patients: 6000, sdIntercept: 3, sdSlope: 2, dropout: { base: 0.08, perPoint: 0.4, reference: 50 } });
    const keep = new Set(t.completers);
    const all = glsFixedEffects(t.observed, t.settings);
    const completers = glsFixedEffects(t.observed.filter((r) => keep.has(r.patient)), t.settings);
    // With 6000 patients the estimator's sd is about 0.07 and the completers' bias about 0.4.
    expect(Math.abs(all[3] - t.settings.effect)).toBeLessThan(0.25);
    expect(completers[3] - t.settings.effect).toBeGreaterThan(0.2);
  });

  it('solveSpd solves a symmetric positive definite system', () => {
    const a = [4, 2, 0.5, 2, 3, 0.25, 0.5, 0.25, 2];
    const x = solveSpd(a, 3, [1, 2, 3]);
    const back = [0, 1, 2].map((i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]);
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 12));
  });
});

describe('sleepstudy example (2 chains x 200 draws)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-examples-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('fits, prints the summary, returns sensible numbers and writes its plots', async () => {
    const lines: string[] = [];
    const result = await runSleepstudy({ chains: 2, warmup: 200, draws: 200, seed: 7, progressBar: false, outDir, log: (l) => lines.push(l) });
    const text = lines.join('\n');
    expect(text).toMatch(/b_Days/);
    expect(text).toMatch(/Divergent transitions/);

    // Stan's long-run posterior: b_Days mean 10.44, sd 1.74.
    expect(Math.abs(result.bDays.mean - 10.44)).toBeLessThan(3 * result.bDays.sd);
    expect(result.bDays.sd).toBeGreaterThan(1);
    expect(result.bDays.sd).toBeLessThan(3);
    expect(Math.abs(result.bIntercept.mean - 251.4)).toBeLessThan(3 * result.bIntercept.sd);
    expect(result.sdDays.mean).toBeGreaterThan(3);
    expect(result.sdDays.mean).toBeLessThan(12);

    // One trajectory per subject at Days 0..9, bands ordered.
    expect(result.trajectories).toHaveLength(18);
    for (const t of result.trajectories) {
      expect(t.band).toHaveLength(10);
      for (const p of t.band) {
        expect(p.lower).toBeLessThan(p.median);
        expect(p.median).toBeLessThan(p.upper);
      }
    }
    // The bands from fit.predict equal those computed by hand from the draws.
    const fit = result.fit;
    const subject = result.trajectories[5].subject;
    const byHand = fittedDraws(fit, ['b_Intercept', `r_Subject[${subject},Intercept]`, 'b_Days', `r_Subject[${subject},Days]`], result.trajectories[5].days, (p, d) => p[0] + p[1] + (p[2] + p[3]) * d);
    bandSummary(byHand).forEach((p, i) => {
      expect(p.median).toBeCloseTo(result.trajectories[5].band[i].median, 8);
      expect(p.upper).toBeCloseTo(result.trajectories[5].band[i].upper, 8);
    });

    expect(result.files.map((f) => f.split('/').pop())).toEqual(['sleepstudy_trajectories.svg', 'sleepstudy_trace.svg', 'sleepstudy_rank.svg']);
    for (const f of result.files) {
      expect(f.startsWith(outDir)).toBe(true);
      expect(existsSync(f)).toBe(true);
      const svg = readFileSync(f, 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.length).toBeGreaterThan(5000);
    }
  });
});

describe('GEE (independence working correlation, robust se)', () => {
  it('solves the pooled logistic score equations; its odds ratio is the 2x2 table\'s', () => {
    // One binary covariate: the pooled logistic fit reproduces the table: log OR = log(a d / (b c)).
    const rows = [...Array(30).fill([1, 1]), ...Array(10).fill([1, 0]), ...Array(20).fill([0, 1]), ...Array(40).fill([0, 0])] as [number, number][];
    const fit = geeLogistic(rows.map(([x]) => [1, x]), rows.map(([, y]) => y), rows.map((_, i) => `c${i}`));
    expect(fit.beta[1]).toBeCloseTo(Math.log((30 * 40) / (10 * 20)), 10);
    // With one observation per cluster the sandwich is the usual robust (HC0) se: sqrt(1/a + 1/b + 1/c + 1/d) asymptotically.
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 10 + 1 / 20 + 1 / 40), 6);
  });
});

describe('odds-ratio example (2 chains x 300 draws): non-collapsibility', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-examples-or-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('the GLMM marginal odds ratio agrees with the GEE and lies below the conditional one', async () => {
    // The true marginal OR by quadrature, against a brute-force population of 400000 subjects.
    const truth = trueMarginalOddsRatio();
    const big = simulate(3, { ...TRUTH, subjects: 100000, visits: 4 });
    const rate = (t: string) => big.filter((r) => r.trt === t).reduce((a, r) => a + r.y, 0) / (big.length / 2);
    const odds = (p: number) => p / (1 - p);
    expect(Math.abs(Math.log(odds(rate('treated')) / odds(rate('control'))) - Math.log(truth))).toBeLessThan(0.03);

    const lines: string[] = [];
    const r = await runOddsRatio({ chains: 2, warmup: 300, draws: 300, seed: 5, parallel: 1, progressBar: false, outDir, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/GEE \(independence, robust se\)/);
    const c = r.effect.conditional.oddsRatio!;
    const m = r.effect.marginal.oddsRatio!;
    expect(c.mean).toBeGreaterThan(m.mean);
    expect(m.mean).toBeGreaterThan(1);
    // Both estimate the population-averaged odds ratio: within about one GEE standard error on the log scale.
    expect(Math.abs(Math.log(m.median) - r.gee.beta[1])).toBeLessThan(r.gee.se[1]);
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['odds_ratio_estimates.svg', 'odds_ratio_conditional_effects.svg']);
    for (const f of r.files) expect(readFileSync(f, 'utf8').startsWith('<svg')).toBe(true);
  });
});
