import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrawMatrix } from '../src/draws.js';
import { toDrawMatrix } from '../src/draws.js';
import { normalQuantile } from '../src/normal-quantile.js';
import { foldAscending, foldDraws, zScale } from '../src/ranks.js';
import { VariableDraws } from '../src/variable.js';
import { median } from '../src/index.js';
import { argsort, sortedCopy } from '../src/sort.js';
import { splitChains, splitPositions } from '../src/split.js';

const matrix = (chains: number[][]): DrawMatrix => toDrawMatrix(chains);

describe('splitChains', () => {
  it('puts first halves first, then second halves', () => {
    const x = matrix([[1, 2, 3, 4], [5, 6, 7, 8]]);
    const s = splitChains(x);
    expect([s.chains, s.iterations]).toEqual([4, 2]);
    expect([...s.values]).toEqual([1, 2, 5, 6, 3, 4, 7, 8]);
  });

  it('drops the middle draw of odd-length chains', () => {
    const s = splitChains(matrix([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]));
    expect([s.chains, s.iterations]).toEqual([4, 2]);
    expect([...s.values]).toEqual([1, 2, 6, 7, 4, 5, 9, 10]);
  });

  it('leaves chains of one draw alone and splits 2 and 3 draws into singletons', () => {
    const one = matrix([[1], [2]]);
    expect(splitChains(one)).toBe(one);
    expect([...splitChains(matrix([[1, 2]])).values]).toEqual([1, 2]);
    expect([...splitChains(matrix([[1, 2, 3]])).values]).toEqual([1, 3]);
  });

  it('splitPositions maps every kept draw to its place and marks the dropped ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }), (m, n) => {
        const x: DrawMatrix = { chains: m, iterations: n, values: Float64Array.from({ length: m * n }, (_, i) => i) };
        const split = splitChains(x);
        const positions = splitPositions(x);
        let dropped = 0;
        positions.forEach((p, i) => {
          if (p < 0) dropped++;
          else expect(split.values[p]).toBe(x.values[i]);
        });
        expect(dropped).toBe(n > 1 && n % 2 === 1 ? m : 0);
        expect(split.values.length).toBe(m * n - dropped);
      }),
    );
  });
});

describe('argsort', () => {
  const awkward = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, -1, 5e-324),
    fc.integer({ min: -3, max: 3 }),
  );

  it('orders like TypedArray sort (NaN last, -0 before +0) and keeps equal values in input order', () => {
    fc.assert(
      fc.property(fc.array(awkward, { maxLength: 300 }), (list) => {
        const values = Float64Array.from(list);
        const order = argsort(values);
        const expected = Float64Array.from(values).sort();
        expect([...order].map((i) => values[i])).toEqual([...expected]);
        expect(new Set(order).size).toBe(values.length);
        for (let k = 1; k < order.length; k++) {
          if (Object.is(values[order[k]], values[order[k - 1]])) expect(order[k]).toBeGreaterThan(order[k - 1]);
        }
      }),
    );
  });

  it('sorts long runs of values that agree in their upper 32 bits (tight posteriors far from zero)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1000, -1000, 1e-300, -3.5, 2 ** 40),
        fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 25, maxLength: 400 }),
        (base, steps) => {
          // base + k ulps: every value shares its upper 32 bits with most others
          const ulp = Math.abs(base) * Number.EPSILON;
          const values = Float64Array.from(steps, (k) => base + k * ulp);
          const order = argsort(values);
          expect([...order].map((i) => values[i])).toEqual([...Float64Array.from(values).sort()]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sorts values that agree in their upper 32 bits (the insertion pass)', () => {
    const base = 1.2345;
    const values = Float64Array.from([5, 3, 1, 4, 2, 0], (k) => base + k * Number.EPSILON);
    expect([...sortedCopy(values)]).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('zScale', () => {
  it('uses average ranks for ties and Blom offsets over all chains pooled', () => {
    const z = zScale(matrix([[3, 1], [2, 2]]));
    const score = (r: number) => normalQuantile((r - 3 / 8) / (4 + 1 / 4));
    expect([...z.values]).toEqual([score(4), score(1), score(2.5), score(2.5)]);
    expect([z.chains, z.iterations]).toEqual([2, 2]);
  });

  it('gives NaN for NaN draws and ranks the others as R (na.last) does', () => {
    const z = zScale(matrix([[NaN, 10, 20]]));
    expect(z.values[0]).toBeNaN();
    expect(z.values[1]).toBe(normalQuantile((1 - 3 / 8) / 3.25));
    expect(z.values[2]).toBe(normalQuantile((2 - 3 / 8) / 3.25));
  });

  it('ranks infinite draws like any other', () => {
    const z = zScale(matrix([[-Infinity, 0, Infinity]]));
    expect(z.values[0]).toBeLessThan(z.values[1]);
    expect(z.values[1]).toBeCloseTo(0, 15);
    expect(z.values[2]).toBe(-z.values[0]);
  });
});

describe('foldAscending', () => {
  it('equals sorting |x - c|, with the matching order of indices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: -60, max: 60 }),
        (list, centreTimesTwo) => {
          const values = Float64Array.from(list, (v) => v / 4);
          const centre = centreTimesTwo / 8;
          const order = argsort(values);
          const folded = foldAscending(Float64Array.from(order, (i) => values[i]), order, centre);
          const expected = Float64Array.from(values, (v) => Math.abs(v - centre)).sort();
          expect([...folded.values]).toEqual([...expected]);
          folded.order!.forEach((i, k) => expect(Math.abs(values[i] - centre)).toBe(folded.values[k]));
        },
      ),
    );
  });
});

describe('VariableDraws (one sort shared by all rank transforms)', () => {
  it("gives the same z-scores as posterior's plain compositions z_scale(split(x)) and z_scale(split(fold(x)))", () => {
    const value = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }));
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 })).chain(([m, n]) =>
          fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
        ),
        (chains) => {
          const x = toDrawMatrix(chains);
          const v = new VariableDraws(x);
          expect([...v.zSplit.values]).toEqual([...zScale(splitChains(x)).values]);
          const folded = zScale(splitChains(foldDraws(x, median(chains))));
          expect([...v.zFoldedSplit.values]).toEqual([...folded.values]);
          expect([v.zFoldedSplit.chains, v.zFoldedSplit.iterations]).toEqual([folded.chains, folded.iterations]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
