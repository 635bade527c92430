import type { TopLevelSpec } from 'vega-lite';
import { selectVariables, maxChains } from './draws.js';
import type { DrawsByVariable } from './draws.js';
import { renderSvg } from './render.js';
import { finiteValues, gaussianKde, interpolate, quantiles } from './stats.js';
import { COLORS, SCHEMA, THEME, defaultColumns, paletteFor, titleBlock } from './theme.js';
import type { CommonPlotOptions, LayerMember } from './theme.js';

export interface DensityPlotOptions extends CommonPlotOptions {
  /** Variables to show, in this order (default: all keys of the draws). */
  variables?: readonly string[];
  /** Mass of the shaded central interval (default 0.9). */
  prob?: number;
  /** One density line per chain instead of the pooled density (a convergence check). Default false. */
  byChain?: boolean;
  /** KDE grid points (default 256). */
  gridSize?: number;
  /** Panels per row (default: about square, at most 4). */
  columns?: number;
}

/** A point on a density curve (`kind: 'curve'`) or on its shaded central interval (`kind: 'interval'`). */
export interface DensityCurveRow {
  kind: 'curve' | 'interval';
  variable: string;
  /** Chain number (from 1) when `byChain`; 0 for the pooled density. */
  chain: number;
  x: number;
  density: number;
}

/** Summary of one variable's pooled draws; `density` is the KDE height at the median. */
export interface DensitySummaryRow {
  kind: 'summary';
  variable: string;
  median: number;
  lower: number;
  upper: number;
  density: number;
  bandwidth: number;
}

export type DensityRow = DensityCurveRow | DensitySummaryRow;

/**
 * The rows the density plot draws. Pooled mode: per variable, a Gaussian KDE (Silverman bandwidth) of
 * all finite draws, the part of it inside the central `prob` interval, and a summary row. By-chain
 * mode: one KDE per chain, all on the variable's common grid, plus the pooled summary row.
 */
export function densityData(draws: DrawsByVariable, options: DensityPlotOptions = {}): DensityRow[] {
  const prob = options.prob ?? 0.9;
  if (!(prob > 0 && prob < 1)) throw new RangeError(`densityPlot: prob must lie in (0, 1), got ${prob}`);
  const gridSize = options.gridSize ?? 256;
  const rows: DensityRow[] = [];
  for (const { name, chains } of selectVariables(draws, options.variables)) {
    const pooled: number[] = [];
    for (const c of chains) pooled.push(...finiteValues(c));
    if (pooled.length === 0) throw new RangeError(`densityPlot: variable '${name}' has no finite draws`);
    const kde = gaussianKde(pooled, { gridSize });
    const [lower, median, upper] = quantiles(pooled, [(1 - prob) / 2, 0.5, (1 + prob) / 2]);
    if (options.byChain) {
      const from = kde.x[0];
      const to = kde.x[kde.x.length - 1];
      chains.forEach((c, i) => {
        const values = finiteValues(c);
        if (values.length === 0) return;
        const k = gaussianKde(values, { gridSize, from, to });
        k.x.forEach((x, j) => rows.push({ kind: 'curve', variable: name, chain: i + 1, x, density: k.density[j] }));
      });
    } else {
      kde.x.forEach((x, j) => rows.push({ kind: 'curve', variable: name, chain: 0, x, density: kde.density[j] }));
      const inside: DensityCurveRow[] = [
        { kind: 'interval', variable: name, chain: 0, x: lower, density: interpolate(kde.x, kde.density, lower) },
      ];
      kde.x.forEach((x, j) => {
        if (x > lower && x < upper) inside.push({ kind: 'interval', variable: name, chain: 0, x, density: kde.density[j] });
      });
      inside.push({ kind: 'interval', variable: name, chain: 0, x: upper, density: interpolate(kde.x, kde.density, upper) });
      rows.push(...inside);
    }
    rows.push({
      kind: 'summary',
      variable: name,
      median,
      lower,
      upper,
      density: interpolate(kde.x, kde.density, median),
      bandwidth: kde.bandwidth,
    });
  }
  return rows;
}

/**
 * Posterior densities: per variable a Gaussian KDE of the draws (chains pooled) with the central
 * interval shaded and the median marked; or with `byChain`, one line per chain. One panel per
 * variable, each with its own scales.
 */
export function densitySpec(draws: DrawsByVariable, options: DensityPlotOptions = {}): TopLevelSpec {
  const vars = selectVariables(draws, options.variables);
  const prob = options.prob ?? 0.9;
  const pct = `${Math.round(prob * 1000) / 10}%`;
  const nChains = maxChains(vars);
  const chainIds = Array.from({ length: nChains }, (_, i) => i + 1);
  const x = { field: 'x', type: 'quantitative', title: 'value', scale: { zero: false, nice: false } } as const;
  const y = { field: 'density', type: 'quantitative', title: 'density', axis: { format: '~g' } } as const;
  const curves = { filter: "datum.kind === 'curve'" };
  const pooledLayers: LayerMember[] = [
    {
      name: 'densityarea',
      transform: [curves],
      mark: { type: 'area', color: COLORS.faint },
      encoding: { x, y },
    },
    {
      name: 'interval',
      transform: [{ filter: "datum.kind === 'interval'" }],
      mark: { type: 'area', color: COLORS.light },
      encoding: { x, y },
    },
    {
      name: 'densityline',
      transform: [curves],
      mark: { type: 'line', color: COLORS.main, strokeWidth: 1.8 },
      encoding: { x, y },
    },
    {
      name: 'median',
      transform: [{ filter: "datum.kind === 'summary'" }],
      mark: { type: 'rule', color: COLORS.main, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'median', type: 'quantitative' },
        y: { field: 'density', type: 'quantitative' },
        y2: { datum: 0 },
      },
    },
  ];
  const chainLayers: LayerMember[] = [
    {
      name: 'chaindensity',
      transform: [curves],
      mark: { type: 'line', strokeWidth: 1.4, opacity: 0.85 },
      encoding: {
        x,
        y,
        color: {
          field: 'chain',
          type: 'nominal',
          title: 'chain',
          scale: { domain: chainIds, range: paletteFor(nChains) },
          legend: { symbolOpacity: 1 },
        },
      },
    },
  ];
  return {
    $schema: SCHEMA,
    title: titleBlock(
      options,
      'Posterior densities',
      options.byChain
        ? 'Gaussian kernel density estimate per chain (Silverman bandwidth)'
        : `Kernel density of the draws (all chains); shaded: central ${pct} interval; line: median`,
    ),
    data: { values: densityData(draws, options) },
    facet: { field: 'variable', type: 'nominal', sort: vars.map((v) => v.name), title: null },
    columns: options.columns ?? defaultColumns(vars.length, 4),
    spec: {
      width: options.width ?? 220,
      height: options.height ?? 130,
      layer: options.byChain ? chainLayers : pooledLayers,
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    config: THEME,
  };
}

/** `densitySpec` rendered to SVG. */
export function densitySvg(draws: DrawsByVariable, options: DensityPlotOptions = {}): Promise<string> {
  return renderSvg(densitySpec(draws, options));
}
