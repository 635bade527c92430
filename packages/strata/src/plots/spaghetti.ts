import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';
import { quantileSorted } from './stats.js';
import { COLORS, SCHEMA, THEME, defaultColumns, paletteFor, titleBlock } from './theme.js';
import type { CommonPlotOptions, LayerMember } from './theme.js';

/** Fitted trajectory of one group: posterior draws of the fitted mean at the points `x`. */
export interface GroupTrajectory {
  group: string;
  /** Points where the fitted mean was evaluated. */
  x: readonly number[];
  /** One array per posterior draw, each of length `x.length`: `draws[d][i]` is the fitted mean at `x[i]`. */
  draws: ReadonlyArray<ArrayLike<number>>;
  /** Observed data of the group (optional). */
  observed?: { x: readonly number[]; y: readonly number[] };
}

export interface SpaghettiPlotOptions extends CommonPlotOptions {
  /** Mass of the band (default 0.9: from the 5% to the 95% quantile). */
  prob?: number;
  /** 'facet' (default): one panel per group, shared scales; 'overlay': all groups in one panel, coloured. */
  layout?: 'facet' | 'overlay';
  /** Panels per row in the facet layout (default: about square, at most 6). */
  columns?: number;
  /** x axis title (default 'x'). */
  xTitle?: string;
  /** Title of the colour legend in the overlay layout (default 'group'). */
  legendTitle?: string;
  /** y axis title (default 'y'). */
  yTitle?: string;
}

/** Posterior summary of the fitted mean of `group` at `x`. */
export interface SpaghettiFitRow {
  kind: 'fit';
  group: string;
  x: number;
  median: number;
  lower: number;
  upper: number;
}

/** One observed point. */
export interface SpaghettiObsRow {
  kind: 'obs';
  group: string;
  x: number;
  y: number;
}

export type SpaghettiRow = SpaghettiFitRow | SpaghettiObsRow;

/**
 * Rows of the spaghetti plot: per group and point, the median and the central `prob` quantiles
 * (R type 7) of the draws that are finite, sorted by x; then the observed points.
 */
export function spaghettiData(groups: readonly GroupTrajectory[], options: SpaghettiPlotOptions = {}): SpaghettiRow[] {
  const prob = options.prob ?? 0.9;
  if (!(prob > 0 && prob < 1)) throw new RangeError(`spaghettiPlot: prob must lie in (0, 1), got ${prob}`);
  if (groups.length === 0) throw new RangeError('spaghettiPlot: no groups');
  const fits: SpaghettiFitRow[] = [];
  const obs: SpaghettiObsRow[] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    if (seen.has(g.group)) throw new RangeError(`spaghettiPlot: group '${g.group}' given twice`);
    seen.add(g.group);
    const n = g.x.length;
    if (n === 0) throw new RangeError(`spaghettiPlot: group '${g.group}' has no x values`);
    if (g.draws.length === 0) throw new RangeError(`spaghettiPlot: group '${g.group}' has no draws`);
    g.draws.forEach((d, k) => {
      if (d.length !== n) {
        throw new RangeError(`spaghettiPlot: group '${g.group}': draw ${k} has ${d.length} values, expected ${n} (one per x)`);
      }
    });
    const column = new Float64Array(g.draws.length);
    const groupFits: SpaghettiFitRow[] = [];
    for (let i = 0; i < n; i++) {
      let m = 0;
      for (const d of g.draws) if (Number.isFinite(d[i])) column[m++] = d[i];
      if (m === 0) continue;
      const sorted = column.subarray(0, m).sort();
      groupFits.push({
        kind: 'fit',
        group: g.group,
        x: g.x[i],
        median: quantileSorted(sorted, 0.5),
        lower: quantileSorted(sorted, (1 - prob) / 2),
        upper: quantileSorted(sorted, (1 + prob) / 2),
      });
    }
    groupFits.sort((a, b) => a.x - b.x);
    fits.push(...groupFits);
    if (g.observed) {
      const { x, y } = g.observed;
      if (x.length !== y.length) {
        throw new RangeError(`spaghettiPlot: group '${g.group}': observed x has ${x.length} values, y has ${y.length}`);
      }
      for (let i = 0; i < x.length; i++) {
        if (Number.isFinite(x[i]) && Number.isFinite(y[i])) obs.push({ kind: 'obs', group: g.group, x: x[i], y: y[i] });
      }
    }
  }
  return [...fits, ...obs];
}

