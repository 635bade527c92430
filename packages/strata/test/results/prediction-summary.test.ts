/**
 * brms's summaries and their meaning: predict() carries the residual noise (its variance exceeds
 * fitted()'s by sigma^2), residuals() are y - E[y], coef() = fixef + ranef per draw, and the old
 * predict() shape is refused with the name of its replacement.
 */
import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { csvRows, exampleSpec, fakeFit, maxAbsDiff, mean, normals, sharedCsv, smallFit, thrown } from './helpers.js';

function columnVariance(m: Float64Array, S: number, N: number, i: number): number {
  let a = 0;
  for (let s = 0; s < S; s++) a += m[s * N + i];
  const mu = a / S;
  let v = 0;
  for (let s = 0; s < S; s++) v += (m[s * N + i] - mu) ** 2;
  return v / (S - 1);
}

describe('sleepstudy: predict vs fitted vs posteriorEpred', async () => {
  const csv = sharedCsv('sleepstudy');
  const fit = await smallFit(exampleSpec('sleepstudy'), csv, 300, 4);
  const S = fit.totalDraws;
  const N = 180;

  it("posteriorPredict's variance exceeds posteriorEpred's by E[sigma^2] within Monte Carlo error (law of total variance)", () => {
    const epred = fit.posteriorEpred().draws;
    const yrep = fit.posteriorPredict(undefined, { seed: 5 }).draws;
    const sigma2 = mean(fit.pooled('sigma').map((v) => v * v));
    const gaps: number[] = [];
    for (let i = 0; i < N; i++) gaps.push(columnVariance(yrep, S, N, i) - columnVariance(epred, S, N, i) - sigma2);
    // The sample variance of S draws has sd ~ var sqrt(2 / S); rows are conditionally independent given the draws.
    const total = sigma2 + mean(Array.from({ length: N }, (_, i) => columnVariance(epred, S, N, i)));
    const se = total * Math.sqrt(2 / S);
    gaps.forEach((g) => expect(Math.abs(g)).toBeLessThan(5 * se));
    expect(Math.abs(mean(gaps))).toBeLessThan((4 * se) / Math.sqrt(N));
    expect(mean(gaps) + sigma2).toBeGreaterThan(0.8 * sigma2);
  });

  it('predict() and fitted() summarise those draws: mean, sd and the 95% interval by default (brms Q2.5, Q97.5)', () => {
    const rows = [{ Days: 3, Subject: '308' }, { Days: 8, Subject: '372' }];
    const p = fit.predict(rows, { seed: 2 });
    const f = fit.fitted(rows);
    const yrep = fit.posteriorPredict(rows, { seed: 2 }).draws;
    const epred = fit.posteriorEpred(rows).draws;
    expect(p.prob).toBe(0.95);
    for (let i = 0; i < 2; i++) {
      const col = Float64Array.from({ length: S }, (_, s) => yrep[s * 2 + i]).sort();
      expect(p.rows[i].estimate).toBeCloseTo(mean(col), 9);
      // type 7: h = (S - 1) p
      const q = (pr: number) => {
        const h = (S - 1) * pr;
        const lo = Math.floor(h);
        return col[lo] + (h - lo) * (col[lo + 1] - col[lo]);
      };
      expect(p.rows[i].lower).toBeCloseTo(q(0.025), 9);
      expect(p.rows[i].upper).toBeCloseTo(q(0.975), 9);
      expect(f.rows[i].estimate).toBeCloseTo(mean(Float64Array.from({ length: S }, (_, s) => epred[s * 2 + i])), 9);
      expect(p.rows[i].estError).toBeGreaterThan(f.rows[i].estError);
      expect(p.rows[i].upper - p.rows[i].lower).toBeGreaterThan(2 * 1.9 * mean(fit.pooled('sigma')) * 0.9);
    }
    const lin = fit.fitted(rows, { scale: 'linear' });
    expect(lin.rows[1].estimate).toBeCloseTo(f.rows[1].estimate, 9); // identity link
  });

  it('residuals() are y - E[y | theta] per training row', () => {
    const y = csvRows(csv).map((r) => Number(r.Reaction));
    const r = fit.residuals();
    const f = fit.fitted();
    expect(r.rows).toHaveLength(N);
    r.rows.forEach((row, i) => expect(row.estimate).toBeCloseTo(y[i] - f.rows[i].estimate, 8));
    const draws = fit.posteriorResiduals(undefined, { draws: 10 });
    const epred = fit.posteriorEpred(undefined, { draws: 10 });
    expect(maxAbsDiff(draws.draws, epred.draws.map((e, k) => y[k % N] - e))).toBeLessThan(1e-9);
  });

  it('coef() = fixef + ranef for every draw, level and coefficient (chain by chain)', () => {
    const c = fit.coef();
    expect(c.Subject).toHaveLength(36);
    for (const row of c.Subject) {
      const fixed = fit.draws(`b_${row.coef}`);
      const effect = fit.draws(`r_Subject[${row.level},${row.coef}]`);
      const byHand = fixed.flatMap((chain, k) => Array.from(chain, (b, i) => b + effect[k][i]));
      expect(Array.from(row.draws)).toEqual(byHand);
      expect(row.mean).toBeCloseTo(mean(byHand), 9);
    }
  });

  it('the old predict() shape is refused naming its replacement, not answered with a different quantity', () => {
    const p = fit.predict([{ Days: 1, Subject: '308' }]);
    expect(thrown(SpecError, () => (p as unknown as { mu: unknown }).mu).message).toContain('posteriorEpred');
    expect(thrown(SpecError, () => (p as unknown as { S: unknown }).S).message).toContain('residual noise');
    expect(thrown(SpecError, () => fit.predict(undefined, { eta: true } as never)).message).toContain('posteriorLinpred');
    expect(thrown(SpecError, () => fit.predict(undefined, { summary: true } as never)).message).toContain('fitted');
    expect(JSON.parse(JSON.stringify(p)).rows).toHaveLength(1);
    expect(thrown(SpecError, () => fit.fitted(undefined, { prob: 1.5 })).path).toBe('options.prob');
  });
});

describe('binomial and nonlinear coef (fake draws)', () => {
  it('binomial: posteriorEpred is trials x p (brms), posteriorLinpred the logit', () => {
    const z = normals(9);
    const rows = Array.from({ length: 24 }, (_, i) => ({ k: i % 5, n: 5 + (i % 3), x: z(), g: `g${i % 4}` }));
    const fit = fakeFit({ formula: 'k | trials(n) ~ 1 + x + (1 | g)', family: 'binomial' }, rows, 1, 10);
    const e = fit.posteriorEpred();
    const l = fit.posteriorLinpred();
    for (let k = 0; k < e.draws.length; k++) expect(e.draws[k]).toBeCloseTo(rows[k % 24].n / (1 + Math.exp(-l.draws[k])), 12);
  });

  it('orange: coef of the nonlinear asymptote is b_Asym_Intercept + r_Tree__Asym', () => {
    const fit = fakeFit(exampleSpec('orange'), sharedCsv('orange'), 1, 6);
    const row = fit.coef().Tree[0];
    expect(row.coef).toBe('Asym_Intercept');
    const b = fit.pooled('b_Asym_Intercept');
    const r = fit.pooled(`r_Tree__Asym[${row.level},Intercept]`);
    expect(Array.from(row.draws)).toEqual(Array.from(b, (v, s) => v + r[s]));
  });
});
