/**
 * Simulating a model whose group terms share an ID (one Omega): a fixed truth with the block's
 * correlation comes back through the model's own constrain (the block's correlation and z are set,
 * and no other coordinate is overwritten), and prior draws give every parameter a finite value.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@strata/core';
import { drawTheta } from '../../src/simulate/parameters.js';
import { sbcRandom } from '../../src/sbc/random.js';

const n = 40;
const data = {
  y: Array.from({ length: n }, (_, i) => 1 + (i % 7) / 3),
  x: Array.from({ length: n }, (_, i) => (i % 5) / 2),
  g: Array.from({ length: n }, (_, i) => `s${i % 6}`),
};
const spec = {
  formula: 'y ~ a * exp(-b * x)',
  nl: { a: '1 + (1 | p | g)', b: '1 + (1 | p | g)' },
  priors: [
    { prior: 'normal(1, 0.5)', class: 'b', nlpar: 'a' },
    { prior: 'normal(0.5, 0.2)', class: 'b', nlpar: 'b' },
    { prior: 'normal(0, 1)', class: 'sigma' },
    { prior: 'normal(0, 0.5)', class: 'sd', group: 'g' },
    { prior: 'lkj(2)', class: 'cor', group: 'g' },
  ],
};

describe('simulation parameters of a shared (ID) block', () => {
  const model = compile(spec, data);
  it('a fixed truth round-trips through constrain', () => {
    const truth = { b_a_Intercept: 1.2, b_b_Intercept: 0.4, sigma: 0.3, sd_g__a_Intercept: 0.5, sd_g__b_Intercept: 0.2, cor_g__a_Intercept__b_Intercept: -0.6 };
    const c = model.constrainNamed(drawTheta(model, truth, sbcRandom(3, 0)));
    for (const [k, v] of Object.entries(truth)) expect(c[k]).toBeCloseTo(v, 12);
  });
  it('prior draws are finite', () => {
    const c = model.constrain(drawTheta(model, 'prior', sbcRandom(3, 1)));
    expect([...c].every(Number.isFinite)).toBe(true);
  });
});
