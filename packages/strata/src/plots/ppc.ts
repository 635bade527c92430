import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';
import { finiteValues, gaussianKde, silvermanBandwidth } from './stats.js';
import { COLORS, SCHEMA, THEME, titleBlock } from './theme.js';
import type { CommonPlotOptions, LayerMember } from './theme.js';

/** Observed data and replicated data sets drawn from the posterior predictive distribution. */
export interface PpcInput {
  /** Observed outcomes. */
  y: ArrayLike<number>;
  /** Replicated data sets, one per posterior draw (each usually of length y.length). */
  yrep: ReadonlyArray<ArrayLike<number>>;
}

export interface PpcPlotOptions extends CommonPlotOptions {
  /** How many replicated data sets to draw (default 50); taken evenly spaced over `yrep`. */
  nDraws?: number;
  /** KDE grid points (default 256). */
  gridSize?: number;
  /** x axis title (default 'y'). */
  xTitle?: string;
}

export const OBSERVED = 'observed y';
export const REPLICATED = 'replicated y_rep';

export interface PpcRow {
  series: typeof OBSERVED | typeof REPLICATED;
  /** Index into `yrep` of the replicated set; -1 for the observed data. */
  draw: number;
  x: number;
  density: number;
}

/** Indices of the replicated sets shown: `nDraws` evenly spaced over 0..total-1 (all when fewer). */
export function ppcDrawIndices(total: number, nDraws: number): number[] {
  if (!Number.isInteger(nDraws) || nDraws < 1) throw new RangeError(`ppcPlot: nDraws must be a positive integer, got ${nDraws}`);
  if (nDraws >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: nDraws }, (_, i) => Math.floor((i * total) / nDraws));
}

/**
 * Rows of the posterior predictive check: a Gaussian KDE (each set its own Silverman bandwidth) of the
 * observed data and of each selected replicated set, all on one grid spanning every value shown plus
 * three observed-data bandwidths on each side. Replicated rows come first, observed rows last.
 */
export function ppcData(input: PpcInput, options: PpcPlotOptions = {}): PpcRow[] {
  const y = finiteValues(input.y);
  if (y.length < 2) throw new RangeError('ppcPlot: need at least 2 finite observed values');
  if (input.yrep.length === 0) throw new RangeError('ppcPlot: no replicated data sets');
  const idx = ppcDrawIndices(input.yrep.length, options.nDraws ?? 50);
  const reps = idx.map((i) => ({ i, values: finiteValues(input.yrep[i]) }));
  let min = Infinity;
  let max = -Infinity;
  for (const v of [y, ...reps.map((r) => r.values)]) {
    for (const t of v) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const h = silvermanBandwidth(y);
  const grid = { gridSize: options.gridSize ?? 256, from: min - 3 * h, to: max + 3 * h };
  const rows: PpcRow[] = [];
  for (const { i, values } of reps) {
    if (values.length === 0) continue;
    const k = gaussianKde(values, grid);
    k.x.forEach((x, j) => rows.push({ series: REPLICATED, draw: i, x, density: k.density[j] }));
  }
  const ky = gaussianKde(y, { ...grid, bandwidth: h });
  ky.x.forEach((x, j) => rows.push({ series: OBSERVED, draw: -1, x, density: ky.density[j] }));
  return rows;
}

/**
 * Posterior predictive check: the density of the observed data (thick dark line) over the densities of
 * a number of replicated data sets (thin light lines).
 */
export function ppcSpec(input: PpcInput, options: PpcPlotOptions = {}): TopLevelSpec {
  const rows = ppcData(input, options);
  const nRep = new Set(rows.filter((r) => r.series === REPLICATED).map((r) => r.draw)).size;
  const x = { field: 'x', type: 'quantitative', title: options.xTitle ?? 'y', scale: { nice: false, zero: false } } as const;
  const y = { field: 'density', type: 'quantitative', title: 'density', axis: { format: '~g' } } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: [OBSERVED, REPLICATED], range: [COLORS.observed, COLORS.replicate] },
    legend: { orient: 'top-right', symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1, fillColor: 'white', padding: 6 },
  } as const;
  const layer: LayerMember[] = [
    {
      name: 'replicated',
      transform: [{ filter: `datum.series === '${REPLICATED}'` }],
      mark: { type: 'line', strokeWidth: 0.8, opacity: 0.45 },
      encoding: { x, y, color, detail: { field: 'draw', type: 'nominal' } },
    },
    {
      name: 'observed',
      transform: [{ filter: `datum.series === '${OBSERVED}'` }],
      mark: { type: 'line', strokeWidth: 2.6 },
      encoding: { x, y, color },
    },
  ];
  return {
    $schema: SCHEMA,
    title: titleBlock(
      options,
      'Posterior predictive check',
      `Density of the observed data and of ${nRep} replicated data sets from the posterior predictive distribution`,
    ),
    data: { values: rows },
    width: options.width ?? 520,
    height: options.height ?? 300,
    layer,
    config: THEME,
  };
}

/** `ppcSpec` rendered to SVG. */
export function ppcSvg(input: PpcInput, options: PpcPlotOptions = {}): Promise<string> {
  return renderSvg(ppcSpec(input, options));
}
