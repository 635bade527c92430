import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoKThreshold, psis, psisTailLength } from '../../src/results/loo/index.js';
import { normals, uniforms } from './helpers.js';

const sumExp = (lw: Float64Array) => lw.reduce((a, x) => a + Math.exp(x), 0);

describe('psis: settings', () => {
  it('tail length M = ceil(min(0.2 S, 3 sqrt(S / r_eff)))', () => {
    expect(psisTailLength(100)).toBe(20); // 0.2 S wins
    expect(psisTailLength(4000)).toBe(190); // 3 sqrt(4000) = 189.7
    expect(psisTailLength(4000, 0.5)).toBe(269); // 3 sqrt(8000) = 268.3
    expect(psis(normals(1, 4000), 0.25).tailLength).toBe(380);
  });

  it('k threshold min(1 - 1/log10(S), 0.7)', () => {
    expect(paretoKThreshold(100)).toBeCloseTo(0.5, 12);
    expect(paretoKThreshold(1000)).toBeCloseTo(2 / 3, 12);
    expect(paretoKThreshold(4000)).toBe(0.7);
  });
});

describe('psis: laws', () => {
  const logRatios = fc
    .array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 30, maxLength: 300 })
    .map((a) => Float64Array.from(a));

  it('normalised: the weights sum to 1', () => {
    fc.assert(
      fc.property(logRatios, (r) => {
        expect(Math.abs(sumExp(psis(r).logWeights) - 1)).toBeLessThan(1e-12);
      }),
    );
  });

  it('adding a constant to the log ratios changes nothing (exactly, when the sums are exact)', () => {
    // Values on a 1/16 grid: r + c is exact, so the result must be bit-identical.
    const grid = fc.array(fc.integer({ min: -480, max: 480 }), { minLength: 30, maxLength: 300 });
    fc.assert(
      fc.property(grid, fc.integer({ min: -16000, max: 16000 }), (ints, ci) => {
        const r = Float64Array.from(ints, (i) => i / 16);
        const a = psis(r);
        const b = psis(r.map((x) => x + ci / 16));
        expect(Object.is(a.paretoK, b.paretoK)).toBe(true);
        expect(Array.from(b.logWeights)).toEqual(Array.from(a.logWeights));
      }),
    );
  });

  it('adding a constant to the log ratios changes nothing (to rounding, any doubles)', () => {
    // Distinct values at least 1e-5 apart (not exactly representable: the shift rounds).
    const distinct = fc
      .uniqueArray(fc.integer({ min: -2_000_000, max: 2_000_000 }), { minLength: 30, maxLength: 200 })
      .map((a) => Float64Array.from(a, (i) => i / 1e5));
    fc.assert(
      fc.property(distinct, fc.double({ min: -1000, max: 1000, noNaN: true }), (r, c) => {
        const a = psis(r);
        const b = psis(r.map((x) => x + c));
        if (Number.isFinite(a.paretoK)) expect(Math.abs(a.paretoK - b.paretoK)).toBeLessThan(1e-6);
        else expect(b.paretoK).toBe(a.paretoK);
        for (let s = 0; s < r.length; s++) expect(Math.abs(Math.exp(a.logWeights[s]) - Math.exp(b.logWeights[s]))).toBeLessThan(1e-8);
      }),
    );
  });

  it('permuting the draws permutes the weights and keeps k', () => {
    const distinct = fc
      .uniqueArray(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 30, maxLength: 200 })
      .chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a.map((_, i) => i), { minLength: a.length, maxLength: a.length })));
    fc.assert(
      fc.property(distinct, ([values, perm]) => {
        const r = Float64Array.from(values);
        const a = psis(r);
        const b = psis(Float64Array.from(perm, (i) => r[i]));
        expect(Object.is(a.paretoK, b.paretoK)).toBe(true);
        perm.forEach((i, j) => expect(b.logWeights[j]).toBe(a.logWeights[i]));
      }),
    );
  });

  it('keeps the order of the ratios, changes only the M largest, and truncates at the largest raw weight', () => {
    fc.assert(
      fc.property(logRatios, (r) => {
        const { logWeights: lw, tailLength: M } = psis(r);
        const S = r.length;
        const order = Array.from(r.keys()).sort((a, b) => r[a] - r[b] || a - b);
        for (let j = 1; j < S; j++) expect(lw[order[j]]).toBeGreaterThanOrEqual(lw[order[j - 1]]);
        // Outside the tail lw_s - r_s is one constant (the normalisation) ...
        const c0 = lw[order[0]] - r[order[0]];
        for (let j = 0; j < S - M; j++) expect(Math.abs(lw[order[j]] - r[order[j]] - c0)).toBeLessThan(1e-9);
        // ... and no smoothed weight exceeds the largest raw one.
        const rmax = r[order[S - 1]];
        for (let s = 0; s < S; s++) expect(lw[s] - c0).toBeLessThanOrEqual(rmax + 1e-9);
      }),
    );
  });
});

describe('psis: diagnostics and edge cases', () => {
  it('k-hat tracks the tail of Pareto-distributed ratios', () => {
    // exp(r) = u^(-k0): a Pareto tail with shape k0.
    for (const k0 of [0.3, 0.6, 0.9, 1.3]) {
      const ks = [1, 2, 3, 4, 5].map((seed) => psis(uniforms(100 + seed, 4000).map((u) => -k0 * Math.log(u))).paretoK);
      const m = ks.reduce((a, b) => a + b, 0) / ks.length;
      expect(Math.abs(m - k0)).toBeLessThan(0.1);
    }
  });

  it('bounded ratios (uniform) have small k and nearly untouched weights', () => {
    const r = uniforms(7, 2000);
    const { paretoK } = psis(r);
    expect(paretoK).toBeLessThan(0.2);
  });

  it('constant ratios: uniform weights, k = -Infinity (nothing to fit)', () => {
    const { logWeights, paretoK } = psis(new Float64Array(100).fill(3.5));
    expect(paretoK).toBe(-Infinity);
    for (const lw of logWeights) expect(lw).toBeCloseTo(-Math.log(100), 12);
  });

  it('too few draws for a tail (M < 5): raw normalised weights, k = Infinity', () => {
    const r = Float64Array.from([0.1, 2, -1, 0.5, 3, 0.2, -0.3, 1, 0.7, 0.4]);
    const { logWeights, paretoK, tailLength } = psis(r);
    expect(tailLength).toBe(2);
    expect(paretoK).toBe(Infinity);
    const norm = Math.log(r.reduce((a, x) => a + Math.exp(x), 0));
    r.forEach((x, s) => expect(logWeights[s]).toBeCloseTo(x - norm, 12));
  });

  it('-Infinity ratios get weight 0; NaN, +Infinity, empty input and bad r_eff throw', () => {
    const r = normals(3, 200);
    r[5] = -Infinity;
    expect(psis(r).logWeights[5]).toBe(-Infinity);
    r[5] = NaN;
    expect(() => psis(r)).toThrow(/log ratio 5 is NaN/);
    r[5] = Infinity;
    expect(() => psis(r)).toThrow(/log ratio 5 is Infinity/);
    expect(() => psis(new Float64Array(0))).toThrow(/no log ratios/);
    expect(() => psis(normals(3, 200), 0)).toThrow(/r_eff/);
  });
});
