import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '@strata/core';
import { withinBetween } from '../../src/index.js';
import { thrown } from './helpers.js';

describe('withinBetween()', () => {
  it('rows: exact group means and deviations, rows copied not mutated', () => {
    const rows = [
      { x: 1, g: 'a', y: 0 },
      { x: 2, g: 'b', y: 0 },
      { x: 2, g: 'a', y: 0 },
      { x: 6, g: 'a', y: 0 },
      { x: -4, g: 'b', y: 0 },
    ];
    const out = withinBetween(rows, 'x', 'g');
    expect(out.map((r) => [r.x_between, r.x_within])).toEqual([
      [3, -2],
      [-1, 3],
      [3, -1],
      [3, 3],
      [-1, -3],
    ]);
    expect(out[0]).toEqual({ x: 1, g: 'a', y: 0, x_within: -2, x_between: 3 });
    expect(rows[0]).toEqual({ x: 1, g: 'a', y: 0 });
  });

  it('columns: numbers as text, numeric group ids, a missing x keeps its group mean as the between part', () => {
    const data = { x: ['1.5', 2.5, null, 10], g: [7, 7, 7, 8] };
    const out = withinBetween(data, 'x', 'g');
    expect(out.x_between).toEqual([2, 2, 2, 10]);
    expect(out.x_within).toEqual([-0.5, 0.5, NaN, 0]);
    expect(out.g).toBe(data.g);
  });

  it('within + between = x and within sums to zero in every group (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: -1000, max: 1000 }), g: fc.constantFrom('p', 'q', 'r') }), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const out = withinBetween(rows, 'x', 'g');
          const sums = new Map<string, number>();
          out.forEach((r, i) => {
            expect((r.x_within as number) + (r.x_between as number)).toBeCloseTo(rows[i].x, 9);
            sums.set(rows[i].g, (sums.get(rows[i].g) ?? 0) + (r.x_within as number));
          });
          for (const s of sums.values()) expect(Math.abs(s)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });

  it('bad input: DataError naming column and row', () => {
    const text = thrown(DataError, () => withinBetween([{ x: 1, g: 'a' }, { x: 'ten', g: 'a' }], 'x', 'g'));
    expect([text.column, text.row]).toEqual(['x', 2]);
    const noGroup = thrown(DataError, () => withinBetween({ x: [1, 2], g: ['a', null] }, 'x', 'g'));
    expect([noGroup.column, noGroup.row]).toEqual(['g', 2]);
    expect(thrown(DataError, () => withinBetween({ x: [1] }, 'x', 'g')).column).toBe('g');
    expect(thrown(DataError, () => withinBetween([{ x: 1, g: 'a', x_within: 0 }], 'x', 'g')).column).toBe('x_within');
  });
});
