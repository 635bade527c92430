/**
 * fit(..., { priorOnly: true }) (brms sample_prior = "only"): the draws follow the priors, whatever
 * the data say; workers rebuild the same prior-only model; the summary says so; posteriorPredict of
 * such a fit is the prior predictive distribution.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@strata/core';
import { fit, sampleModel } from '../../src/index.js';

// Data that would pull b_Intercept far from its prior (mean 0, sd 1): y around 50.
const data = {
  y: Array.from({ length: 40 }, (_, i) => 50 + ((i * 7) % 5) - 2),
  x: Array.from({ length: 40 }, (_, i) => (i % 8) / 4),
  g: Array.from({ length: 40 }, (_, i) => `g${i % 5}`),
};
const spec = {
  formula: 'y ~ 1 + x + (1 | g)',
  priors: [
    { prior: 'normal(0, 1)', class: 'b' },
    { prior: 'exponential(1)', class: 'sigma' },
    { prior: 'normal(0, 2)', class: 'sd' },
  ],
};

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / (a.length - 1));

describe('priorOnly', () => {
  it('draws b from its normal(0, 1) prior and sigma from exponential(1), not from the data', async () => {
    const result = await fit(spec, data, { chains: 2, warmup: 500, draws: 2000, seed: 3, parallel: 1, progressBar: false, priorOnly: true });
    const b = result.pooled('b_Intercept');
    const sigma = result.pooled('sigma');
    // 4000 draws, ESS well above 1000 on this target: 4 / sqrt(1000) as the tolerance on the mean
    expect(Math.abs(mean(b))).toBeLessThan(4 / Math.sqrt(1000));
    expect(Math.abs(sd(b) - 1)).toBeLessThan(0.1);
    expect(Math.abs(mean(sigma) - 1)).toBeLessThan(4 / Math.sqrt(1000));
    expect(result.summary().toString()).toMatch(/drawn from the priors alone/);
    // the prior predictive: y_rep centred near 0, nowhere near the data's 50
    const pp = result.posteriorPredict(undefined, { draws: 500, seed: 1 });
    expect(Math.abs(mean(pp.yrep))).toBeLessThan(1);
  });

  it('gives the same draws in a worker as in this thread, and sampleModel honours the option', async () => {
    const options = { chains: 2, warmup: 100, draws: 100, seed: 5, progressBar: false, priorOnly: true } as const;
    const here = await fit(spec, data, { ...options, parallel: 1 });
    const workers = await fit(spec, data, { ...options, parallel: 2 });
    expect(workers.pooled('b_x')).toEqual(here.pooled('b_x'));
    const viaModel = await sampleModel(compile(spec, data), { ...options, parallel: 1 });
    expect(viaModel.model.priorOnly).toBe(true);
    expect(viaModel.pooled('b_x')).toEqual(here.pooled('b_x'));
  });

  it('a bad value is a one-line error naming the option', async () => {
    await expect(fit(spec, data, { priorOnly: 'yes' as unknown as boolean })).rejects.toThrow(/priorOnly must be true or false/);
  });
});
