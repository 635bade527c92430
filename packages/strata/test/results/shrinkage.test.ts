import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { csvRows, exampleSpec, fakeFit, mean, normals, sharedCsv, smallFit, thrown } from './helpers.js';

describe('shrinkage() on the eight schools (y | se(sigma) ~ 1 + (1 | school))', async () => {
  const csv = sharedCsv('eight_schools');
  const schools = csvRows(csv) as { school: string; y: number; sigma: number }[];
  const fit = await smallFit(exampleSpec('eight_schools'), csv, 500, 3);
  const rows = fit.shrinkage().school;

  it('no pooling is each school\'s own estimate y_j (one observation, weight 1/se^2)', () => {
    expect(rows.map((r) => [r.level, r.coef, r.n, r.noPooling])).toEqual(schools.map((s) => [s.school, 'Intercept', 1, s.y]));
  });

  it('partial pooling is the posterior mean of b_Intercept + r_school, between no pooling and the population mean', () => {
    const mu = mean(fit.pooled('b_Intercept'));
    for (const r of rows) {
      expect(r.population).toBeCloseTo(mu, 10);
      expect(r.partialPooling).toBeCloseTo(mu + mean(fit.pooled(`r_school[${r.level},Intercept]`)), 10);
      const lo = Math.min(r.noPooling!, r.population);
      const hi = Math.max(r.noPooling!, r.population);
      expect(r.partialPooling).toBeGreaterThan(lo);
      expect(r.partialPooling).toBeLessThan(hi);
      expect(r.poolingFactor!).toBeGreaterThanOrEqual(0);
      expect(r.poolingFactor!).toBeLessThanOrEqual(1);
      expect(r.poolingFactor!).toBeCloseTo(1 - Math.abs(r.partialPooling - r.population) / Math.abs(r.noPooling! - r.population), 12);
    }
  });

  it('the variance-based pooling factor is the posterior mean of se_j^2 / (tau^2 + se_j^2)', () => {
    const tau2 = fit.pooled('sd_school__Intercept').map((t) => t * t);
    rows.forEach((r, j) => {
      const v = schools[j].sigma ** 2;
      expect(r.poolingFactorVariance!).toBeCloseTo(mean(tau2.map((t) => v / (t + v))), 12);
      expect(r.poolingFactorVariance!).toBeGreaterThan(0);
      expect(r.poolingFactorVariance!).toBeLessThan(1);
    });
    // larger se, more pooling: school C (se 16) pools more than school B (se 10), draw by draw
    const byLevel = Object.fromEntries(rows.map((r) => [r.level, r.poolingFactorVariance!]));
    expect(byLevel.C).toBeGreaterThan(byLevel.B);
  });
});

describe('shrinkage() on sleepstudy (Reaction ~ 1 + Days + (1 + Days | Subject))', async () => {
  const csv = sharedCsv('sleepstudy');
  const data = csvRows(csv) as { Reaction: number; Days: number; Subject: number }[];
  const fit = await smallFit(exampleSpec('sleepstudy'), csv, 300, 1);
  const rows = fit.shrinkage().Subject;

  it('no pooling equals lm(Reaction ~ Days) fitted to each subject alone', () => {
    const subjects = [...new Set(data.map((d) => String(d.Subject)))];
    expect(rows.length).toBe(2 * subjects.length);
    subjects.forEach((subject, j) => {
      const own = data.filter((d) => String(d.Subject) === subject);
      const xbar = mean(own.map((d) => d.Days));
      const ybar = mean(own.map((d) => d.Reaction));
      let sxy = 0;
      let sxx = 0;
      for (const d of own) {
        sxy += (d.Days - xbar) * (d.Reaction - ybar);
        sxx += (d.Days - xbar) ** 2;
      }
      const slope = sxy / sxx;
      const intercept = ybar - slope * xbar;
      const [ri, rd] = [rows[2 * j], rows[2 * j + 1]];
      expect([ri.level, ri.coef, rd.level, rd.coef, ri.n]).toEqual([subject, 'Intercept', subject, 'Days', own.length]);
      expect(ri.noPooling!).toBeCloseTo(intercept, 8);
      expect(rd.noPooling!).toBeCloseTo(slope, 9);
    });
  });

  it('partial pooling is the posterior mean of b + r; pooling factors follow their definition; no variance-based factor for slopes', () => {
    const b = { Intercept: mean(fit.pooled('b_Intercept')), Days: mean(fit.pooled('b_Days')) };
    for (const r of rows) {
      const coef = r.coef as 'Intercept' | 'Days';
      expect(r.population).toBeCloseTo(b[coef], 10);
      expect(r.partialPooling).toBeCloseTo(b[coef] + mean(fit.pooled(`r_Subject[${r.level},${coef}]`)), 10);
      expect(r.poolingFactor!).toBeCloseTo(1 - Math.abs(r.partialPooling - r.population) / Math.abs(r.noPooling! - r.population), 12);
      expect(r.poolingFactorVariance).toBeNull();
    }
    // most subject estimates move towards the population values
    const shrunk = rows.filter((r) => r.poolingFactor! > 0 && r.poolingFactor! <= 1).length;
    expect(shrunk).toBeGreaterThan(rows.length * 0.75);
  });
});

describe('shrinkage() definitions that need no sampling', () => {
  const z = normals(31);
  const rows = Array.from({ length: 36 }, (_, i) => ({ y: 2 + 0.5 * i + z(), x: i / 3 + z(), g: `g${i % 4}`, k: 1 + (i % 3) }));

  it('a fixed column not in the group term is held at its posterior mean: no pooling = mean of y - b_x x over the group', () => {
    const fit = fakeFit({ formula: 'y ~ 1 + x + (1 | g)' }, rows, 2, 30, 8);
    const bx = mean(fit.pooled('b_x'));
    const res = fit.shrinkage().g;
    res.forEach((r) => {
      const own = rows.filter((d) => d.g === r.level);
      expect(r.noPooling!).toBeCloseTo(mean(own.map((d) => d.y - bx * d.x)), 10);
      // gaussian: variance-based factor from sigma^2 / n_j
      const tau2 = fit.pooled('sd_g__Intercept').map((t) => t * t);
      const sigma2 = fit.pooled('sigma').map((s) => s * s);
      expect(r.poolingFactorVariance!).toBeCloseTo(mean(tau2.map((t, s) => sigma2[s] / own.length / (t + sigma2[s] / own.length))), 12);
    });
  });

  it('a level whose rows cannot determine its coefficients gets noPooling null', () => {
    const few = [...rows.slice(0, 8), { y: 1, x: 3, g: 'lonely', k: 1 }];
    const fit = fakeFit({ formula: 'y ~ 1 + x + (1 + x | g)' }, few, 1, 10, 2);
    const lonely = fit.shrinkage().g.filter((r) => r.level === 'lonely');
    expect(lonely.map((r) => [r.n, r.noPooling, r.poolingFactor])).toEqual([
      [1, null, null],
      [1, null, null],
    ]);
  });

  it('non-gaussian and nonlinear models: SpecError', () => {
    expect(thrown(SpecError, () => fakeFit({ formula: 'k ~ 1 + (1 | g)', family: 'poisson' }, rows, 1, 3).shrinkage()).message).toContain('gaussian');
    const orange = fakeFit(exampleSpec('orange'), sharedCsv('orange'), 1, 3);
    expect(thrown(SpecError, () => orange.shrinkage()).message).toContain('linear models only');
    expect(thrown(SpecError, () => fakeFit({ formula: 'y ~ 1 + x' }, rows, 1, 3).shrinkage()).message).toContain('no group-level effects');
  });
});
