import { describe, expect, it } from 'vitest';
import { DataError, SpecError } from '@strata/core';
import { csvRows, exampleSpec, fakeFit, maxAbsDiff, mean, normals, sharedCsv, smallFit, thrown } from './helpers.js';

describe('posteriorEpred() on sleepstudy', async () => {
  const csv = sharedCsv('sleepstudy');
  const data = csvRows(csv);
  const fit = await smallFit(exampleSpec('sleepstudy'), csv, 300, 1);
  const S = fit.totalDraws;
  const b0 = fit.pooled('b_Intercept');
  const b1 = fit.pooled('b_Days');

  it("'observed' on the training data equals model.linearPredictor at every draw", () => {
    for (const newdata of [undefined, csv, data]) {
      const p = fit.posteriorEpred(newdata);
      const lin = fit.posteriorLinpred(newdata);
      expect([p.S, p.N]).toEqual([S, 180]);
      for (let s = 0; s < S; s++) {
        const lp = fit.model.linearPredictor(fit.unconstrainedDraw(s));
        expect(maxAbsDiff(lin.draws.subarray(s * 180, (s + 1) * 180), lp)).toBeLessThan(1e-9);
      }
      expect(maxAbsDiff(p.draws, lin.draws)).toBe(0); // identity link
    }
  });

  it("'none' equals X beta per draw (no Subject column needed)", () => {
    const days = [0, 2.5, 9, 12];
    const p = fit.posteriorEpred({ Days: days }, { groups: 'none' });
    for (let s = 0; s < S; s++) days.forEach((d, i) => expect(p.draws[s * 4 + i]).toBeCloseTo(b0[s] + b1[s] * d, 9));
  });

  it("'observed' on new rows uses the draw's effect of that subject", () => {
    const p = fit.posteriorEpred([{ Days: 3.5, Subject: 309 }, { Days: 0, Subject: '372' }]);
    const r0 = fit.pooled('r_Subject[309,Intercept]');
    const r1 = fit.pooled('r_Subject[309,Days]');
    const q0 = fit.pooled('r_Subject[372,Intercept]');
    for (let s = 0; s < S; s++) {
      expect(p.draws[s * 2]).toBeCloseTo(b0[s] + r0[s] + (b1[s] + r1[s]) * 3.5, 9);
      expect(p.draws[s * 2 + 1]).toBeCloseTo(b0[s] + q0[s], 9);
    }
  });

  it('a subject not in the training data is a DataError naming column, level and row (unless groups: new)', () => {
    const e = thrown(DataError, () => fit.posteriorEpred({ Days: [1, 2, 3], Subject: ['308', '308', 'S99'] }));
    expect([e.column, e.row]).toEqual(['Subject', 3]);
    expect(e.message).toContain('"S99"');
    expect(e.message).toContain("groups: 'new'");
    expect(() => fit.posteriorEpred({ Days: [1], Subject: ['S99'] }, { groups: 'new' })).not.toThrow();
  });

  it("'new': fresh effects ~ N(0, Omega) per draw, independent across levels, shared within a level", () => {
    const K = 40;
    const rows = Array.from({ length: K }, (_, j) => [{ Days: 0, Subject: `new${j}` }, { Days: 1, Subject: `new${j}` }]).flat();
    rows.push({ Days: 1, Subject: 'new0' }); // same level again: same effect
    const p = fit.posteriorEpred(rows, { groups: 'new', seed: 42 });
    const N = p.N;
    const tau0 = fit.pooled('sd_Subject__Intercept');
    const tau1 = fit.pooled('sd_Subject__Days');
    const rho = fit.pooled('cor_Subject__Intercept__Days');
    const z0: number[] = [];
    const z1: number[] = [];
    const cross: number[] = [];
    const neighbours: number[] = [];
    for (let s = 0; s < S; s++) {
      const at = (i: number) => p.draws[s * N + i];
      expect(at(2 * K)).toBe(at(1));
      for (let j = 0; j < K; j++) {
        const e0 = (at(2 * j) - b0[s]) / tau0[s]; // r_Intercept / tau_0
        const e1 = (at(2 * j + 1) - at(2 * j) - b1[s]) / tau1[s]; // r_Days / tau_1
        z0.push(e0);
        z1.push(e1);
        cross.push(e0 * e1 - rho[s]);
        if (j > 0) neighbours.push(e0 * ((at(2 * j - 2) - b0[s]) / tau0[s]));
      }
    }
    // Each standardised effect is N(0, 1): n = S K draws, so the mean has sd 1/sqrt(n), the variance sqrt(2/n).
    const n = z0.length;
    for (const z of [z0, z1]) {
      expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(mean(z.map((v) => v * v)) - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    }
    // E[z0 z1] = rho_s (the draw's correlation); E[z0 of level j times z0 of level j-1] = 0 (independent levels).
    const sdCross = Math.sqrt(mean(cross.map((c) => c * c)));
    expect(Math.abs(mean(cross))).toBeLessThan((4 * sdCross) / Math.sqrt(n));
    expect(Math.abs(mean(neighbours))).toBeLessThan(4 / Math.sqrt(neighbours.length));
    // mu's variance across levels: tau_0^2 at Days 0 and tau_0^2 + 2 rho tau_0 tau_1 + tau_1^2 at Days 1
    const v1 = tau0.map((t, s) => t * t + 2 * rho[s] * t * tau1[s] + tau1[s] * tau1[s]);
    const std1: number[] = [];
    for (let s = 0; s < S; s++) for (let j = 0; j < K; j++) std1.push((p.draws[s * N + 2 * j + 1] - b0[s] - b1[s]) / Math.sqrt(v1[s]));
    expect(Math.abs(mean(std1.map((v) => v * v)) - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it("'new' is reproducible from its seed and draws a seen level afresh too", () => {
    const rows = { Days: [0, 0], Subject: ['308', 'x'] };
    const a = fit.posteriorEpred(rows, { groups: 'new', seed: 7 });
    const b = fit.posteriorEpred(rows, { groups: 'new', seed: 7 });
    const c = fit.posteriorEpred(rows, { groups: 'new', seed: 8 });
    expect(a.draws).toEqual(b.draws);
    expect(maxAbsDiff(a.draws, c.draws)).toBeGreaterThan(0);
    const r308 = fit.pooled('r_Subject[308,Intercept]');
    expect(maxAbsDiff(Float64Array.from({ length: S }, (_, s) => a.draws[2 * s]), b0.map((v, s) => v + r308[s]))).toBeGreaterThan(1);
  });

  it('draws option; fitted() summarises the same draws', () => {
    const p = fit.posteriorEpred({ Days: [0, 5], Subject: ['308', '309'] }, { draws: 60 });
    const f = fit.fitted({ Days: [0, 5], Subject: ['308', '309'] }, { draws: 60, prob: 0.9 });
    expect(p.S).toBe(60);
    expect([...p.drawIndex.slice(0, 3)]).toEqual([0, 10, 20]);
    const all = fit.posteriorEpred({ Days: [0, 5], Subject: ['308', '309'] });
    for (let d = 0; d < 60; d++) expect(p.draws[d * 2 + 1]).toBe(all.draws[p.drawIndex[d] * 2 + 1]);
    const col = Float64Array.from({ length: 60 }, (_, d) => p.draws[d * 2]);
    expect(f.rows[0].row).toBe(1);
    expect(f.rows[0].estimate).toBeCloseTo(mean(col), 10);
    expect(f.rows[0].lower).toBeLessThan(f.rows[0].upper);
    expect(thrown(SpecError, () => fit.posteriorEpred(undefined, { draws: 0 })).path).toBe('options.draws');
    expect(thrown(SpecError, () => fit.posteriorEpred(undefined, { groups: 'all' as never })).path).toBe('options.groups');
  });

  it('posteriorPredict: y_rep - eta is N(0, sigma^2) per draw, reproducible from the seed', () => {
    const a = fit.posteriorPredict(undefined, { seed: 3 });
    expect(a.yrep).toEqual(fit.posteriorPredict(undefined, { seed: 3 }).yrep);
    const sigma = fit.pooled('sigma');
    const z: number[] = [];
    for (let s = 0; s < S; s++) {
      const eta = fit.model.linearPredictor(fit.unconstrainedDraw(s));
      for (let i = 0; i < 180; i++) z.push((a.yrep[s * 180 + i] - eta[i]) / sigma[s]);
    }
    expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(z.length));
    expect(Math.abs(mean(z.map((v) => v * v)) - 1)).toBeLessThan(4 * Math.sqrt(2 / z.length));
    const nd = fit.posteriorPredict({ Days: [4], Subject: ['S1'] }, { groups: 'new', seed: 1 });
    expect(nd.N).toBe(1);
    expect(Number.isFinite(nd.yrep[0])).toBe(true);
  });
});

describe('posteriorEpred() with factors, links and nonlinear models (fake draws, exact)', () => {
  it('orthodont: a Sex level the training data lacks is a DataError; coding follows the training levels', () => {
    const fit = fakeFit(exampleSpec('orthodont'), sharedCsv('orthodont'), 1, 5);
    const e = thrown(DataError, () => fit.posteriorEpred({ age: [8, 9], Sex: ['Female', 'Unknown'] }, { groups: 'none' }));
    expect([e.column, e.row]).toEqual(['Sex', 2]);
    expect(e.message).toContain('"Unknown"');
    const p = fit.posteriorEpred({ age: [9], Sex: ['Female'] }, { groups: 'none' });
    const b = (n: string) => fit.pooled(n);
    const expected = b('b_Intercept').map((v, s) => v + 9 * b('b_age')[s] + b('b_SexFemale')[s] + 9 * b('b_age:SexFemale')[s]);
    expect(maxAbsDiff(p.draws, expected)).toBeLessThan(1e-9);
  });

  it('bernoulli: mu is the inverse logit of eta', () => {
    const z = normals(3);
    const rows = Array.from({ length: 30 }, (_, i) => ({ y: z() > 0 ? 1 : 0, x: z(), g: `g${i % 3}` }));
    const fit = fakeFit({ formula: 'y ~ 1 + x + (1 | g)', family: 'bernoulli' }, rows, 2, 20);
    const p = fit.posteriorEpred();
    const eta = fit.posteriorLinpred().draws;
    expect(maxAbsDiff(p.draws, eta.map((e) => 1 / (1 + Math.exp(-e))))).toBeLessThan(1e-15);
    for (let s = 0; s < p.S; s++) expect(maxAbsDiff(eta.subarray(s * 30, (s + 1) * 30), fit.model.linearPredictor(fit.unconstrainedDraw(s)))).toBeLessThan(1e-12);
  });

  it('orange (nonlinear): observed equals linearPredictor; none is the logistic curve at the fixed effects', () => {
    const fit = fakeFit(exampleSpec('orange'), sharedCsv('orange'), 2, 10);
    const p = fit.posteriorLinpred();
    for (let s = 0; s < p.S; s++) expect(maxAbsDiff(p.draws.subarray(s * p.N, (s + 1) * p.N), fit.model.linearPredictor(fit.unconstrainedDraw(s)))).toBeLessThan(1e-9);
    const none = fit.posteriorEpred({ age: [500, 1500] }, { groups: 'none' });
    const A = fit.pooled('b_Asym_Intercept');
    const x = fit.pooled('b_xmid_Intercept');
    const sc = fit.pooled('b_scal_Intercept');
    for (let s = 0; s < none.S; s++) {
      [500, 1500].forEach((age, i) => expect(none.draws[s * 2 + i]).toBeCloseTo(A[s] / (1 + Math.exp(-(age - x[s]) / sc[s])), 9));
    }
    expect(thrown(DataError, () => fit.posteriorEpred({ Tree: ['1'] })).column).toBe('age');
  });

  it('eight schools: posteriorPredict on new data reads its se column', () => {
    const fit = fakeFit(exampleSpec('eight_schools'), sharedCsv('eight_schools'), 2, 200);
    const pp = fit.posteriorPredict({ school: ['A'], sigma: [1e-9] }, { seed: 2 });
    const p = fit.posteriorEpred({ school: ['A'] });
    expect(maxAbsDiff(pp.yrep, p.draws)).toBeLessThan(1e-6);
    expect(thrown(DataError, () => fit.posteriorPredict({ school: ['A'] })).column).toBe('sigma');
  });
});
