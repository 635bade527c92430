/**
 * Distributional parameters (dpars): a family parameter with its own linear formula on brms's link
 * (sigma, shape, phi, nu: log; zi, hu: logit). Names and priors as brms; the pointwise
 * log-likelihood against the closed form with per-observation sigma; and (property) the hand-written
 * gradient against finite differences for random families, dpar formulas (fixed, group, shared ID with
 * the mean), linear and nonlinear means, with and without weights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, listPriors, seededUniform } from '../../src/index.js';
import { checkGradient, expectFusedEqualsThreePass, makeData, type Scenario } from './gradient-check.js';

const data = makeData(7, 40, 'gaussian');

describe('dpars: names, priors, likelihood', () => {
  const spec = {
    formula: 'y ~ 1 + x1 + (1 | p | g1)',
    dpars: { sigma: '1 + x2 + (1 | p | g1)' },
    priors: [
      { prior: 'normal(0, 5)', class: 'b' },
      { prior: 'normal(0, 1)', class: 'b', dpar: 'sigma' },
      { prior: 'normal(0, 0.5)', class: 'sd', group: 'g1', dpar: 'sigma' },
    ],
  };

  it('names the coefficients, sds, correlations and effects as brms; no scalar sigma', () => {
    const model = compile(spec, data);
    const names = model.constrainedNames;
    expect(names.filter((n) => n.startsWith('b_'))).toEqual(['b_Intercept', 'b_x1', 'b_sigma_Intercept', 'b_sigma_x2']);
    expect(names.filter((n) => n.startsWith('sd_'))).toEqual(['sd_g1__Intercept', 'sd_g1__sigma_Intercept']);
    expect(names.filter((n) => n.startsWith('cor_'))).toEqual(['cor_g1__Intercept__sigma_Intercept']);
    expect(names).toContain('r_g1__sigma[s2,Intercept]');
    expect(names).not.toContain('sigma');
  });

  it('a class-b prior without dpar is the mean\'s only; dpar priors and link-scale defaults are listed', () => {
    const rows = listPriors(compile(spec, data).priors);
    const row = (parameter: string) => rows.find((r) => r.parameter === parameter)!;
    expect(row('b_x1').prior).toBe('normal(0, 5)');
    expect(row('b_sigma_x2')).toMatchObject({ prior: 'normal(0, 1)', dpar: 'sigma', class: 'b', coef: 'x2' });
    expect(row('sd_g1__sigma_Intercept')).toMatchObject({ prior: 'normal(0, 0.5)', dpar: 'sigma' });
    const defaults = listPriors(compile({ formula: 'y ~ 1 + x1', dpars: { sigma: '1 + x1 + (1 | g1)' } }, data).priors);
    expect(defaults.find((r) => r.parameter === 'b_sigma_Intercept')!.prior).toBe('student_t(3, 0, 2.5)');
    expect(defaults.find((r) => r.parameter === 'sd_g1__sigma_Intercept')!.prior).toBe('student_t(3, 0, 2.5)');
    expect(() => compile({ ...spec, priors: [{ prior: 'normal(0, 1)', class: 'sd', group: 'g1', dpar: 'sigma', coef: 'x2' }] }, data)).toThrow(/dpar=sigma.*matches no parameter: coef "x2"/);
    expect(() => compile({ formula: 'y ~ 1', dpars: { sigma: '1 + (1 | g1)' }, priors: [{ prior: 'normal(0, 1)', class: 'sd' }] }, data)).toThrow(/belong to distributional parameters \(sigma\); add "dpar"/);
  });

  it('pointwise log-likelihood is log N(y | mu_i, exp(eta_sigma_i)) per observation', () => {
    const model = compile({ formula: 'y ~ 1 + x1', dpars: { sigma: '1 + x2 + (1 | g1)' } }, data);
    const u = seededUniform(3);
    const theta = Float64Array.from({ length: model.dimension }, () => u() * 2 - 1);
    const c = model.constrainNamed(theta);
    const ll = model.pointwiseLogLik(theta);
    data.y.forEach((yv, i) => {
      const mu = c.b_Intercept + c.b_x1 * (data.x1[i] as number);
      const sigma = Math.exp(c.b_sigma_Intercept + c.b_sigma_x2 * (data.x2[i] as number) + c[`r_g1__sigma[${data.g1[i]},Intercept]`]);
      const z = ((yv as number) - mu) / sigma;
      const expected = -0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * z * z;
      expect(Math.abs(ll[i] - expected)).toBeLessThanOrEqual(1e-13 * Math.abs(expected) + 1e-13);
    });
  });

  it('refuses dpars with error "combined", naming the dpar', () => {
    const timed = { ...data, t: data.y.map((_, i) => i) };
    expect(() => compile({ formula: 'y ~ 1', dpars: { sigma: '1 + x1' }, error: 'combined' }, timed)).toThrow(/for nonlinear gaussian models/);
    expect(() => compile({ formula: 'y ~ a', nl: { a: '1' }, dpars: { sigma: '1 + x1' }, error: 'combined' }, timed)).toThrow(/^spec\.dpars\.sigma: a "dpars" formula together with "error": "combined" is not supported yet$/);
    expect(compile({ formula: 'y ~ 1', dpars: { sigma: '1 + x1' }, autocor: 'ar(time = t, gr = g1)' }, timed).constrainedNames).toContain('b_sigma_x1');
  });
});

/** Data for a family: y of the right kind plus the shared covariates. */
function familyData(family: string, seed: number, n: number): Record<string, (number | string)[]> {
  const kind = ['gamma', 'weibull', 'lognormal', 'hurdle_lognormal'].includes(family) ? 'lognormal' : ['negbinomial', 'zero_inflated_poisson', 'hurdle_poisson', 'zero_inflated_negbinomial', 'hurdle_negbinomial'].includes(family) ? 'poisson' : 'gaussian';
  const d = makeData(seed, n, kind);
  if (family === 'beta') d.y = d.y.map((v) => 1 / (1 + Math.exp(-((v as number) - 3))));
  if (family === 'hurdle_lognormal') d.y = d.y.map((v, i) => (i % 4 === 0 ? 0 : v));
  d.w = d.x2.map((v) => 0.5 + (v as number) / 3);
  return d;
}

