import type { TopLevelSpec } from 'vega-lite';
import { selectVariables, maxChains } from './draws.js';
import type { DrawsByVariable } from './draws.js';
import { renderSvg } from './render.js';
import { SCHEMA, THEME, paletteFor, titleBlock } from './theme.js';
import type { CommonPlotOptions } from './theme.js';

export interface TracePlotOptions extends CommonPlotOptions {
  /** Variables to show, in this order (default: all keys of the draws). */
  variables?: readonly string[];
  /** Keep every `thin`-th iteration (default 1: all). */
  thin?: number;
  /** Number assigned to the first iteration on the x axis (default 1; e.g. warmup + 1). */
  firstIteration?: number;
  /** Panels per row (default 1). */
  columns?: number;
}

/** One row of the trace plot data. Non-finite draws become `value: null` (a gap in the line). */
export interface TraceRow {
  variable: string;
  chain: number;
  iteration: number;
  value: number | null;
}

/** The rows the trace plot draws: one per (variable, chain, kept iteration); chains numbered from 1. */
export function traceData(draws: DrawsByVariable, options: TracePlotOptions = {}): TraceRow[] {
  const thin = options.thin ?? 1;
  if (!Number.isInteger(thin) || thin < 1) throw new RangeError(`tracePlot: thin must be a positive integer, got ${thin}`);
  const first = options.firstIteration ?? 1;
  const rows: TraceRow[] = [];
  for (const { name, chains } of selectVariables(draws, options.variables)) {
    chains.forEach((chain, c) => {
      for (let i = 0; i < chain.length; i += thin) {
        const v = chain[i];
        rows.push({ variable: name, chain: c + 1, iteration: first + i, value: Number.isFinite(v) ? v : null });
      }
    });
  }
  return rows;
}

/**
 * Trace plot: the draws of each chain against the iteration, one coloured line per chain, one panel per
 * variable (each panel with its own y scale).
 */
export function traceSpec(draws: DrawsByVariable, options: TracePlotOptions = {}): TopLevelSpec {
  const vars = selectVariables(draws, options.variables);
  const nChains = maxChains(vars);
  return {
    $schema: SCHEMA,
    title: titleBlock(options, 'Trace plot', `Draws by iteration, one line per chain (${nChains} chains)`),
    data: { values: traceData(draws, options) },
    facet: {
      field: 'variable',
      type: 'nominal',
      sort: vars.map((v) => v.name),
      title: null,
      header: { labelAnchor: 'start', labelPadding: 4 },
    },
    columns: options.columns ?? 1,
    spec: {
      name: 'trace',
      width: options.width ?? 560,
      height: options.height ?? 110,
      mark: { type: 'line', strokeWidth: 0.8, opacity: 0.75, clip: true },
      encoding: {
        x: {
          field: 'iteration',
          type: 'quantitative',
          title: 'iteration',
          scale: { nice: false },
          axis: { tickMinStep: 1, format: 'd' },
        },
        y: { field: 'value', type: 'quantitative', title: 'value', scale: { zero: false } },
        color: {
          field: 'chain',
          type: 'nominal',
          title: 'chain',
          scale: { domain: Array.from({ length: nChains }, (_, i) => i + 1), range: paletteFor(nChains) },
          legend: { symbolOpacity: 1 },
        },
      },
    },
    resolve: { scale: { y: 'independent' } },
    config: THEME,
  };
}

/** `traceSpec` rendered to SVG. */
export function traceSvg(draws: DrawsByVariable, options: TracePlotOptions = {}): Promise<string> {
  return renderSvg(traceSpec(draws, options));
}
