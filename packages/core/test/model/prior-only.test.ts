/**
 * compile(spec, data, { priorOnly: true }): the density is the full one minus the log-likelihood
 * (the pointwise log-likelihood summed), its gradient agrees with finite differences, and the JSON
 * form rebuilds the same prior-only model.
 */
import { describe, expect, it } from 'vitest';
import { compile, compileFromJSON, seededUniform } from '../../src/index.js';

const u = seededUniform(11);
const n = 30;
const data = {
  y: Array.from({ length: n }, () => 3 + 2 * u()),
  x: Array.from({ length: n }, () => u() * 2 - 1),
  g: Array.from({ length: n }, (_, i) => `g${i % 4}`),
};

describe('a prior-only model', () => {
  for (const spec of [{ formula: 'y ~ 1 + x + (1 + x | g)' }, { formula: 'y ~ a * exp(b * x)', nl: { a: '1 + (1 | g)', b: '1' }, priors: [{ prior: 'normal(3, 2)', class: 'b', nlpar: 'a' }, { prior: 'normal(0, 1)', class: 'b', nlpar: 'b' }] }]) {
    it(`${spec.formula}: full density = prior-only density + summed log-likelihood; gradient by finite differences`, () => {
      const full = compile(spec, data);
      const prior = compile(spec, data, { priorOnly: true });
      expect(prior.priorOnly).toBe(true);
      const theta = Float64Array.from({ length: full.dimension }, () => u() - 0.5);
      const loglik = full.pointwiseLogLik(theta).reduce((s, v) => s + v, 0);
      expect(prior.logDensity(theta) + loglik).toBeCloseTo(full.logDensity(theta), 8);
      const grad = new Float64Array(prior.dimension);
      prior.logDensityGradient(theta, grad);
      const h = 1e-6;
      for (let k = 0; k < prior.dimension; k++) {
        const up = Float64Array.from(theta);
        const down = Float64Array.from(theta);
        up[k] += h;
        down[k] -= h;
        expect(grad[k]).toBeCloseTo((prior.logDensity(up) - prior.logDensity(down)) / (2 * h), 4);
      }
      const rebuilt = compileFromJSON(JSON.parse(JSON.stringify(prior.toJSON())));
      expect(rebuilt.priorOnly).toBe(true);
      expect(rebuilt.logDensity(theta)).toBe(prior.logDensity(theta));
      expect(compileFromJSON(full.toJSON()).priorOnly).toBe(false);
    });
  }

  it('refuses unknown compile options', () => {
    expect(() => compile({ formula: 'y ~ 1' }, data, { prior: true } as never)).toThrow(/compile options are/);
  });
});