const DPAR_OF: Record<string, string[]> = {
  gaussian: ['sigma'],
  student: ['sigma', 'nu'],
  lognormal: ['sigma'],
  negbinomial: ['shape'],
  gamma: ['shape'],
  weibull: ['shape'],
  beta: ['phi'],
  zero_inflated_poisson: ['zi'],
  zero_inflated_negbinomial: ['shape', 'zi'],
  hurdle_poisson: ['hu'],
  hurdle_lognormal: ['sigma', 'hu'],
};

const scenario = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    n: fc.integer({ min: 15, max: 35 }),
    family: fc.constantFrom(...Object.keys(DPAR_OF)),
    which: fc.integer({ min: 0, max: 3 }),
    formula: fc.constantFrom('1', '1 + x1', '1 + (1 | g1)', '1 + x2 + (1 | p | g1)', '1 + x1 + (1 + x1 | g2)'),
    nonlinear: fc.boolean(),
    weights: fc.boolean(),
  })
  .map(({ seed, n, family, which, formula, nonlinear, weights }): Scenario => {
    const dpars = DPAR_OF[family];
    const two = dpars.length > 1 && which === 3;
    const chosen = two ? dpars : [dpars[which % dpars.length]];
    const shared = formula.includes('| p |');
    const lhs = weights ? 'y | weights(w)' : 'y';
    const mean = nonlinear
      ? { formula: `${lhs} ~ a + b * x1`, nl: { a: shared ? '1 + (1 | p | g1)' : '1 + (1 | g1)', b: '1' } }
      : { formula: `${lhs} ~ 1 + x1 + ${shared ? '(1 | p | g1)' : '(1 | g1)'}` };
    return {
      spec: {
        ...mean,
        family,
        dpars: Object.fromEntries(chosen.map((d, k) => [d, k === 0 ? formula : '1 + x2'])),
        priors: nonlinear ? [{ prior: 'normal(0, 1)', class: 'b', nlpar: 'a' }, { prior: 'normal(0, 1)', class: 'b', nlpar: 'b' }] : [],
      },
      data: familyData(family, seed, n),
    };
  });

describe('dpars: gradient', () => {
  it('hand-written gradient vs finite differences for random families, formulas and means', () => {
    fc.assert(fc.property(scenario, fc.integer({ min: 1, max: 1e9 }), (s, thetaSeed) => checkGradient(s, thetaSeed, 0.5)), { numRuns: 60, seed: 2024 });
  });

  it('the fused dpars loop (gaussian, lognormal; student with a sigma formula) equals the per-observation path: value and gradient', () => {
    const fused = (s: Scenario) =>
      ['gaussian', 'lognormal'].includes(String(s.spec.family)) || (s.spec.family === 'student' && Object.keys(s.spec.dpars as object).join() === 'sigma');
    const fusedFamilies = scenario.filter((s) => fused(s) && !String(s.spec.formula).includes('weights'));
    fc.assert(
      fc.property(fusedFamilies, fc.integer({ min: 1, max: 1e9 }), (s, thetaSeed) => {
        const model = compile(s.spec, s.data);
        const u = seededUniform(thetaSeed);
        expectFusedEqualsThreePass(model, Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * 0.8), 'fusedDpars');
      }),
      { numRuns: 40, seed: 99 },
    );
  });
});
