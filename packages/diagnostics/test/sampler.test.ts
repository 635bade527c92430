import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosticWarnings, ebfmi, samplerDiagnostics, STAN_THRESHOLDS, summarizeDraws } from '../src/index.js';
import type { DrawsSummary, SamplerStats } from '../src/index.js';
import { ar1Chains, normalGenerator } from './helpers.js';

function stats(divergent: number[], treedepth: number[], energy: number[]): SamplerStats {
  return { divergent__: divergent, treedepth__: treedepth, energy__: energy, stepsize__: divergent.map(() => 0.1) };
}

describe('ebfmi', () => {
  it("is Stan's ratio: sum of squared energy differences over sum of squared deviations", () => {
    const energy = [1, 3, 2, 5];
    // differences 2, -1, 3 -> 14; mean 2.75, deviations -1.75 .25 -.75 2.25 -> 8.75
    expect(ebfmi(energy)).toBeCloseTo(14 / 8.75, 15);
  });

  it('is near 2 for independent energies and small for a random walk', () => {
    const normal = normalGenerator(11);
    expect(ebfmi(Float64Array.from({ length: 20000 }, normal))).toBeCloseTo(2, 1);
    let walk = 0;
    const randomWalk = Float64Array.from({ length: 20000 }, () => (walk += normal()));
    expect(ebfmi(randomWalk)).toBeLessThan(0.01);
  });

  it('is unchanged by affine maps of the energy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 3, maxLength: 50 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (energy, scale, shift) => {
          const value = ebfmi(energy);
          fc.pre(Number.isFinite(value) && Math.max(...energy) - Math.min(...energy) > 1e-3);
          expect(ebfmi(energy.map((e) => scale * e + shift))).toBeCloseTo(value, 6);
        },
      ),
    );
  });

  it('is NaN for constant energy, fewer than two draws, or non-finite energy', () => {
    expect(ebfmi([2, 2, 2])).toBeNaN();
    expect(ebfmi([1])).toBeNaN();
    expect(ebfmi([1, Infinity, 2])).toBeNaN();
  });
});

describe('samplerDiagnostics', () => {
  const chains = [
    stats([0, 1, 0, 0], [3, 10, 4, 10], [1, 2, 3, 4]),
    stats([0, 0, 0, 0], [3, 3, 12, 3], [5, 1, 4, 2]),
  ];

  it('counts divergences and tree-depth saturation in total and per chain', () => {
    const d = samplerDiagnostics(chains);
    expect(d.chains).toBe(2);
    expect(d.divergences).toEqual({ count: 1, share: 1 / 8, perChain: [1, 0], draws: 8 });
    expect(d.treedepth).toEqual({ count: 3, share: 3 / 8, perChain: [2, 1], draws: 8, maxDepth: 10 });
    expect(samplerDiagnostics(chains, { maxTreedepth: 12 }).treedepth!.count).toBe(1);
    expect(d.ebfmi).toEqual([ebfmi([1, 2, 3, 4]), ebfmi([5, 1, 4, 2])]);
  });

  it('gives null for statistics no chain reports and an error for ones some chains lack', () => {
    const hmc = samplerDiagnostics([{ divergent__: [0, 0], energy__: [1, 2] }]);
    expect(hmc.treedepth).toBeNull();
    expect(samplerDiagnostics([]).divergences).toBeNull();
    expect(() => samplerDiagnostics([{ energy__: [1, 2] }, {}])).toThrow(/chain 2 has no energy__/);
    expect(() => samplerDiagnostics(chains, { maxTreedepth: 0 })).toThrow(RangeError);
  });
});

describe('diagnosticWarnings', () => {
  const summaryWith = (rows: Record<string, number>[], chains = 4): DrawsSummary => ({
    measures: ['rhat', 'ess_bulk', 'ess_tail'],
    rows: rows.map((values, i) => ({ variable: `v${i}`, chains, iterations: 1000, values })),
  });

  it("applies Stan's thresholds exactly at their edges", () => {
    const ok = { rhat: 1.01, ess_bulk: 400, ess_tail: 400 };
    expect(diagnosticWarnings({ summary: summaryWith([ok]) })).toEqual([]);
    const kinds = (rows: Record<string, number>[]) => diagnosticWarnings({ summary: summaryWith(rows) }).map((w) => w.kind);
    expect(kinds([{ ...ok, rhat: 1.0101 }])).toEqual(['rhat']);
    expect(kinds([{ ...ok, ess_bulk: 399.9 }])).toEqual(['ess_bulk']);
    expect(kinds([{ ...ok, ess_tail: 399.9 }])).toEqual(['ess_tail']);
    expect(STAN_THRESHOLDS).toEqual({ rhat: 1.01, essPerChain: 100, ebfmi: 0.3 });
  });

  it('scales the ESS limit with the number of chains and skips NaN (constant variables)', () => {
    const summary = summaryWith([{ rhat: 1, ess_bulk: 250, ess_tail: 250 }, { rhat: NaN, ess_bulk: NaN, ess_tail: NaN }], 2);
    expect(diagnosticWarnings({ summary })).toEqual([]);
  });

  it('names the worst variables first and says what to try', () => {
    const summary = summaryWith([
      { rhat: 1.02, ess_bulk: 50, ess_tail: 1000 },
      { rhat: 1.3, ess_bulk: 20, ess_tail: 1000 },
    ]);
    const [rhatWarning, bulkWarning] = diagnosticWarnings({ summary });
    expect(rhatWarning.variables).toEqual(['v1', 'v0']);
    expect(rhatWarning.message).toContain('v1 1.300');
    expect(rhatWarning.advice).toMatch(/longer chains/);
    expect(bulkWarning.variables).toEqual(['v1', 'v0']);
    expect(bulkWarning.message).toContain('400 for 4 chains');
  });

  it('warns about divergences, tree depth and E-BFMI with advice', () => {
    const normal = normalGenerator(3);
    let walk = 0;
    const lowEnergy = Array.from({ length: 200 }, () => (walk += normal()));
    const goodEnergy = Array.from({ length: 200 }, normal);
    const sampler = samplerDiagnostics([
      stats(new Array(200).fill(0).map((_, i) => (i === 7 ? 1 : 0)), new Array(200).fill(10), lowEnergy),
      stats(new Array(200).fill(0), new Array(200).fill(4), goodEnergy),
    ]);
    const warnings = diagnosticWarnings({ sampler });
    expect(warnings.map((w) => w.kind)).toEqual(['divergences', 'treedepth', 'ebfmi']);
    const [divergences, treedepth, energy] = warnings;
    expect(divergences.message).toContain('1 of 400 draws');
    expect(divergences.advice).toMatch(/adapt_delta/);
    expect(divergences.advice).toMatch(/reparameteri[sz]e/);
    expect(divergences.chains).toEqual([1]);
    expect(treedepth.advice).toMatch(/max_treedepth/);
    expect(treedepth.message).toContain('200 of 400 draws');
    expect(energy.chains).toEqual([1]);
    expect(energy.advice).toMatch(/reparameteri[sz]e/i);
  });

  it('says nothing for well-behaved chains', () => {
    const draws = { mu: ar1Chains(8, 4, 1000, 0.2), tau: ar1Chains(9, 4, 1000, 0.3) };
    const normal = normalGenerator(4);
    const sampler = samplerDiagnostics(
      [0, 1, 2, 3].map(() => stats(new Array(1000).fill(0), new Array(1000).fill(3), Array.from({ length: 1000 }, normal))),
    );
    expect(diagnosticWarnings({ summary: summarizeDraws(draws), sampler })).toEqual([]);
  });
});
