import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  essBasic, essBulk, essMean, essMedian, essQuantile, essSd, essTail, mad, mcseMean, mcseMedian, mcseQuantile,
  mcseSd, median, quantile, rhat, rhatBasic, summarizeDraws, VariableDraws,
} from '../src/index.js';
import type { Chains } from '../src/index.js';
import { toDrawMatrix } from '../src/draws.js';
import { rhatBulkOf } from '../src/rhat.js';
import { splitPositions } from '../src/split.js';
import { normalGenerator, relativeError } from './helpers.js';

/** Chains (m x n) built from one generator of values. */
function chainsOf(value: fc.Arbitrary<number>, minDraws = 4, maxDraws = 40): fc.Arbitrary<number[][]> {
  return fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: minDraws, max: maxDraws }))
    .chain(([m, n]) => fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));
}

/** Draws on a grid of 1/1024 in [-1024, 1024]: ties happen, and affine maps by +-2^k and a shift on the grid are exact. */
const dyadic = fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => k / 1024);
/** Draws on a grid of 1e-3 in [-10, 10]: ties happen, and distinct draws stay distinct under the maps below. */
const gridded = fc.integer({ min: -10_000, max: 10_000 }).map((k) => k / 1000);

const map = (x: number[][], f: (v: number) => number): number[][] => x.map((chain) => chain.map(f));

/** Equal to 1e-9 relative, or both NaN. */
function close(a: number, b: number): boolean {
  return relativeError(a, b) <= 1e-9;
}

/** Index (into the pooled draws) of a draw that split chains keep, chosen by `at`. */
function keptDraw(x: number[][], at: number): number {
  const positions = splitPositions(toDrawMatrix(x));
  const kept = [...positions.keys()].filter((i) => positions[i] >= 0);
  return kept[at % kept.length];
}

const ALL_DIAGNOSTICS: Record<string, (x: Chains) => number> = {
  rhat, rhatBasic, essBulk, essTail, essBasic, essMean, essSd, essMedian, mcseMean, mcseSd, mcseMedian,
  essQ25: (x) => essQuantile(x, 0.25),
  mcseQ90: (x) => mcseQuantile(x, 0.9),
};

