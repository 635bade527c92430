/** Results of a model with a dpars formula: names and loo work; E[y] and y_rep refuse rather than use a missing scalar sigma. */
import { describe, expect, it } from 'vitest';
import { fit } from '../../src/index.js';

describe('results with dpars', () => {
  it('summary names the dpar coefficients; posteriorEpred / posteriorPredict refuse in one line', async () => {
    const x = Array.from({ length: 40 }, (_, i) => i / 10);
    const y = x.map((v, i) => 1 + v + Math.exp(-1 + 0.3 * v) * Math.sin(i * 7.3));
    const r = await fit({ formula: 'y ~ 1 + x', dpars: { sigma: '1 + x' } }, { x, y }, { chains: 1, warmup: 200, draws: 100, seed: 3, progressBar: false });
    expect(r.summary().toString()).toMatch(/b_sigma_x/);
    expect(Number.isFinite(r.loo().elpd_loo)).toBe(true);
    expect(() => r.posteriorPredict()).toThrow(/^spec\.dpars: posteriorPredict\(\) is not supported yet for models with "dpars" formulas/);
    expect(() => r.posteriorEpred()).toThrow(/posteriorEpred\(\) is not supported yet/);
  }, 60_000);
});
