import { describe, expect, it } from 'vitest';
import {
  NO_POOLING,
  PARTIAL_POOLING,
  shrinkageData,
  shrinkageOrder,
  shrinkageSpec,
  shrinkageSvg,
} from '../../src/plots/index.js';
import type { ShrinkageInput, ShrinkageSegmentRow } from '../../src/plots/index.js';
import { fakeHierarchy } from './fixtures.js';
import { countItems, layout, scale, texts } from './helpers.js';

const small: ShrinkageInput = {
  parameter: 'Intercept',
  populationMean: 10,
  levels: [
    { group: 'a', noPooling: 0, partialPooling: 4 },
    { group: 'b', noPooling: 20, partialPooling: 15 },
    { group: 'c', noPooling: 10.05, partialPooling: 10.02 },
  ],
};

describe('shrinkage plot', () => {
  it('data: a segment and two points per level, one population row; arrows point the way of the shift', () => {
    const rows = shrinkageData(small);
    const segs = rows.filter((r): r is ShrinkageSegmentRow => r.kind === 'segment');
    expect(segs.map((s) => [s.group, s.noPooling, s.partialPooling, s.arrow])).toEqual([
      ['a', 0, 4, 'right'],
      ['b', 20, 15, 'left'],
      ['c', 10.05, 10.02, 'none'], // too short for a head
    ]);
    const pts = rows.filter((r) => r.kind === 'point');
    expect(pts).toHaveLength(6);
    expect(pts.filter((p) => p.kind === 'point' && p.estimate === NO_POOLING).map((p) => p.kind === 'point' && p.value)).toEqual([0, 20, 10.05]);
    expect(rows.filter((r) => r.kind === 'population')).toEqual([{ kind: 'population', parameter: 'Intercept', populationMean: 10 }]);
  });

  it('orders the groups top to bottom by the no-pooling estimate by default', () => {
    expect(shrinkageOrder(small)).toEqual(['b', 'c', 'a']);
    expect(shrinkageOrder(small, { sort: 'input' })).toEqual(['a', 'b', 'c']);
    const spec = shrinkageSpec(small) as Record<string, any>;
    expect(spec.layer.find((l: any) => l.name === 'shift').encoding.y.sort).toEqual(['b', 'c', 'a']);
  });

  it('validates its input', () => {
    expect(() => shrinkageData({ populationMean: 0, levels: [] })).toThrow(/no levels/);
    expect(() => shrinkageData({ populationMean: NaN, levels: small.levels })).toThrow(/finite/);
    expect(() => shrinkageData([small, small])).toThrow(/given twice/);
  });

  it('draws points, segments and arrowheads where the estimates are', async () => {
    const { view, items } = await layout(shrinkageSpec(small));
    const x = scale(view, 'x');
    const [pop] = items('population');
    expect(pop.x).toBeCloseTo(x(10), 6);
    const shifts = items('shift');
    expect(shifts).toHaveLength(3);
    for (const s of shifts) {
      expect(s.x).toBeCloseTo(x(s.datum?.noPooling as number), 6);
      expect(s.x2).toBeCloseTo(x(s.datum?.partialPooling as number), 6);
    }
    const right = items('arrowright');
    const left = items('arrowleft');
    expect(right).toHaveLength(1);
    expect(left).toHaveLength(1);
    expect(right[0].x).toBeCloseTo(x(4) - 7, 6); // head just before the partial-pooling point
    expect(left[0].x).toBeCloseTo(x(15) + 7, 6);
    const est = items('estimates');
    expect(est).toHaveLength(6);
    for (const p of est) expect(p.x).toBeCloseTo(x(p.datum?.value as number), 6);
    // row of group b above row of group a (sorted by no-pooling estimate)
    const rowOf = (g: string) => est.find((p) => p.datum?.group === g)?.y as number;
    expect(rowOf('b')).toBeLessThan(rowOf('a'));
    expect(rowOf('c') - rowOf('b')).toBeCloseTo(18, 6); // one 18 px row per group
    expect(rowOf('a') - rowOf('c')).toBeCloseTo(18, 6);
  });

  it('renders the sleepstudy-like example with labels, legend and one panel per parameter', async () => {
    const h = fakeHierarchy(20);
    const svg = await shrinkageSvg(h.shrinkage[0]);
    expect(countItems(svg, 'shift')).toBe(18);
    expect(countItems(svg, 'estimates')).toBe(36);
    expect(countItems(svg, 'population')).toBe(1);
    const t = texts(svg);
    expect(t).toContain('population mean 251.4');
    expect(t).toContain(NO_POOLING);
    expect(t).toContain(PARTIAL_POOLING);
    expect(t).toContain('Intercept');
    const both = await shrinkageSvg(h.shrinkage);
    expect(countItems(both, 'shift')).toBe(36);
    expect(countItems(both, 'population')).toBe(2);
    expect(texts(both)).toContain('population mean 10.5');
    expect(texts(both)).toContain('Days');
  });
});
