import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';
import { COLORS, SCHEMA, THEME, titleBlock } from './theme.js';
import type { CommonPlotOptions, LayerMember } from './theme.js';

/** One group level: its separate (no-pooling) estimate and its hierarchical posterior mean. */
export interface ShrinkageLevel {
  group: string;
  /** Estimate from the group's data alone (e.g. a per-group regression). */
  noPooling: number;
  /** Posterior mean of the group's parameter in the hierarchical model. */
  partialPooling: number;
}

/** Shrinkage of one parameter (e.g. the intercept) across the levels of a grouping factor. */
export interface ShrinkageInput {
  /** Parameter name, used as the x axis title / panel header (default 'estimate'). */
  parameter?: string;
  /** Population (fixed-effect) mean of the parameter: the value the levels are shrunk towards. */
  populationMean: number;
  levels: readonly ShrinkageLevel[];
}

export interface ShrinkagePlotOptions extends CommonPlotOptions {
  /**
   * Order of the groups from top to bottom: by the no-pooling estimate (default, largest on top), by the
   * partial-pooling mean, or as given. With several parameters the first one decides.
   */
  sort?: 'noPooling' | 'partialPooling' | 'input';
  /** Height of one group's row in pixels (default 18). */
  rowHeight?: number;
}

export const NO_POOLING = 'no pooling';
export const PARTIAL_POOLING = 'partial pooling';

/** A segment from the no-pooling estimate to the partial-pooling mean. */
export interface ShrinkageSegmentRow {
  kind: 'segment';
  parameter: string;
  group: string;
  noPooling: number;
  partialPooling: number;
  /** Direction of the shrinkage arrow: 'right', 'left', or 'none' when too short to draw a head. */
  arrow: 'right' | 'left' | 'none';
}

/** One estimate drawn as a point. */
export interface ShrinkagePointRow {
  kind: 'point';
  parameter: string;
  group: string;
  estimate: typeof NO_POOLING | typeof PARTIAL_POOLING;
  value: number;
}

/** The population mean of one parameter. */
export interface ShrinkagePopulationRow {
  kind: 'population';
  parameter: string;
  populationMean: number;
}

export type ShrinkageRow = ShrinkageSegmentRow | ShrinkagePointRow | ShrinkagePopulationRow;

function normalise(input: ShrinkageInput | readonly ShrinkageInput[]): ShrinkageInput[] {
  const list = Array.isArray(input) ? [...(input as readonly ShrinkageInput[])] : [input as ShrinkageInput];
  if (list.length === 0) throw new RangeError('shrinkagePlot: no parameters');
  const names = new Set<string>();
  list.forEach((p, i) => {
    const name = p.parameter ?? (list.length > 1 ? `parameter ${i + 1}` : 'estimate');
    if (names.has(name)) throw new RangeError(`shrinkagePlot: parameter '${name}' given twice`);
    names.add(name);
    if (p.levels.length === 0) throw new RangeError(`shrinkagePlot: parameter '${name}' has no levels`);
    if (!Number.isFinite(p.populationMean)) throw new RangeError(`shrinkagePlot: parameter '${name}': populationMean must be finite`);
    for (const l of p.levels) {
      if (!Number.isFinite(l.noPooling) || !Number.isFinite(l.partialPooling)) {
        throw new RangeError(`shrinkagePlot: parameter '${name}', group '${l.group}': estimates must be finite`);
      }
    }
  });
  return list.map((p, i) => ({ ...p, parameter: p.parameter ?? (list.length > 1 ? `parameter ${i + 1}` : 'estimate') }));
}

/** Group order from top to bottom. */
export function shrinkageOrder(input: ShrinkageInput | readonly ShrinkageInput[], options: ShrinkagePlotOptions = {}): string[] {
  const params = normalise(input);
  const order: string[] = [];
  for (const p of params) for (const l of p.levels) if (!order.includes(l.group)) order.push(l.group);
  const sort = options.sort ?? 'noPooling';
  if (sort === 'input') return order;
  const key = new Map(params[0].levels.map((l) => [l.group, sort === 'noPooling' ? l.noPooling : l.partialPooling]));
  return order
    .map((g, i) => ({ g, i, k: key.get(g) ?? -Infinity }))
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((e) => e.g);
}

/** Panel width used when none is given: one parameter, or one of several side by side. */
function panelWidth(nParams: number, options: ShrinkagePlotOptions): number {
  return options.width ?? (nParams === 1 ? 440 : 260);
}

/** Shortest shift, in pixels, that gets an arrowhead (shorter ones would hide it under the points). */
const MIN_ARROW_PX = 14;

/**
 * Rows of the shrinkage plot: per parameter and level a segment with the arrow direction ('none' when the
 * shift would be shorter than 14 px at the panel width), the two estimates as points, and the population mean.
 */
