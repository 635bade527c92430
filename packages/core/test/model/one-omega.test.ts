/**
 * One Omega: group terms sharing an ID across nonlinear parameters form one correlated block. Names
 * as brms, one LKJ prior for the block, and (property) the hand-written gradient agrees with finite
 * differences for random ID blocks over random nonlinear parameters, with and without the fused loop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, seededUniform } from '../../src/index.js';
import { ModelDensity } from '../../src/model/density.js';
import { checkGradient, makeData, type Scenario } from './gradient-check.js';

const PARAMS = ['a', 'b', 'c'] as const;

/** Random formulas for a, b, c: each joins ID p of g1 with 1 or 1 + x1, has its own term, or none. */
const scenario = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    n: fc.integer({ min: 15, max: 40 }),
    family: fc.constantFrom('gaussian', 'student', 'poisson'),
    expression: fc.constantFrom('a * exp(-b * x2) + c', 'a / (1 + exp(-(tt - b) / c))', 'a + b * log1p(x2) + c * x1'),
    terms: fc.tuple(...PARAMS.map(() => fc.constantFrom('1 + (1 | p | g1)', '1 + (1 + x1 | p | g1)', '1 + (1 | g1)', '1', '1 + x1 + (1 | p | g1) + (1 | g2)'))),
    shared: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ seed, n, family, expression, terms, shared }): Scenario => {
    // at least two formulas join the ID
    const nl = Object.fromEntries(PARAMS.map((p, k) => [p, k === shared || k === (shared + 1) % 3 ? (terms[k].includes('| p |') ? terms[k] : '1 + (1 | p | g1)') : terms[k]]));
    return {
      spec: { formula: `y ~ ${expression}`, nl, family, priors: [{ prior: 'lkj(1.5)', class: 'cor', group: 'g1' }, ...PARAMS.map((p) => ({ prior: 'normal(0.5, 1)', class: 'b', nlpar: p }))] },
      data: makeData(seed, n, family === 'poisson' ? 'poisson' : 'gaussian'),
    };
  });

const pk = {
  formula: 'y ~ a * exp(-b * x2) + c',
  nl: { a: '1 + (1 | p | g1)', b: '1', c: '1 + (1 + x1 | p | g1)' },
  priors: [{ prior: 'lkj(2)', class: 'cor', group: 'g1' }, ...PARAMS.map((p) => ({ prior: 'normal(0.5, 1)', class: 'b', nlpar: p }))],
};

