import { describe, expect, it } from 'vitest';
import { quantiles, spaghettiData, spaghettiSpec, spaghettiSvg } from '../../src/plots/index.js';
import type { GroupTrajectory, SpaghettiFitRow } from '../../src/plots/index.js';
import { fakeHierarchy } from './fixtures.js';
import { countItems, layout, scale, texts } from './helpers.js';

const h = fakeHierarchy(200, 7, 6);

/** 101 draws whose values at x are x + 0, x + 1, ..., x + 100: quantiles are known exactly. */
function known(group: string, xs: number[]): GroupTrajectory {
  const draws = Array.from({ length: 101 }, (_, d) => xs.map((x) => 10 * x + d));
  return { group, x: xs, draws, observed: { x: [xs[0]], y: [60] } };
}

describe('spaghetti plot', () => {
  it('summarises the draws at each x by the median and the 5% / 95% quantiles', () => {
    const rows = spaghettiData(h.trajectories);
    const g = h.trajectories[2];
    const fit = rows.filter((r): r is SpaghettiFitRow => r.kind === 'fit' && r.group === g.group);
    expect(fit).toHaveLength(10);
    fit.forEach((r, i) => {
      const [lo, med, hi] = quantiles(
        g.draws.map((d) => d[i]),
        [0.05, 0.5, 0.95],
      );
      expect(r.x).toBe(g.x[i]);
      expect(r.median).toBe(med);
      expect(r.lower).toBeCloseTo(lo, 10); // (1 - 0.9) / 2 is 0.04999... in floating point
      expect(r.upper).toBeCloseTo(hi, 10);
    });
    expect(rows.filter((r) => r.kind === 'obs')).toHaveLength(6 * 10);
  });

  it('knows the exact band of a constructed example; prob changes it; x is sorted', () => {
    const rows = spaghettiData([known('a', [2, 0, 1])], { prob: 0.5 }) as SpaghettiFitRow[];
    expect(rows.filter((r) => r.kind === 'fit').map((r) => [r.x, r.lower, r.median, r.upper])).toEqual([
      [0, 25, 50, 75],
      [1, 35, 60, 85],
      [2, 45, 70, 95],
    ]);
  });

  it('validates its input', () => {
    const bad: GroupTrajectory = { group: 'a', x: [0, 1], draws: [[1, 2], [1]] };
    expect(() => spaghettiData([bad])).toThrow(/draw 1 has 1 values, expected 2/);
    expect(() => spaghettiData([])).toThrow(RangeError);
    expect(() => spaghettiData([known('a', [0]), known('a', [1])])).toThrow(/given twice/);
    const obs: GroupTrajectory = { group: 'b', x: [0], draws: [[1]], observed: { x: [0, 1], y: [1] } };
    expect(() => spaghettiData([obs])).toThrow(/observed/);
  });

  it('facet layout: one panel per group with a band, a median line and the observed points', async () => {
    const svg = await spaghettiSvg(h.trajectories, { xTitle: 'days', yTitle: 'reaction time (ms)' });
    expect(countItems(svg, 'band')).toBe(6);
    expect(countItems(svg, 'median')).toBe(6);
    expect(countItems(svg, 'observed')).toBe(60);
    const t = texts(svg);
    expect(t).toContain('days');
    expect(t).toContain('reaction time (ms)');
    for (const g of h.trajectories) expect(t).toContain(g.group);
    const spec = spaghettiSpec(h.trajectories) as Record<string, any>;
    expect(spec.facet.sort).toEqual(h.trajectories.map((g) => g.group));
    expect(spec.columns).toBe(3);
    expect(spec.data.values).toEqual(spaghettiData(h.trajectories));
  });

  it('overlay layout: the band edges and the median lie at the computed values', async () => {
    const spec = spaghettiSpec([known('a', [0, 1, 2]), known('b', [0, 1, 2])], { layout: 'overlay' });
    const { view, items } = await layout(spec);
    const x = scale(view, 'x');
    const y = scale(view, 'y');
    const band = items('band').filter((i) => i.datum?.group === 'a');
    expect(band).toHaveLength(3);
    band.forEach((p, i) => {
      expect(p.x).toBeCloseTo(x(i), 6);
      expect(p.y).toBeCloseTo(y(10 * i + 5), 6); // 5% quantile of d = 0..100 is 5
      expect(p.y2).toBeCloseTo(y(10 * i + 95), 6);
    });
    const med = items('median').filter((i) => i.datum?.group === 'b');
    med.forEach((p, i) => expect(p.y).toBeCloseTo(y(10 * i + 50), 6));
    const svg = await spaghettiSvg([known('a', [0, 1, 2]), known('b', [0, 1, 2])], { layout: 'overlay' });
    expect(countItems(svg, 'observed')).toBe(2);
    expect(texts(svg)).toContain('group');
  });
});
