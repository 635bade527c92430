import { describe, expect, it } from 'vitest';
import { bayesR2 } from '../../src/results/loo/index.js';

describe('bayesR2 (Gelman, Goodrich, Gabry & Vehtari 2019)', () => {
  // Two draws, three observations.
  const mu = Float64Array.from([
    1, 2, 3, // draw 1: var = 1
    0, 2, 6, // draw 2: mean 8/3, var = ((64 + 4 + 100) / 9) / 2 = 28/3
  ]);

  it('model-based: var(mu) / (var(mu) + sigma^2), by hand', () => {
    const r = bayesR2(mu, 2, 3, { sigma: Float64Array.from([1, 2]) });
    expect(r.method).toBe('model');
    expect(r.draws[0]).toBeCloseTo(1 / (1 + 1), 14);
    expect(r.draws[1]).toBeCloseTo(28 / 3 / (28 / 3 + 4), 14); // 0.7
    expect(r.mean).toBeCloseTo((0.5 + 0.7) / 2, 14);
    expect(r.sd).toBeCloseTo(Math.sqrt(((0.5 - 0.6) ** 2 + (0.7 - 0.6) ** 2) / 1), 14);
    expect(r.q5).toBeCloseTo(0.5 + 0.05 * 0.2, 14); // type-7 quantiles
    expect(r.q95).toBeCloseTo(0.5 + 0.95 * 0.2, 14);
  });

  it('residual-based: var(mu) / (var(mu) + var(y - mu)), by hand', () => {
    const y = Float64Array.from([1, 3, 2]);
    // draw 1: residuals 0, 1, -1 -> var 1; draw 2: residuals 1, 1, -4 -> mean -2/3, var = (25/9 + 25/9 + 100/9) / 2 = 25/3
    const r = bayesR2(mu, 2, 3, { y });
    expect(r.method).toBe('residual');
    expect(r.draws[0]).toBeCloseTo(1 / 2, 14);
    expect(r.draws[1]).toBeCloseTo(28 / 3 / (28 / 3 + 25 / 3), 14); // 28/53
  });

  it('sigma wins over y when both are given; a perfect fit gives 1 and a flat fit 0', () => {
    const both = bayesR2(mu, 2, 3, { y: Float64Array.from([1, 3, 2]), sigma: Float64Array.from([1, 2]) });
    expect(both.method).toBe('model');
    const perfect = bayesR2(Float64Array.from([1, 2, 3]), 1, 3, { y: Float64Array.from([1, 2, 3]) });
    expect(perfect.draws[0]).toBe(1);
    const flat = bayesR2(Float64Array.from([2, 2, 2]), 1, 3, { sigma: Float64Array.from([1]) });
    expect(flat.draws[0]).toBe(0);
  });

  it('rejects inconsistent input', () => {
    expect(() => bayesR2(mu, 2, 3, {})).toThrow(/give sigma .* or y/);
    expect(() => bayesR2(mu, 3, 3, { sigma: Float64Array.from([1, 2, 3]) })).toThrow(/mu has 6 values; expected S x N = 9/);
    expect(() => bayesR2(mu, 2, 3, { sigma: Float64Array.from([1]) })).toThrow(/sigma has 1 values; expected one per draw \(2\)/);
    expect(() => bayesR2(mu, 2, 3, { sigma: Float64Array.from([1, -1]) })).toThrow(/sigma at draw 2 is -1/);
    expect(() => bayesR2(mu, 2, 3, { y: Float64Array.from([1, 2]) })).toThrow(/y has 2 values; expected 3/);
  });
});