describe('one Omega across nonlinear parameters', () => {
  it('names the sds, correlations and effects as brms, with one LKJ prior', () => {
    const model = compile(pk, makeData(3, 30, 'gaussian'));
    const names = model.constrainedNames;
    expect(names.filter((n) => n.startsWith('sd_'))).toEqual(['sd_g1__a_Intercept', 'sd_g1__c_Intercept', 'sd_g1__c_x1']);
    expect(names.filter((n) => n.startsWith('cor_'))).toEqual(['cor_g1__a_Intercept__c_Intercept', 'cor_g1__a_Intercept__c_x1', 'cor_g1__c_Intercept__c_x1']);
    expect(names).toContain('r_g1__a[s0,Intercept]');
    expect(names).toContain('r_g1__c[s4,x1]');
    expect(model.layout.joint).toHaveLength(1);
    expect(model.layout.joint[0].Q).toBe(3);
    expect(model.layout.joint[0].corPrior.eta).toBe(2);
    expect(model.priors.filter((p) => p.slot.class === 'cor').map((p) => p.slot.parameter)).toEqual(['cor_g1']);
  });

  it('each term reads its slice of the shared effects r = diag(tau) L z', () => {
    const model = compile(pk, makeData(3, 30, 'gaussian'));
    const u = seededUniform(5);
    const theta = Float64Array.from({ length: model.dimension }, () => u() * 2 - 1);
    const c = model.constrainNamed(theta);
    const block = model.layout.joint[0];
    // level 1, coefficient 2 (c's x1): tau_2 * (L z)_2 with the correlations the draw reports
    const z = Array.from({ length: 3 }, (_, k) => theta[block.zOffset + 3 + k]);
    const r12 = [c['r_g1__a[s1,Intercept]'], c['r_g1__c[s1,Intercept]'], c['r_g1__c[s1,x1]']];
    const sd = [c.sd_g1__a_Intercept, c.sd_g1__c_Intercept, c.sd_g1__c_x1];
    const w = r12.map((r, k) => r / sd[k]);
    // w = L z with L lower triangular: w_0 = z_0, and E-free check: the norm of w is z's norm only if L is orthogonal,
    // so check instead that cor(a, c_Intercept) = L[1,0] L[0,0]: w_1 = L10 z0 + L11 z1 with L10 = cor01
    const rho = c['cor_g1__a_Intercept__c_Intercept'];
    expect(w[0]).toBeCloseTo(z[0], 12);
    expect(w[1]).toBeCloseTo(rho * z[0] + Math.sqrt(1 - rho * rho) * z[1], 12);
  });

  it('gradient vs finite differences for random ID blocks', () => {
    fc.assert(fc.property(scenario, fc.integer({ min: 1, max: 1e9 }), (s, thetaSeed) => checkGradient(s, thetaSeed)), { numRuns: 40, seed: 1212 });
  });

  it('the fused loop equals the three-pass path', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 1e9 }), (s, thetaSeed) => {
        const model = compile(s.spec, s.data);
        const fused = new ModelDensity(model.structure, model.layout);
        const plain = new ModelDensity(model.structure, model.layout, { fused: false });
        const u = seededUniform(thetaSeed);
        const theta = Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * 0.8);
        const g1 = new Float64Array(model.dimension);
        const g2 = new Float64Array(model.dimension);
        expect(fused.logDensityGradient(theta, g1)).toBeCloseTo(plain.logDensityGradient(theta, g2), 8);
        g1.forEach((g, i) => expect(Math.abs(g - g2[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g2[i]))));
      }),
      { numRuns: 20, seed: 77 },
    );
  });

  const lin = { formula: 'y ~ a + c * x1', nl: { a: '1 + (1 | p | g1)', c: '1 + (1 | p | g1)' }, priors: [{ prior: 'normal(0, 1)', class: 'b', nlpar: 'a' }, { prior: 'normal(0, 1)', class: 'b', nlpar: 'c' }] };

  it("the new-data predictor with groups 'observed' equals the density's mean", () => {
    const model = compile(pk, makeData(4, 30, 'gaussian'));
    const theta = Float64Array.from({ length: model.dimension }, (_, i) => 0.3 * Math.sin(i + 1));
    const out = new Float64Array(model.nobs);
    model.newData(undefined, { groups: 'observed' }).run(model.constrain(theta), theta, out);
    const eta = model.linearPredictor(theta);
    out.forEach((v, i) => expect(v).toBeCloseTo(eta[i], 12));
  });

  it("fresh effects ('new') are drawn from the full Omega: sample sds and correlation over many draws", () => {
    const model = compile(lin, makeData(4, 30, 'gaussian'));
    const theta = Float64Array.from({ length: model.dimension }, (_, i) => 0.4 * Math.cos(i + 2));
    theta[model.layout.joint[0].corOffset] = 0.9; // a strong correlation
    const v = model.constrainNamed(theta);
    const row = model.constrain(theta);
    const u = seededUniform(21);
    const rng = { uniform: u, normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()) };
    const predictor = model.newData({ x1: [0, 1], x2: [0, 0], tt: [1, 1], g1: ['new', 'new'] }, { groups: 'new', rng });
    const out = new Float64Array(2);
    const N = 20000;
    let s00 = 0;
    let s11 = 0;
    let s01 = 0;
    for (let d = 0; d < N; d++) {
      predictor.run(row, theta, out);
      const ra = out[0] - v.b_a_Intercept;
      const rc = out[1] - v.b_a_Intercept - v.b_c_Intercept - ra;
      s00 += ra * ra;
      s11 += rc * rc;
      s01 += ra * rc;
    }
    const rho = v.cor_g1__a_Intercept__c_Intercept;
    expect(rho).toBeGreaterThan(0.6);
    expect(Math.abs(Math.sqrt(s00 / N) / v.sd_g1__a_Intercept - 1)).toBeLessThan(4 / Math.sqrt(2 * N));
    expect(Math.abs(Math.sqrt(s11 / N) / v.sd_g1__c_Intercept - 1)).toBeLessThan(4 / Math.sqrt(2 * N));
    expect(Math.abs(s01 / Math.sqrt(s00 * s11) - rho)).toBeLessThan((4 * (1 - rho * rho)) / Math.sqrt(N));
  });
});
