import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MEASURES, essBulk, essQuantile, essTail, mad, mcseMean, mcseQuantile, median, quantile, rhat,
  summarizeDraws,
} from '../src/index.js';
import type { Chains } from '../src/index.js';
import { ar1Chains } from './helpers.js';

const a = ar1Chains(1, 4, 100, 0.5);
const b = ar1Chains(2, 4, 100, 0.9);
const c = ar1Chains(3, 4, 100, 0.0);

describe('summarizeDraws', () => {
  it("has posterior's default columns", () => {
    const summary = summarizeDraws({ a });
    expect(summary.measures).toEqual(['mean', 'median', 'sd', 'mad', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail']);
    expect(DEFAULT_MEASURES).toEqual(summary.measures);
    expect(Object.keys(summary.rows[0].values)).toEqual(summary.measures);
    expect([summary.rows[0].chains, summary.rows[0].iterations]).toEqual([4, 100]);
  });

  it('agrees with the single-variable functions', () => {
    const row = summarizeDraws({ a }).rows[0].values;
    expect(row.median).toBe(median(a));
    expect(row.mad).toBe(mad(a));
    expect(row.q5).toBe(quantile(a, 0.05));
    expect(row.q95).toBe(quantile(a, 0.95));
    expect(row.rhat).toBe(rhat(a));
    expect(row.ess_bulk).toBe(essBulk(a));
    expect(row.ess_tail).toBe(essTail(a));
    const flat = a.flatMap((chain) => [...chain]);
    const mean = flat.reduce((s, v) => s + v, 0) / flat.length;
    expect(row.mean).toBeCloseTo(mean, 14);
    expect(row.sd).toBeCloseTo(Math.sqrt(flat.reduce((s, v) => s + (v - mean) ** 2, 0) / (flat.length - 1)), 14);
  });

  it('keeps variable order for records, Maps and ordered lists', () => {
    const names = (s: ReturnType<typeof summarizeDraws>) => s.rows.map((r) => r.variable);
    expect(names(summarizeDraws({ zeta: a, alpha: b, mid: c }))).toEqual(['zeta', 'alpha', 'mid']);
    expect(names(summarizeDraws(new Map([['zeta', a], ['alpha', b]])))).toEqual(['zeta', 'alpha']);
    expect(
      names(summarizeDraws([{ name: 'b[2]', chains: b }, { name: 'b[10]', chains: c }, { name: 'a', chains: a }])),
    ).toEqual(['b[2]', 'b[10]', 'a']);
  });

  it('computes optional measures by name, including any quantile', () => {
    const summary = summarizeDraws([{ name: 'a', chains: a }], {
      measures: ['mcse_mean', 'mcse_q5', 'q2.5', 'q97.5', 'ess_q97.5', 'mcse_q50', 'mcse_median', 'ess_median', 'ess_q50'],
    });
    const row = summary.rows[0].values;
    expect(row.mcse_mean).toBe(mcseMean(a));
    expect(row.mcse_q5).toBe(mcseQuantile(a, 0.05));
    expect(row['q2.5']).toBe(quantile(a, 0.025));
    expect(row['q97.5']).toBe(quantile(a, 0.975));
    expect(row['ess_q97.5']).toBe(essQuantile(a, 0.975));
    expect(row.mcse_q50).toBe(row.mcse_median);
    expect(row.ess_q50).toBe(row.ess_median);
  });

  it('rejects unknown measures, duplicate names and ragged chains with clear messages', () => {
    expect(() => summarizeDraws({ a }, { measures: ['mean', 'rhatt'] })).toThrow(/unknown summary measure 'rhatt'/);
    expect(() => summarizeDraws({ a }, { measures: ['q101'] })).toThrow(RangeError);
    expect(() => summarizeDraws([{ name: 'x', chains: a }, { name: 'x', chains: b }])).toThrow(/'x' appears twice/);
    expect(() => summarizeDraws({ bad: [[1, 2, 3], [1, 2]] })).toThrow(/variable 'bad': chain 2 has 2 draws/);
  });

  it('returns no rows for no variables', () => {
    expect(summarizeDraws({}).rows).toEqual([]);
  });

  it('gives each variable the same values as summarising it alone (shared working arrays do not leak)', () => {
    const variable = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 30 }))
      .chain(([m, n]) =>
        fc.array(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: n, maxLength: n }), {
          minLength: m,
          maxLength: m,
        }),
      );
    const measures = ['mean', 'median', 'sd', 'mad', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail', 'mcse_q5', 'ess_sd', 'rhat_basic'];
    fc.assert(
      fc.property(fc.array(variable, { minLength: 1, maxLength: 5 }), (variables) => {
        const together = summarizeDraws(variables.map((chains, i) => ({ name: `v${i}`, chains: chains as Chains })), { measures });
        variables.forEach((chains, i) => {
          const alone = summarizeDraws({ v: chains as Chains }, { measures }).rows[0].values;
          expect(together.rows[i].values).toEqual(alone);
        });
      }),
      { numRuns: 100 },
    );
  });
});
