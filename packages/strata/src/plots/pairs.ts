/**
 * Pairs plot: for each pair of variables the scatter of their posterior draws (lower triangle), each
 * variable's histogram on the diagonal; draws of divergent transitions, when marked, in vermillion
 * (where a funnel or a ridge makes the sampler fail shows up as a cluster of them).
 */
import type { TopLevelSpec } from 'vega-lite';
import { selectVariables } from './draws.js';
import type { DrawsByVariable } from './draws.js';
import { renderSvg } from './render.js';
import { COLORS, SCHEMA, THEME, titleBlock } from './theme.js';
import type { CommonPlotOptions } from './theme.js';

export interface PairsPlotOptions extends CommonPlotOptions {
  /** Variables to show, in this order (default: all keys of the draws; more than 8 is hard to read). */
  variables?: readonly string[];
  /** Per pooled draw (chain-major), whether it ended in a divergent transition. */
  divergent?: ArrayLike<boolean | number>;
  /** Histogram bins on the diagonal (default 30). */
  bins?: number;
}

/** One pooled draw: its chain, whether divergent, and the variables' values as v0, v1, ... (vega field names cannot hold brms names' ':' and brackets). */
export type PairsRow = { draw: number; chain: number; divergent: boolean } & Record<`v${number}`, number | null>;

export function pairsData(draws: DrawsByVariable, options: PairsPlotOptions = {}): PairsRow[] {
  const vars = selectVariables(draws, options.variables);
  const rows: PairsRow[] = [];
  const chains = vars[0].chains;
  let draw = 0;
  chains.forEach((chain, c) => {
    for (let i = 0; i < chain.length; i++, draw++) {
      const row = { draw, chain: c + 1, divergent: Boolean(options.divergent?.[draw]) } as PairsRow;
      vars.forEach((v, k) => {
        const x = v.chains[c][i];
        row[`v${k}`] = Number.isFinite(x) ? x : null;
      });
      rows.push(row);
    }
  });
  return rows;
}

export function pairsSpec(draws: DrawsByVariable, options: PairsPlotOptions = {}): TopLevelSpec {
  const vars = selectVariables(draws, options.variables);
  const size = options.width ?? 130;
  const n = vars.length;
  const marked = options.divergent !== undefined && Array.from(options.divergent).some(Boolean);
  const cell = (i: number, j: number) => {
    const common = { width: size, height: options.height ?? size };
    if (i === j) {
      return {
        ...common,
        mark: { type: 'bar' as const, color: COLORS.main, opacity: 0.8 },
        encoding: {
          x: { field: `v${i}`, type: 'quantitative' as const, bin: { maxbins: options.bins ?? 30 }, title: vars[i].name },
          y: { aggregate: 'count' as const, type: 'quantitative' as const, title: null, axis: null },
        },
      };
    }
    if (j > i) return { ...common, mark: { type: 'point' as const, opacity: 0 }, encoding: {} };
    return {
      ...common,
      mark: { type: 'circle' as const, size: 6, clip: true },
      encoding: {
        x: { field: `v${j}`, type: 'quantitative' as const, scale: { zero: false }, title: i === n - 1 ? vars[j].name : null },
        y: { field: `v${i}`, type: 'quantitative' as const, scale: { zero: false }, title: j === 0 ? vars[i].name : null },
        color: {
          field: 'divergent',
          type: 'nominal' as const,
          title: null,
          scale: { domain: [false, true], range: [COLORS.main, '#D55E00'] },
          legend: marked && i === 1 && j === 0 ? { labelExpr: "datum.value ? 'divergent' : 'draw'" } : null,
        },
        opacity: { condition: { test: 'datum.divergent', value: 0.9 }, value: 0.35 },
        order: { field: 'divergent', type: 'ordinal' as const },
      },
    };
  };
  return {
    $schema: SCHEMA,
    title: titleBlock(options, 'Pairs plot', marked ? 'Posterior draws of each pair of variables; divergent transitions in vermillion' : 'Posterior draws of each pair of variables; histograms on the diagonal'),
    data: { values: pairsData(draws, options) },
    vconcat: Array.from({ length: n }, (_, i) => ({ hconcat: Array.from({ length: n }, (_, j) => cell(i, j)) })),
    config: THEME,
  } as TopLevelSpec;
}

export function pairsSvg(draws: DrawsByVariable, options: PairsPlotOptions = {}): Promise<string> {
  return renderSvg(pairsSpec(draws, options));
}