export function shrinkageData(
  input: ShrinkageInput | readonly ShrinkageInput[],
  options: ShrinkagePlotOptions = {},
): ShrinkageRow[] {
  const rows: ShrinkageRow[] = [];
  const params = normalise(input);
  const width = panelWidth(params.length, options);
  for (const p of params) {
    const parameter = p.parameter as string;
    const all = [p.populationMean, ...p.levels.flatMap((l) => [l.noPooling, l.partialPooling])];
    const range = Math.max(...all) - Math.min(...all);
    for (const l of p.levels) {
      const d = l.partialPooling - l.noPooling;
      const px = range > 0 ? (Math.abs(d) / range) * width : 0;
      const arrow = px < MIN_ARROW_PX ? 'none' : d > 0 ? 'right' : 'left';
      rows.push({ kind: 'segment', parameter, group: l.group, noPooling: l.noPooling, partialPooling: l.partialPooling, arrow });
    }
    for (const l of p.levels) rows.push({ kind: 'point', parameter, group: l.group, estimate: NO_POOLING, value: l.noPooling });
    for (const l of p.levels) {
      rows.push({ kind: 'point', parameter, group: l.group, estimate: PARTIAL_POOLING, value: l.partialPooling });
    }
    rows.push({ kind: 'population', parameter, populationMean: p.populationMean });
  }
  return rows;
}

/**
 * Shrinkage plot: one row per group level, an arrow from the no-pooling estimate (hollow orange circle)
 * to the partial-pooling posterior mean (filled blue circle), and the population mean as a dashed
 * vertical line. Several parameters become side-by-side panels with their own x scales.
 */
export function shrinkageSpec(input: ShrinkageInput | readonly ShrinkageInput[], options: ShrinkagePlotOptions = {}): TopLevelSpec {
  const params = normalise(input);
  const order = shrinkageOrder(params, options);
  const single = params.length === 1;
  const xTitle = single ? (params[0].parameter as string) : null;
  const y = { field: 'group', type: 'nominal', title: 'group', sort: order, axis: { grid: true, domain: false } } as const;
  const xq = (field: string) => ({ field, type: 'quantitative', title: xTitle, scale: { zero: false } }) as const;
  const legend = { orient: 'top', direction: 'horizontal', symbolStrokeWidth: 1.8 } as const;
  const seg = (arrow: string) => ({ filter: `datum.kind === 'segment' && datum.arrow === '${arrow}'` });
  const head = (arrow: 'right' | 'left'): LayerMember => ({
    name: `arrow${arrow}`,
    transform: [seg(arrow)],
    mark: {
      type: 'point',
      shape: arrow === 'right' ? 'triangle-right' : 'triangle-left',
      filled: true,
      size: 42,
      color: COLORS.reference,
      opacity: 1,
      xOffset: arrow === 'right' ? -7 : 7,
    },
    encoding: { x: xq('partialPooling'), y },
  });
  const layer: LayerMember[] = [
    {
      name: 'population',
      transform: [{ filter: "datum.kind === 'population'" }],
      mark: { type: 'rule', color: COLORS.reference, strokeDash: [6, 4], strokeWidth: 1.3 },
      encoding: { x: xq('populationMean') },
    },
    {
      name: 'populationlabel',
      transform: [
        { filter: "datum.kind === 'population'" },
        { calculate: "'population mean ' + format(datum.populationMean, '.4~g')", as: 'label' },
      ],
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 11, color: COLORS.reference },
      encoding: { x: xq('populationMean'), y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    },
    {
      name: 'shift',
      transform: [{ filter: "datum.kind === 'segment'" }],
      mark: { type: 'rule', color: COLORS.reference, strokeWidth: 1.2 },
      encoding: {
        x: xq('noPooling'),
        x2: { field: 'partialPooling' },
        y,
      },
    },
    head('right'),
    head('left'),
    {
      name: 'estimates',
      transform: [{ filter: "datum.kind === 'point'" }],
      mark: { type: 'point', size: 48, strokeWidth: 1.8, opacity: 1 },
      encoding: {
        x: xq('value'),
        y,
        color: {
          field: 'estimate',
          type: 'nominal',
          title: null,
          scale: { domain: [NO_POOLING, PARTIAL_POOLING], range: [COLORS.accent, COLORS.main] },
          legend,
        },
        // same field and legend as color: the two merge into one legend with hollow / filled symbols
        fill: {
          field: 'estimate',
          type: 'nominal',
          title: null,
          scale: { domain: [NO_POOLING, PARTIAL_POOLING], range: ['white', COLORS.main] },
          legend,
        },
      },
    },
  ];
  const title = titleBlock(
    options,
    'Shrinkage of group-level estimates',
    'Arrow: from the no-pooling estimate to the partial-pooling posterior mean; dashed line: population mean',
  );
  const rowHeight = options.rowHeight ?? 18;
  const width = panelWidth(params.length, options);
  const height = options.height ?? { step: rowHeight };
  if (single) {
    return { $schema: SCHEMA, title, data: { values: shrinkageData(params, options) }, width, height, layer, config: THEME };
  }
  return {
    $schema: SCHEMA,
    title,
    data: { values: shrinkageData(params, options) },
    facet: {
      column: {
        field: 'parameter',
        type: 'nominal',
        sort: params.map((p) => p.parameter as string),
        title: null,
        header: { labelOrient: 'bottom', labelFontWeight: 'normal', labelPadding: 6 },
      },
    },
    spec: { width, height, layer },
    resolve: { scale: { x: 'independent' } },
    config: THEME,
  };
}

/** `shrinkageSpec` rendered to SVG. */
export function shrinkageSvg(input: ShrinkageInput | readonly ShrinkageInput[], options: ShrinkagePlotOptions = {}): Promise<string> {
  return renderSvg(shrinkageSpec(input, options));
}
