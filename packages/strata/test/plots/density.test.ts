import { describe, expect, it } from 'vitest';
import { densityData, densitySpec, densitySvg, gaussianKde, quantiles } from '../../src/plots/index.js';
import type { DensityCurveRow, DensitySummaryRow } from '../../src/plots/index.js';
import { fakeDraws } from './fixtures.js';
import { countItems, layout, texts } from './helpers.js';

const draws = fakeDraws(300);
const pooled = (v: string) => draws[v].flat();

describe('density plot', () => {
  it('summaries are the quantiles of the pooled draws and the KDE uses Silverman', () => {
    const rows = densityData(draws, { prob: 0.8 });
    for (const v of Object.keys(draws)) {
      const s = rows.find((r) => r.kind === 'summary' && r.variable === v) as DensitySummaryRow;
      // The plot's own probabilities: (1 - 0.8) / 2 is 0.09999999999999998, not 0.1.
      const [lo, med, hi] = quantiles(pooled(v), [(1 - 0.8) / 2, 0.5, (1 + 0.8) / 2]);
      expect(s.lower).toBe(lo);
      expect(s.median).toBe(med);
      expect(s.upper).toBe(hi);
      const kde = gaussianKde(pooled(v), { gridSize: 256 });
      expect(s.bandwidth).toBe(kde.bandwidth);
      const curve = rows.filter((r) => r.kind === 'curve' && r.variable === v) as DensityCurveRow[];
      expect(curve.map((r) => r.density)).toEqual(kde.density);
    }
  });

  it('the shaded interval runs exactly from the lower to the upper quantile', () => {
    const rows = densityData(draws);
    const s = rows.find((r) => r.kind === 'summary' && r.variable === 'mu') as DensitySummaryRow;
    const band = rows.filter((r) => r.kind === 'interval' && r.variable === 'mu') as DensityCurveRow[];
    expect(band[0].x).toBe(s.lower);
    expect(band[band.length - 1].x).toBe(s.upper);
    expect(band.every((r) => r.x >= s.lower && r.x <= s.upper && r.density > 0)).toBe(true);
    for (let i = 1; i < band.length; i++) expect(band[i].x).toBeGreaterThan(band[i - 1].x);
  });

  it('by chain: one KDE per chain on the variable’s common grid', () => {
    const rows = densityData(draws, { byChain: true, variables: ['tau'] }) as DensityCurveRow[];
    const curves = rows.filter((r) => r.kind === 'curve');
    expect(curves).toHaveLength(4 * 256);
    const grid1 = curves.filter((r) => r.chain === 1).map((r) => r.x);
    const grid4 = curves.filter((r) => r.chain === 4).map((r) => r.x);
    expect(grid4).toEqual(grid1);
    // chain 4 of tau is stuck high: its density peaks further right
    const peak = (c: number) => {
      const cs = curves.filter((r) => r.chain === c);
      return cs.reduce((a, b) => (b.density > a.density ? b : a)).x;
    };
    expect(peak(4)).toBeGreaterThan(peak(1) + 5);
  });

  it('rejects a variable with no finite draws and a bad prob', () => {
    expect(() => densityData({ x: [[NaN, Infinity]] })).toThrow(/no finite draws/);
    expect(() => densityData(draws, { prob: 1 })).toThrow(RangeError);
  });

  it('renders a curve, a shaded interval and a median line per variable', async () => {
    const svg = await densitySvg(draws);
    expect(countItems(svg, 'densityline')).toBe(4);
    expect(countItems(svg, 'densityarea')).toBe(4);
    expect(countItems(svg, 'interval')).toBe(4);
    expect(countItems(svg, 'median')).toBe(4);
    const t = texts(svg);
    for (const v of ['mu', 'sigma', 'b_Days', 'tau', 'density', 'Posterior densities']) expect(t).toContain(v);
    const byChain = await densitySvg(draws, { byChain: true });
    expect(countItems(byChain, 'chaindensity')).toBe(16);
  });

  it('the median line rises from zero exactly to the drawn curve', async () => {
    const { items } = await layout(densitySpec(draws, { variables: ['sigma'] }));
    const [rule] = items('median');
    const line = items('densityline');
    expect(line.length).toBe(256);
    // pixel height of the curve at the rule's x, interpolated between the drawn vertices
    const rx = rule.x as number;
    const k = line.findIndex((p) => (p.x as number) >= rx);
    const a = line[k - 1];
    const b = line[k];
    const t = (rx - (a.x as number)) / ((b.x as number) - (a.x as number));
    const curveY = (a.y as number) + t * ((b.y as number) - (a.y as number));
    expect(rule.y as number).toBeCloseTo(curveY, 1);
    expect(rule.y2 as number).toBeCloseTo(130, 6); // density 0 at the bottom of a 130 px panel
  });
});
