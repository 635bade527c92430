import { describe, expect, it } from 'vitest';
import { OBSERVED, REPLICATED, gaussianKde, ppcData, ppcDrawIndices, ppcSpec, ppcSvg, silvermanBandwidth } from '../../src/plots/index.js';
import { fakePpc } from './fixtures.js';
import { countItems, layout, scale, texts } from './helpers.js';

const data = fakePpc(120, 200);

describe('posterior predictive check', () => {
  it('picks evenly spaced replicated sets', () => {
    expect(ppcDrawIndices(200, 4)).toEqual([0, 50, 100, 150]);
    expect(ppcDrawIndices(3, 50)).toEqual([0, 1, 2]);
    expect(() => ppcDrawIndices(10, 0)).toThrow(RangeError);
  });

  it('computes every density on one grid; the observed one is the KDE of y', () => {
    const rows = ppcData(data, { nDraws: 10, gridSize: 128 });
    const obs = rows.filter((r) => r.series === OBSERVED);
    const rep = rows.filter((r) => r.series === REPLICATED);
    expect(obs).toHaveLength(128);
    expect(rep).toHaveLength(10 * 128);
    expect([...new Set(rep.map((r) => r.draw))]).toEqual(ppcDrawIndices(200, 10));
    const grid = obs.map((r) => r.x);
    expect(rep.filter((r) => r.draw === 20).map((r) => r.x)).toEqual(grid);
    const h = silvermanBandwidth(data.y);
    const k = gaussianKde(data.y, { bandwidth: h, gridSize: 128, from: grid[0], to: grid[127] });
    expect(obs.map((r) => r.density)).toEqual(k.density);
    // the grid covers every value shown plus 3 bandwidths of y
    const all = [data.y, ...ppcDrawIndices(200, 10).map((i) => data.yrep[i])].flat();
    expect(grid[0]).toBeCloseTo(Math.min(...all) - 3 * h, 9);
    expect(grid[127]).toBeCloseTo(Math.max(...all) + 3 * h, 9);
  });

  it('validates its input', () => {
    expect(() => ppcData({ y: [1], yrep: [[1, 2]] })).toThrow(/at least 2/);
    expect(() => ppcData({ y: [1, 2], yrep: [] })).toThrow(/no replicated/);
  });

  it('renders one thin line per replicated set and one observed line, with a legend', async () => {
    const svg = await ppcSvg(data, { nDraws: 25, xTitle: 'reaction time (ms)' });
    expect(countItems(svg, 'replicated')).toBe(25);
    expect(countItems(svg, 'observed')).toBe(1);
    const t = texts(svg);
    for (const s of [OBSERVED, REPLICATED, 'reaction time (ms)', 'density', 'Posterior predictive check']) expect(t).toContain(s);
  });

  it('the observed line is drawn at the computed density', async () => {
    const spec = ppcSpec(data, { nDraws: 5, gridSize: 64 });
    const { view, items } = await layout(spec);
    const x = scale(view, 'x');
    const y = scale(view, 'y');
    const obs = ppcData(data, { nDraws: 5, gridSize: 64 }).filter((r) => r.series === OBSERVED);
    const drawn = items('observed');
    expect(drawn).toHaveLength(64);
    drawn.forEach((p, i) => {
      expect(p.x).toBeCloseTo(x(obs[i].x), 6);
      expect(p.y).toBeCloseTo(y(obs[i].density), 6);
    });
  });
});
