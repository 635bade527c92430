import { describe, expect, it } from 'vitest';
import { rankData, rankSpec, rankSvg } from '../../src/plots/index.js';
import { fakeDraws } from './fixtures.js';
import { countItems, texts } from './helpers.js';

const draws = fakeDraws(200);

describe('rank plot', () => {
  it('counts each chain’s pooled ranks in equal bins', () => {
    const rows = rankData(draws, { bins: 10 });
    expect(rows).toHaveLength(4 * 4 * 10);
    for (const v of Object.keys(draws)) {
      for (let c = 1; c <= 4; c++) {
        const cell = rows.filter((r) => r.variable === v && r.chain === c);
        expect(cell.reduce((s, r) => s + r.count, 0)).toBe(200);
        expect(cell[0].rankLow).toBe(0);
        expect(cell[9].rankHigh).toBe(800);
        expect(cell[0].expected).toBe(20);
      }
      // every bin of 80 pooled ranks is filled exactly over the chains
      for (let b = 1; b <= 10; b++) {
        const total = rows.filter((r) => r.variable === v && r.bin === b).reduce((s, r) => s + r.count, 0);
        expect(total).toBe(80);
      }
    }
  });

  it('puts a chain that sits higher than the others in the top bins', () => {
    const rows = rankData({ x: [[1, 2, 3, 4], [5, 6, 7, 8]] }, { bins: 2 });
    expect(rows.map((r) => [r.chain, r.bin, r.count])).toEqual([
      [1, 1, 4],
      [1, 2, 0],
      [2, 1, 0],
      [2, 2, 4],
    ]);
    const stuck = rankData(draws, { variables: ['tau'], bins: 4 }).filter((r) => r.chain === 4);
    expect(stuck[3].count).toBeGreaterThan(150); // chain 4 of tau is stuck high
  });

  it('gives tied draws their average rank', () => {
    // ranks 1, 2.5, 2.5, 4 over S = 4 with 2 bins of width 2: (0,2] holds rank 1, (2,4] the rest
    const rows = rankData({ x: [[0, 1], [1, 2]] }, { bins: 2 });
    expect(rows.map((r) => r.count)).toEqual([1, 1, 0, 2]);
  });

  it('rejects non-finite draws and bad bin counts', () => {
    expect(() => rankData({ x: [[1, NaN]] })).toThrow(/variable 'x'/);
    expect(() => rankData(draws, { bins: 0 })).toThrow(RangeError);
  });

  it('spec: rows are variables, columns chains, data are the computed bins', () => {
    const spec = rankSpec(draws, { bins: 12 }) as Record<string, any>;
    expect(spec.facet.row.field).toBe('variable');
    expect(spec.facet.column.field).toBe('chain');
    expect(spec.data.values).toEqual(rankData(draws, { bins: 12 }));
  });

  it('renders bins x chains x variables bars and one expected-count line per cell', async () => {
    const svg = await rankSvg(draws, { bins: 12 });
    expect(countItems(svg, 'rankbars')).toBe(12 * 4 * 4);
    expect(countItems(svg, 'expected')).toBe(16);
    const t = texts(svg);
    expect(t).toContain('rank (all chains)');
    expect(t).toContain('chain 4');
    expect(t).toContain('tau');
  });
});
