import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { mcseMean } from '@strata/diagnostics';
import { exampleSpec, fakeFit, maxAbsDiff, normals, sd, sharedCsv, smallFit, thrown } from './helpers.js';

/** y = 5 + a_g + e, J groups of m rows, a ~ N(0, tau^2), e ~ N(0, sigma^2). */
function randomIntercepts(J: number, m: number, tau: number, sigma: number, seed: number) {
  const z = normals(seed);
  const y: number[] = [];
  const g: string[] = [];
  for (let j = 0; j < J; j++) {
    const a = tau * z();
    for (let k = 0; k < m; k++) {
      y.push(5 + a + sigma * z());
      g.push(`g${j}`);
    }
  }
  return { y, g };
}

describe('icc() of a gaussian random-intercept model', () => {
  it('recovers a known ICC (tau = 2, sigma = 1: 0.8) and equals sd^2 / (sd^2 + sigma^2) per draw', async () => {
    const data = randomIntercepts(80, 6, 2, 1, 2024);
    const fit = await smallFit({ formula: 'y ~ 1 + (1 | g)' }, data);
    const r = fit.icc();
    expect(r.scale).toBe('data');
    expect(r.groups.map((g) => [g.group, g.parameter])).toEqual([['g', 'sd_g__Intercept']]);
    const sdG = fit.pooled('sd_g__Intercept');
    const sigma = fit.pooled('sigma');
    const exact = sdG.map((v, s) => (v * v) / (v * v + sigma[s] * sigma[s]));
    expect(maxAbsDiff(r.groups[0].draws, exact)).toBeLessThan(1e-14);
    expect(maxAbsDiff(r.total.draws, exact)).toBe(0);
    // The posterior should cover the truth: mean within 3 posterior sds plus 3 Monte Carlo standard errors.
    const draws = r.groups[0].draws;
    const chains = [draws.subarray(0, fit.iterations), draws.subarray(fit.iterations)];
    const tol = 3 * sd(draws) + 3 * mcseMean(chains);
    expect(Math.abs(r.groups[0].mean - 0.8)).toBeLessThan(tol);
    expect(tol).toBeLessThan(0.12); // the check means something
    expect(r.groups[0].q5).toBeLessThan(r.groups[0].median);
    expect(r.groups[0].median).toBeLessThan(r.groups[0].q95);
  });

  it('with two crossed random intercepts: each share and the total per draw', () => {
    const z = normals(77);
    const a = Array.from({ length: 10 }, () => 1.5 * z());
    const b = Array.from({ length: 6 }, () => z());
    const rows = Array.from({ length: 120 }, (_, i) => ({ y: a[i % 10] + b[i % 6] + z(), a: `a${i % 10}`, b: `b${i % 6}` }));
    const spec = { formula: 'y ~ 1 + (1 | a) + (1 | b)' };
    const fit = fakeFit(spec, rows, 2, 50, 3);
    const r = fit.icc();
    const va = fit.pooled('sd_a__Intercept').map((v) => v * v);
    const vb = fit.pooled('sd_b__Intercept').map((v) => v * v);
    const s2 = fit.pooled('sigma').map((v) => v * v);
    const denom = va.map((v, s) => v + vb[s] + s2[s]);
    expect(r.groups.map((g) => g.group)).toEqual(['a', 'b']);
    expect(maxAbsDiff(r.groups[0].draws, va.map((v, s) => v / denom[s]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(r.groups[1].draws, vb.map((v, s) => v / denom[s]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(r.total.draws, va.map((v, s) => (v + vb[s]) / denom[s]))).toBeLessThan(1e-14);
  });
});

describe('icc() on the latent scale', () => {
  const z = normals(9);
  const rows = Array.from({ length: 60 }, (_, i) => ({ y: z() > 0.3 ? 1 : 0, count: Math.floor(3 * Math.abs(z())), x: i / 10, g: `g${i % 6}` }));

  it('bernoulli (logit): residual variance pi^2 / 3', () => {
    const spec = { formula: 'y ~ 1 + (1 | g)', family: 'bernoulli' };
    const fit = fakeFit(spec, rows, 2, 40, 4);
    const r = fit.icc();
    expect(r.scale).toBe('latent');
    const v = fit.pooled('sd_g__Intercept').map((x) => x * x);
    expect(maxAbsDiff(r.groups[0].draws, v.map((x) => x / (x + (Math.PI * Math.PI) / 3)))).toBeLessThan(1e-14);
  });

  it('poisson (log): log(1 + 1/exp(b_Intercept + sd^2/2)), the lognormal approximation', () => {
    const spec = { formula: 'count ~ 1 + (1 | g)', family: 'poisson' };
    const fit = fakeFit(spec, rows, 2, 40, 5);
    const r = fit.icc();
    const v = fit.pooled('sd_g__Intercept').map((x) => x * x);
    const b0 = fit.pooled('b_Intercept');
    const expected = v.map((x, s) => x / (x + Math.log(1 + 1 / Math.exp(b0[s] + x / 2))));
    expect(maxAbsDiff(r.groups[0].draws, expected)).toBeLessThan(1e-13);
  });

  it('poisson with a covariate: lambda at the mean of the fixed part (the centred-covariate intercept)', () => {
    const spec = { formula: 'count ~ 1 + x + (1 | g)', family: 'poisson' };
    const fit = fakeFit(spec, rows, 1, 40, 6);
    const xbar = rows.reduce((s, r) => s + r.x, 0) / rows.length;
    const v = fit.pooled('sd_g__Intercept').map((x) => x * x);
    const b0 = fit.pooled('b_Intercept');
    const b1 = fit.pooled('b_x');
    const expected = v.map((x, s) => x / (x + Math.log(1 + 1 / Math.exp(b0[s] + b1[s] * xbar + x / 2))));
    expect(maxAbsDiff(fit.icc().groups[0].draws, expected)).toBeLessThan(1e-12);
  });
});

describe('icc() refuses models where it is not defined', () => {
  const sleep = sharedCsv('sleepstudy');

  it('random slopes: SpecError that says why and points to varCorr()', () => {
    const spec = exampleSpec('sleepstudy');
    const e = thrown(SpecError, () => fakeFit(spec, sleep, 1, 3, 1).icc());
    expect(e.message).toContain('random slope for Days');
    expect(e.message).toContain('varCorr()');
    expect(e.path).toBe('icc');
  });

  it('no random intercept, known se, student: SpecError', () => {
    const noGroups = { formula: 'Reaction ~ 1 + Days' };
    expect(thrown(SpecError, () => fakeFit(noGroups, sleep, 1, 3, 1).icc()).message).toContain('no group-level (random) intercept');
    const eight = exampleSpec('eight_schools');
    const schools = sharedCsv('eight_schools');
    expect(thrown(SpecError, () => fakeFit(eight, schools, 1, 3, 1).icc()).message).toContain('se()');
    const student = { formula: 'Reaction ~ 1 + (1 | Subject)', family: 'student' };
    expect(thrown(SpecError, () => fakeFit(student, sleep, 1, 3, 1).icc()).message).toContain('student');
  });
});