/**
 * Spaghetti plot of fitted trajectories: per group, the posterior median of the fitted mean as a line,
 * a band from the (1 - prob)/2 to the (1 + prob)/2 quantile, and the observed points. One panel per group
 * (shared scales) or all groups overlaid in one coloured panel.
 */
export function spaghettiSpec(groups: readonly GroupTrajectory[], options: SpaghettiPlotOptions = {}): TopLevelSpec {
  const prob = options.prob ?? 0.9;
  const pct = `${Math.round(prob * 1000) / 10}%`;
  const rows = spaghettiData(groups, options);
  const names = groups.map((g) => g.group);
  const hasObs = rows.some((r) => r.kind === 'obs');
  const layout = options.layout ?? 'facet';
  const xTitle = options.xTitle ?? 'x';
  const yTitle = options.yTitle ?? 'y';
  const fit = { filter: "datum.kind === 'fit'" };
  const ob = { filter: "datum.kind === 'obs'" };
  const integerX = rows.every((r) => Number.isInteger(r.x));
  const x = {
    field: 'x',
    type: 'quantitative',
    title: xTitle,
    scale: { zero: false, nice: false, padding: 6 },
    axis: integerX ? { tickMinStep: 1, format: 'd' } : {},
  } as const;
  const subtitle = `Line: posterior median of the fitted mean; band: central ${pct} interval${hasObs ? '; points: observed data' : ''}`;
  const title = titleBlock(options, 'Fitted trajectories by group', subtitle);

  if (layout === 'overlay') {
    const color = {
      field: 'group',
      type: 'nominal',
      title: options.legendTitle ?? 'group',
      scale: { domain: names, range: paletteFor(names.length) },
      // line symbols at full opacity, rather than the faint band swatches the layers would merge to
      legend: { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1 },
    } as const;
    const layer: LayerMember[] = [
      {
        name: 'band',
        transform: [fit],
        mark: { type: 'area', opacity: 0.18 },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', title: yTitle, scale: { zero: false } },
          y2: { field: 'upper' },
          color,
        },
      },
      {
        name: 'median',
        transform: [fit],
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { field: 'median', type: 'quantitative', title: yTitle }, color },
      },
    ];
    if (hasObs) {
      layer.push({
        name: 'observed',
        transform: [ob],
        mark: { type: 'point', filled: true, size: 28, opacity: 0.9, stroke: 'white', strokeWidth: 0.5 },
        encoding: { x, y: { field: 'y', type: 'quantitative', title: yTitle }, color },
      });
    }
    return {
      $schema: SCHEMA,
      title,
      data: { values: rows },
      width: options.width ?? 560,
      height: options.height ?? 360,
      layer,
      config: THEME,
    };
  }

  const layer: LayerMember[] = [
    {
      name: 'band',
      transform: [fit],
      mark: { type: 'area', color: COLORS.light, opacity: 0.7 },
      encoding: {
        x,
        y: { field: 'lower', type: 'quantitative', title: yTitle, scale: { zero: false } },
        y2: { field: 'upper' },
      },
    },
    {
      name: 'median',
      transform: [fit],
      mark: { type: 'line', color: COLORS.main, strokeWidth: 2 },
      encoding: { x, y: { field: 'median', type: 'quantitative', title: yTitle } },
    },
  ];
  if (hasObs) {
    layer.push({
      name: 'observed',
      transform: [ob],
      mark: { type: 'point', filled: true, color: COLORS.observed, size: 18, opacity: 0.85 },
      encoding: { x, y: { field: 'y', type: 'quantitative', title: yTitle } },
    });
  }
  return {
    $schema: SCHEMA,
    title,
    data: { values: rows },
    facet: { field: 'group', type: 'nominal', sort: names, title: null, header: { labelFontWeight: 'normal' } },
    columns: options.columns ?? defaultColumns(names.length, 6),
    spec: { width: options.width ?? 150, height: options.height ?? 120, layer },
    config: THEME,
  };
}

/** `spaghettiSpec` rendered to SVG. */
export function spaghettiSvg(groups: readonly GroupTrajectory[], options: SpaghettiPlotOptions = {}): Promise<string> {
  return renderSvg(spaghettiSpec(groups, options));
}
