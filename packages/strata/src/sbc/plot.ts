/**
 * SBC rank histogram (Talts et al. 2018, figure 3 style): counts of the ranks per bin, the expected
 * count under uniformity (dashed) and the 99% interval of one bin's count (grey band).
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../plots/render.js';
import { COLORS, SCHEMA, THEME } from '../plots/theme.js';
import { binomialInterval, rankUniformityTest } from './chisq.js';

export interface SbcHistogramOptions {
  bins?: number;
  title?: string;
  width?: number;
  height?: number;
}

export interface SbcBinRow {
  bin: number;
  rankLow: number;
  rankHigh: number;
  count: number;
}

/** The vega-lite spec of one parameter's rank histogram (ranks in 0..L). */
export function sbcHistogramSpec(parameter: string, ranks: ArrayLike<number>, L: number, options: SbcHistogramOptions = {}): TopLevelSpec {
  const bins = options.bins ?? 20;
  const test = rankUniformityTest(ranks, L, bins);
  const width = (L + 1) / bins;
  const rows: SbcBinRow[] = test.counts.map((count, k) => ({ bin: k + 1, rankLow: k * width, rankHigh: (k + 1) * width, count }));
  const band = binomialInterval(ranks.length, 1 / bins, 0.99);
  const subtitle = `${ranks.length} replications, ${bins} bins; chi-square ${test.statistic.toFixed(1)} on ${test.df} df, p = ${test.pValue.toPrecision(2)}; band: 99% of one bin's count`;
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? `SBC ranks: ${parameter}`, subtitle },
    width: options.width ?? 360,
    height: options.height ?? 160,
    layer: [
      {
        data: { values: [{ lower: band.lower, upper: band.upper, xmin: 0, xmax: L + 1 }] },
        mark: { type: 'rect', color: '#dddddd', opacity: 0.8 },
        encoding: {
          x: { field: 'xmin', type: 'quantitative' },
          x2: { field: 'xmax' },
          y: { field: 'lower', type: 'quantitative' },
          y2: { field: 'upper' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'rect', color: COLORS.main, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'rankLow', type: 'quantitative', title: `rank of the true value among ${L} posterior draws`, scale: { domain: [0, L + 1], nice: false } },
          x2: { field: 'rankHigh' },
          y: { field: 'count', type: 'quantitative', title: 'replications' },
          tooltip: [{ field: 'bin' }, { field: 'count' }],
        },
      },
      {
        data: { values: [{ expected: test.expected }] },
        mark: { type: 'rule', strokeDash: [5, 3], color: COLORS.reference, strokeWidth: 1.2 },
        encoding: { y: { field: 'expected', type: 'quantitative' } },
      },
    ],
    config: THEME,
  };
}

/** `sbcHistogramSpec` rendered to SVG. */
export function sbcHistogramSvg(parameter: string, ranks: ArrayLike<number>, L: number, options: SbcHistogramOptions = {}): Promise<string> {
  return renderSvg(sbcHistogramSpec(parameter, ranks, L, options));
}
