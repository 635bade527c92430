/**
 * "error": "combined" (sd_i = sqrt(sigma^2 + (sigma_prop f_i)^2)): the log-likelihood equals the
 * normal density with that sd (a value that could be wrong), and (property) the hand-written
 * gradient, including the sd's dependence on the mean, agrees with finite differences on random
 * nonlinear models, in the fused loop and in the three-pass path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, seededUniform } from '../../src/index.js';
import { ModelDensity } from '../../src/model/density.js';
import { checkGradient, makeData, type Scenario } from './gradient-check.js';

const scenario = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    n: fc.integer({ min: 15, max: 40 }),
    expression: fc.constantFrom('a * exp(-b * x2) + c', 'a / (1 + exp(-(tt - b) / c))', 'SSasymp(tt, a, b, c)'),
    aFormula: fc.constantFrom('1', '1 + (1 | g1)', '1 + x1', '1 + (1 | p | g1)'),
    cFormula: fc.constantFrom('1', '1 + (1 | g1)', '1 + (1 | p | g1)'),
  })
  .map(({ seed, n, expression, aFormula, cFormula }): Scenario => ({
    spec: {
      formula: `y ~ ${expression}`,
      nl: { a: aFormula, b: '1', c: cFormula },
      error: 'combined',
      priors: [
        { prior: 'normal(1, 2)', class: 'b', nlpar: 'a' },
        { prior: 'normal(0.5, 1)', class: 'b', nlpar: 'b' },
        { prior: 'normal(1, 1)', class: 'b', nlpar: 'c' },
        { prior: 'normal(0, 0.5)', class: 'sigma_prop' },
      ],
    },
    data: makeData(seed, n, 'gaussian'),
  }));

describe('combined additive + proportional error', () => {
  it('parameters sigma and sigma_prop, with their priors; pointwise is the normal density with sd sqrt(sigma^2 + (sigma_prop f)^2)', () => {
    const model = compile({ ...scenario_spec(), error: 'combined' }, makeData(5, 20, 'gaussian'));
    expect(model.constrainedNames.filter((n) => n.startsWith('sigma'))).toEqual(['sigma', 'sigma_prop']);
    expect(model.priors.find((p) => p.slot.class === 'sigma_prop')?.prior.text).toBe('normal(0, 0.5)');
    const u = seededUniform(3);
    const theta = Float64Array.from({ length: model.dimension }, () => u() - 0.5);
    const c = model.constrainNamed(theta);
    const f = model.linearPredictor(theta);
    const y = model.response.y;
    const pw = model.pointwiseLogLik(theta);
    for (let i = 0; i < y.length; i++) {
      const s = Math.sqrt(c.sigma ** 2 + (c.sigma_prop * f[i]) ** 2);
      expect(pw[i]).toBeCloseTo(-0.5 * Math.log(2 * Math.PI) - Math.log(s) - (0.5 * (y[i] - f[i]) ** 2) / s ** 2, 12);
    }
  });

  it('gradient vs finite differences on random nonlinear models', () => {
    fc.assert(fc.property(scenario, fc.integer({ min: 1, max: 1e9 }), (s, t) => checkGradient(s, t)), { numRuns: 40, seed: 99 });
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
        const lp1 = fused.logDensityGradient(theta, g1);
        const lp2 = plain.logDensityGradient(theta, g2);
        expect(Math.abs(lp1 - lp2)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(lp2)));
        g1.forEach((g, i) => expect(Math.abs(g - g2[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g2[i]))));
      }),
      { numRuns: 20, seed: 5 },
    );
  });

  it('simulates with the mean-dependent sd and has mean f', () => {
    const { priors, ...rest } = scenario_spec();
    const model = compile({ ...rest, priors: (priors as { class: string }[]).filter((p) => p.class !== 'sigma_prop') }, makeData(5, 20, 'gaussian'));
    expect(model.family.aux.map((a) => a.name)).toEqual(['sigma']);
    const combined = compile({ ...scenario_spec(), error: 'combined' }, makeData(5, 20, 'gaussian')).family;
    const u = seededUniform(8);
    const rng = { uniform: u, normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()) };
    const N = 40000;
    const eta = Float64Array.from({ length: N }, (_, i) => (i % 2 ? 10 : 1));
    const out = new Float64Array(N);
    combined.simulate(eta, [0.5, 0.2], null, rng, out);
    for (const f of [1, 10]) {
      const xs = [...out].filter((_, i) => eta[i] === f);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      const s = Math.sqrt(0.25 + (0.2 * f) ** 2);
      expect(Math.abs(mean - f)).toBeLessThan((4 * s) / Math.sqrt(xs.length));
      expect(Math.abs(sd / s - 1)).toBeLessThan(4 / Math.sqrt(2 * xs.length));
    }
    expect(combined.mean(3, [0.5, 0.2], 0)).toBe(3);
  });

  it('refuses a linear model and a known se()', () => {
    expect(() => compile({ formula: 'y ~ 1 + x1', error: 'combined' }, makeData(5, 20, 'gaussian'))).toThrow(/nonlinear gaussian models/);
    expect(() => compile({ ...scenario_spec(), formula: 'y | se(s) ~ a * exp(-b * x2) + c', error: 'combined' }, makeData(5, 20, 'gaussian'))).toThrow(/cannot be combined with a known se/);
  });
});

function scenario_spec(): Record<string, unknown> {
  return {
    formula: 'y ~ a * exp(-b * x2) + c',
    nl: { a: '1', b: '1', c: '1 + (1 | g1)' },
    priors: [
      { prior: 'normal(1, 2)', class: 'b', nlpar: 'a' },
      { prior: 'normal(0.5, 1)', class: 'b', nlpar: 'b' },
      { prior: 'normal(1, 1)', class: 'b', nlpar: 'c' },
      { prior: 'normal(0, 0.5)', class: 'sigma_prop' },
    ],
  };
}
