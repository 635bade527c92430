/**
 * The cumulative (logit) family's fused loop equals its per-observation path (value and gradient) on
 * random ordinal data and thresholds, with and without group terms, including thresholds far from the
 * linear predictor (the tails) and categories at both ends; and its gradient matches finite differences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, seededUniform } from '../../src/index.js';
import { ModelDensity } from '../../src/model/density.js';
import { checkGradientAt, expectFusedEqualsThreePass } from './gradient-check.js';

function ordinalData(seed: number, n: number, K: number): Record<string, (number | string)[]> {
  const u = seededUniform(seed);
  const x = Array.from({ length: n }, () => Math.round((u() * 4 - 2) * 100) / 100);
  // every category present (the data check refuses gaps), the rest at random
  const y = Array.from({ length: n }, (_, i) => (i < K ? i + 1 : 1 + Math.floor(u() * K)));
  return { y, x, g: x.map((_, i) => `g${i % 4}`) };
}

describe('cumulative: the fused loop', () => {
  it('equals the per-observation path and finite differences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 3, max: 6 }),
        fc.boolean(),
        fc.double({ min: 0.2, max: 6, noNaN: true }),
        (seed, K, groups, spread) => {
          const model = compile({ formula: `y ~ x${groups ? ' + (1 | g)' : ''}`, family: 'cumulative' }, ordinalData(seed, 30, K));
          const u = seededUniform(seed + 1);
          const theta = Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * 0.8);
          // ordered thresholds, `spread` apart (wide spreads put observations deep in a tail)
          model.parameterNames.forEach((name, i) => {
            const k = /Intercept\[(\d+)\]/.exec(name);
            if (k) theta[i] = (Number(k[1]) - K / 2) * spread;
          });
          expectFusedEqualsThreePass(model, theta, 'fused');
          checkGradientAt(model, theta);
        },
      ),
      { numRuns: 40, seed: 4242 },
    );
  });

  it('out-of-order thresholds give -Infinity on both paths', () => {
    const model = compile({ formula: 'y ~ x', family: 'cumulative' }, ordinalData(3, 20, 4));
    const theta = new Float64Array(model.dimension);
    model.parameterNames.forEach((name, i) => {
      const k = /Intercept\[(\d+)\]/.exec(name);
      if (k) theta[i] = -Number(k[1]);
    });
    const grad = new Float64Array(model.dimension);
    expect(new ModelDensity(model.structure, model.layout).logDensityGradient(theta, grad)).toBe(-Infinity);
    expect(new ModelDensity(model.structure, model.layout, { fused: false }).logDensityGradient(theta, grad)).toBe(-Infinity);
  });
});