describe('invariance', () => {
  it('ESS and basic R-hat are unchanged by any affine map a x + b (a != 0)', () => {
    fc.assert(
      fc.property(
        chainsOf(gridded),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.boolean(),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (x, scale, negate, shift) => {
          const a = negate ? -scale : scale;
          const y = map(x, (v) => a * v + shift);
          for (const f of [essBasic, essMean, essSd, rhatBasic]) expect(close(f(y), f(x)), f.name).toBe(true);
          if (a > 0) {
            // rank-based: identical ranks give identical z-scores
            expect(essBulk(y)).toBe(essBulk(x));
            expect(rhatBulkOf(VariableDraws.from(y))).toBe(rhatBulkOf(VariableDraws.from(x)));
            expect(essTail(y)).toBe(essTail(x));
            expect(essMedian(y)).toBe(essMedian(x));
          } else {
            expect(close(essBulk(y), essBulk(x))).toBe(true); // ranks reversed: z-scores negated
          }
          const sd = (v: Chains) => summarizeDraws({ v }, { measures: ['sd'] }).rows[0].values.sd;
          expect(close(mcseMean(y), Math.abs(a) * mcseMean(x)) || !(sd(x) > 0)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('R-hat (with the fold) is unchanged by exact affine maps, where ties at the median survive', () => {
    fc.assert(
      fc.property(
        chainsOf(dyadic),
        fc.integer({ min: -8, max: 8 }),
        fc.boolean(),
        fc.integer({ min: -(2 ** 20), max: 2 ** 20 }),
        (x, power, negate, shiftSteps) => {
          // multiplying by 2^k and adding a multiple of 2^-10 is exact for these draws
          const a = (negate ? -1 : 1) * 2 ** power;
          const b = shiftSteps / 1024;
          const y = map(x, (v) => a * v + b);
          if (a > 0) expect(rhat(y)).toBe(rhat(x));
          else expect(close(rhat(y), rhat(x))).toBe(true);
          expect(close(essTail(y), essTail(x)) || a < 0).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('bulk ESS, rank-normalised bulk R-hat and quantile ESS are unchanged by increasing maps', () => {
    const increasing: [string, (v: number) => number][] = [
      ['exp', (v) => Math.exp(v / 3)],
      ['cubic', (v) => v * v * v + v],
      ['atan', Math.atan],
      ['sinh', (v) => Math.sinh(v / 2)],
      ['logistic', (v) => 1 / (1 + Math.exp(-v))],
    ];
    fc.assert(
      fc.property(chainsOf(gridded), fc.constantFrom(...increasing), (x, [name, f]) => {
        const y = map(x, f);
        expect(essBulk(y), name).toBe(essBulk(x));
        expect(rhatBulkOf(VariableDraws.from(y)), name).toBe(rhatBulkOf(VariableDraws.from(x)));
        expect(essTail(y), name).toBe(essTail(x));
        expect(essQuantile(y, 0.3), name).toBe(essQuantile(x, 0.3));
      }),
      { numRuns: 150 },
    );
  });
});

describe('odd chain lengths', () => {
  it('split diagnostics ignore the middle draw and equal those of the chains without it', () => {
    fc.assert(
      fc.property(
        chainsOf(gridded, 3, 41).filter((x) => x[0].length % 2 === 1),
        fc.array(gridded, { minLength: 4, maxLength: 4 }),
        (x, replacements) => {
          const n = x[0].length;
          const middle = (n - 1) / 2;
          const replaced = x.map((chain, c) => chain.map((v, i) => (i === middle ? replacements[c] : v)));
          const without = x.map((chain) => chain.filter((_, i) => i !== middle));
          for (const f of [essBulk, essBasic, essMean, rhatBasic]) {
            expect(f(replaced), f.name).toBe(f(x));
            expect(close(f(without), f(x)), f.name).toBe(true);
          }
          const split = VariableDraws.from(x).split;
          expect([split.chains, split.iterations]).toEqual([2 * x.length, (n - 1) / 2]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('robustness', () => {
  it('never throws on finite input of any shape, and returns numbers in range', () => {
    const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(chainsOf(fc.oneof(anyFinite, gridded, fc.constant(0)), 0, 25), (x) => {
        for (const [name, f] of Object.entries(ALL_DIAGNOSTICS)) {
          const value = f(x);
          expect(typeof value, name).toBe('number');
          if (name.startsWith('ess')) expect(Number.isNaN(value) || value > 0, `${name} = ${value}`).toBe(true);
          if (name.startsWith('mcse')) expect(Number.isNaN(value) || value >= 0, `${name} = ${value}`).toBe(true);
          if (name.startsWith('rhat')) expect(Number.isNaN(value) || value >= 0, `${name} = ${value}`).toBe(true);
        }
        const summary = summarizeDraws({ x }, {
          measures: ['mean', 'median', 'sd', 'mad', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail', 'mcse_q5', 'ess_sd'],
        });
        const flat = x.flat();
        const q5 = summary.rows[0].values.q5;
        if (flat.length > 0) expect(q5 >= Math.min(...flat) && q5 <= Math.max(...flat)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('handles NaN as posterior: every diagnostic and summary statistic is NaN', () => {
    fc.assert(
      fc.property(chainsOf(gridded), fc.nat(), (x, at) => {
        const k = keptDraw(x, at);
        const y = x.map((chain, c) => chain.map((v, i) => (c * chain.length + i === k ? NaN : v)));
        for (const [name, f] of Object.entries(ALL_DIAGNOSTICS)) expect(f(y), name).toBeNaN();
        for (const f of [median, mad]) expect(f(y)).toBeNaN();
        expect(quantile(y, 0.05)).toBeNaN();
        const row = summarizeDraws({ y }).rows[0].values;
        for (const [measure, value] of Object.entries(row)) expect(value, measure).toBeNaN();
      }),
      { numRuns: 60 },
    );
  });

  it('handles Infinity as posterior: rank-based R-hat and bulk ESS still work, the rest is NaN', () => {
    fc.assert(
      fc.property(chainsOf(gridded, 4, 40).filter((x) => x.flat().length >= 8), fc.nat(), (x, at) => {
        const k = keptDraw(x, at);
        const withDraw = (value: number) => x.map((chain, c) => chain.map((v, i) => (c * chain.length + i === k ? value : v)));
        const infinite = withDraw(Infinity);
        // an infinite draw ranks like any draw larger than all others (and folds beyond all others)
        const huge = withDraw(1e300);
        expect(rhat(infinite)).toBe(rhat(huge));
        expect(essBulk(infinite)).toBe(essBulk(huge));
        for (const f of [essTail, essBasic, essMean, essSd, essMedian, rhatBasic, mcseMean, mcseSd, mcseMedian]) {
          expect(f(infinite), f.name).toBeNaN();
        }
        const row = summarizeDraws({ infinite }).rows[0].values;
        expect(row.mean).toBe(Infinity);
        expect(row.sd).toBeNaN();
        expect(row.q95).toBe(quantile(infinite, 0.95));
        expect(row.median).toBe(median(huge));
      }),
      { numRuns: 80 },
    );
    // +Inf and -Inf together: the mean is NaN; a median at infinity makes the fold NaN, so R-hat is NaN
    expect(summarizeDraws({ v: [[Infinity, -Infinity, 1, 2]] }).rows[0].values.mean).toBeNaN();
    const mostlyInfinite = [[Infinity, Infinity, 1, Infinity, 3, Infinity], [Infinity, 2, Infinity, Infinity, 4, Infinity]];
    expect(rhat(mostlyInfinite)).toBeNaN();
    expect(essBulk(mostlyInfinite)).toBeGreaterThan(0);
  });

  it('ignores a NaN in the middle draw that splitting drops, as posterior does, except where all draws count', () => {
    const x = [[0.5, 1.5, NaN, -1, 2], [1, 0.25, 3, -2, 0.75]];
    const clean = [[0.5, 1.5, 9, -1, 2], [1, 0.25, 3, -2, 0.75]];
    for (const f of [rhatBasic, essBasic, essBulk]) expect(f(x), f.name).toBe(f(clean));
    // the fold's median, quantile indicators, mean and sd use every draw
    for (const f of [rhat, essTail, essSd, mcseMean]) expect(f(x), f.name).toBeNaN();
  });

  it('gives NaN for constant draws and for chains too short to estimate', () => {
    const constant = [[2, 2, 2, 2], [2, 2, 2, 2]];
    for (const [name, f] of Object.entries(ALL_DIAGNOSTICS)) expect(f(constant), name).toBeNaN();
    // below R's double epsilon the draws count as constant too
    // a range below R's double epsilon counts as constant for the draws themselves...
    const tiny = [[0, 1e-17, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]];
    for (const f of [rhatBasic, essBasic, essTail, essSd, mcseMean]) expect(f(tiny), f.name).toBeNaN();
    expect(essBasic([[0, 1e-15, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]])).toBeGreaterThan(0);
    // ...but rank-based R-hat and bulk ESS see only ranks, which are not constant (posterior alike)
    expect(rhat(tiny)).toBeGreaterThan(0);
    expect(essBulk(tiny)).toBeGreaterThan(0);
    expect(essBasic([[1, 2, 3, 4, 5]])).toBeNaN(); // split: 2 chains of 2 < 3 draws
    expect(essBasic([[1, 2, 3, 4, 5, 6]])).toBeGreaterThan(0);
    expect(rhat([[1], [2]])).toBeNaN(); // one draw per chain: no within-chain variance
    expect(essBulk([])).toBeNaN();
    expect(rhat([[], []])).toBeNaN();
  });

  it('rejects chains of different lengths with a clear message', () => {
    expect(() => rhat([[1, 2, 3], [1, 2]])).toThrow(/chain 2 has 2 draws but chain 1 has 3/);
    expect(() => toDrawMatrix('abc' as unknown as Chains)).toThrow(TypeError);
  });
});

describe('statistical sanity', () => {
  it('ESS of iid normal draws is close to the number of draws on average', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const replicates = 20;
        let bulk = 0;
        let basic = 0;
        let worstRhat = 0;
        for (let r = 0; r < replicates; r++) {
          const normal = normalGenerator(seed * 31 + r);
          const chains = Array.from({ length: 4 }, () => Float64Array.from({ length: 250 }, normal));
          bulk += essBulk(chains) / 1000 / replicates;
          basic += essBasic(chains) / 1000 / replicates;
          worstRhat = Math.max(worstRhat, rhat(chains));
        }
        // measured over 400 replicates: mean 0.99, sd 0.09 each, so sd 0.02 for a mean of 20
        expect(bulk).toBeGreaterThan(0.9);
        expect(bulk).toBeLessThan(1.1);
        expect(basic).toBeGreaterThan(0.9);
        expect(basic).toBeLessThan(1.1);
        expect(worstRhat).toBeLessThan(1.05);
      }),
      { numRuns: 10 },
    );
  });

  it('ESS of an AR(1) chain is near S (1 - phi) / (1 + phi)', () => {
    const phi = 0.8;
    const normal = normalGenerator(99);
    const chains = Array.from({ length: 4 }, () => {
      const chain = new Float64Array(5000);
      let v = normal();
      for (let i = 0; i < chain.length; i++) chain[i] = v = phi * v + Math.sqrt(1 - phi * phi) * normal();
      return chain;
    });
    const expected = (20000 * (1 - phi)) / (1 + phi);
    expect(essBasic(chains) / expected).toBeGreaterThan(0.85);
    expect(essBasic(chains) / expected).toBeLessThan(1.15);
  });

  it('flags chains stuck in different places with a large R-hat', () => {
    const normal = normalGenerator(5);
    const chains = [0, 0, 0, 3].map((offset) => Float64Array.from({ length: 200 }, () => normal() + offset));
    expect(rhat(chains)).toBeGreaterThan(1.1);
    expect(rhatBasic(chains)).toBeGreaterThan(1.1);
  });
});
