import type { TopLevelSpec } from 'vega-lite';
import { selectVariables, maxChains } from './draws.js';
import type { DrawsByVariable } from './draws.js';
import { renderSvg } from './render.js';
import { pooledRanks } from './stats.js';
import { COLORS, SCHEMA, THEME, paletteFor, titleBlock } from './theme.js';
import type { CommonPlotOptions } from './theme.js';

export interface RankPlotOptions extends CommonPlotOptions {
  /** Variables to show, in this order (default: all keys of the draws). */
  variables?: readonly string[];
  /** Number of equal-width rank bins (default 20). */
  bins?: number;
}

/** One bar of the rank plot: the draws of `chain` whose pooled rank falls in [rankLow, rankHigh). */
export interface RankBin {
  variable: string;
  chain: number;
  bin: number;
  rankLow: number;
  rankHigh: number;
  count: number;
  /** Count expected in every bin when the chains have mixed: draws in this chain / bins. */
  expected: number;
}

/**
 * Rank histograms as plain rows: the draws of each variable are ranked over all chains pooled
 * (average ranks for ties, 1..S), the rank range (0, S] is cut into `bins` equal bins and each chain's
 * ranks are counted per bin. Chains numbered from 1.
 */
export function rankData(draws: DrawsByVariable, options: RankPlotOptions = {}): RankBin[] {
  const bins = options.bins ?? 20;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`rankPlot: bins must be a positive integer, got ${bins}`);
  const rows: RankBin[] = [];
  for (const { name, chains } of selectVariables(draws, options.variables)) {
    let ranks: number[][];
    try {
      ranks = pooledRanks(chains);
    } catch (e) {
      throw new RangeError(`rankPlot: variable '${name}': ${(e as Error).message}`);
    }
    const total = ranks.reduce((s, r) => s + r.length, 0);
    const width = total / bins;
    ranks.forEach((chainRanks, c) => {
      const counts = new Array<number>(bins).fill(0);
      for (const r of chainRanks) {
        // rank r in [1, S]: bin k holds ranks in (k * S / B, (k + 1) * S / B]
        const k = Math.min(bins - 1, Math.max(0, Math.ceil(r / width) - 1));
        counts[k]++;
      }
      const expected = chainRanks.length / bins;
      for (let k = 0; k < bins; k++) {
        rows.push({
          variable: name,
          chain: c + 1,
          bin: k + 1,
          rankLow: k * width,
          rankHigh: (k + 1) * width,
          count: counts[k],
          expected,
        });
      }
    });
  }
  return rows;
}

/**
 * Rank plot (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021): for each variable (rows) and chain
 * (columns), the histogram of the chain's draws ranked among all chains pooled. Well-mixed chains give
 * flat histograms at the dashed expected count.
 */
export function rankSpec(draws: DrawsByVariable, options: RankPlotOptions = {}): TopLevelSpec {
  const vars = selectVariables(draws, options.variables);
  const nChains = maxChains(vars);
  const chainIds = Array.from({ length: nChains }, (_, i) => i + 1);
  return {
    $schema: SCHEMA,
    title: titleBlock(
      options,
      'Rank plot',
      'Ranks of the draws pooled over all chains, histogram per chain; dashed line: uniform expectation',
    ),
    data: { values: rankData(draws, options) },
    facet: {
      row: {
        field: 'variable',
        type: 'nominal',
        sort: vars.map((v) => v.name),
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'middle', labelPadding: 8 },
      },
      column: {
        field: 'chain',
        type: 'nominal',
        sort: chainIds,
        title: null,
        header: { labelExpr: "'chain ' + datum.value", labelFontWeight: 'normal' },
      },
    },
    spec: {
      width: options.width ?? Math.round(Math.max(100, Math.min(170, 760 / nChains))),
      height: options.height ?? 80,
      layer: [
        {
          name: 'rankbars',
          mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
          encoding: {
            x: { field: 'rankLow', type: 'quantitative', title: 'rank (all chains)', scale: { nice: false } },
            x2: { field: 'rankHigh' },
            y: { field: 'count', type: 'quantitative', title: 'count' },
            color: {
              field: 'chain',
              type: 'nominal',
              title: 'chain',
              legend: null,
              scale: { domain: chainIds, range: paletteFor(nChains) },
            },
          },
        },
        {
          name: 'expected',
          mark: { type: 'rule', strokeDash: [5, 3], color: COLORS.reference, strokeWidth: 1.2 },
          encoding: { y: { aggregate: 'min', field: 'expected', type: 'quantitative' } },
        },
      ],
    },
    config: THEME,
  };
}

/** `rankSpec` rendered to SVG. */
export function rankSvg(draws: DrawsByVariable, options: RankPlotOptions = {}): Promise<string> {
  return renderSvg(rankSpec(draws, options));
}
