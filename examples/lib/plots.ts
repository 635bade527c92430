/**
 * Writing the examples' plots to examples/out, plus two small plots the library does not have:
 * a forest plot of estimates with intervals (several analyses side by side, with an optional true
 * value) and a scatter of two quantities with divergent draws marked (the eight-schools funnel).
 */
import { join, relative } from 'node:path';
import { COLORS, PALETTE, THEME, renderSvg, writeSvg } from '@strata/strata';
import { REPO_ROOT } from './paths.js';

/** The vega-lite spec type renderSvg takes (vega-lite is not a dependency of the examples). */
export type VegaLiteSpec = Parameters<typeof renderSvg>[0];

/** Writes `svg` to outDir/file and returns the path as printed (relative to the repository root). */
export async function savePlot(outDir: string, file: string, svg: string | Promise<string>): Promise<string> {
  const path = join(outDir, file);
  await writeSvg(path, await svg);
  return path;
}

/** A path for printing: relative to the repository root when inside it. */
export function shown(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

export interface ForestRow {
  /** Row label (the y axis). */
  label: string;
  /** Colour / legend group (e.g. the analysis). */
  series: string;
  mean: number;
  lower: number;
  upper: number;
}

export interface ForestOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  /** A vertical reference line (e.g. the true value), with its label. */
  reference?: { value: number; label: string };
  width?: number;
  /** Show the colour legend (default true; leave it out when the row labels already say it). */
  legend?: boolean;
}

/** Point estimates with interval bars, one row per label, coloured by series. */
export function forestSpec(rows: readonly ForestRow[], options: ForestOptions): VegaLiteSpec {
  const series = [...new Set(rows.map((r) => r.series))];
  const labels = [...new Set(rows.map((r) => r.label))];
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: series, range: PALETTE.slice(0, series.length) },
    legend: options.legend === false ? null : { orient: 'bottom' },
  } as const;
  const y = { field: 'label', type: 'nominal', title: null, sort: labels, axis: { labelLimit: 400 } } as const;
  const layers: unknown[] = [
    { mark: { type: 'rule', strokeWidth: 2.5 }, encoding: { y, x: { field: 'lower', type: 'quantitative', title: options.xTitle, scale: { zero: false } }, x2: { field: 'upper' }, color } },
    { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { y, x: { field: 'mean', type: 'quantitative' }, color } },
  ];
  if (options.reference) {
    layers.push(
      { data: { values: [{ value: options.reference.value }] }, mark: { type: 'rule', strokeDash: [5, 4], color: COLORS.reference }, encoding: { x: { field: 'value', type: 'quantitative' } } },
      {
        data: { values: [{ value: options.reference.value, text: options.reference.label }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, y: 0, color: COLORS.reference, fontSize: 11 },
        encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'text' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : { text: options.title },
    width: options.width ?? 420,
    height: { step: 34 },
    data: { values: rows.map((r) => ({ ...r })) },
    layer: layers,
    config: THEME,
  } as unknown as VegaLiteSpec;
}

export interface ScatterPoint {
  panel: string;
  x: number;
  y: number;
  /** Marked points (e.g. divergent transitions) are drawn on top in a contrasting colour. */
  marked: boolean;
}

export interface ScatterOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  /** Legend labels of unmarked and marked points. */
  legend: [string, string];
  /** Panel order. */
  panels: readonly string[];
  width?: number;
  height?: number;
}

/** Side-by-side scatter panels with shared scales; marked points in vermillion, drawn on top. */
export function scatterSpec(points: readonly ScatterPoint[], options: ScatterOptions): VegaLiteSpec {
  const rows = points.map((p) => ({ panel: p.panel, x: p.x, y: p.y, kind: p.marked ? options.legend[1] : options.legend[0] }));
  const encoding = {
    x: { field: 'x', type: 'quantitative', title: options.xTitle },
    y: { field: 'y', type: 'quantitative', title: options.yTitle },
    color: {
      field: 'kind',
      type: 'nominal',
      title: null,
      scale: { domain: options.legend, range: [COLORS.main, '#D55E00'] },
      legend: { orient: 'bottom', symbolOpacity: 1 },
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : { text: options.title },
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: [...options.panels] } },
    spec: {
      width: options.width ?? 300,
      height: options.height ?? 260,
      layer: [
        { transform: [{ filter: { field: 'kind', equal: options.legend[0] } }], mark: { type: 'circle', size: 10, opacity: 0.35 }, encoding },
        { transform: [{ filter: { field: 'kind', equal: options.legend[1] } }], mark: { type: 'circle', size: 28, opacity: 1 }, encoding },
      ],
    },
    config: THEME,
  } as unknown as VegaLiteSpec;
}

export interface StatDrawRow {
  /** Panel (e.g. the model). */
  panel: string;
  /** The statistic of one replicated data set. */
  value: number;
}

export interface StatPpcOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  /** The statistic of the observed data (a vertical line in every panel). */
  observed: number;
  panels: readonly string[];
  bins?: number;
  width?: number;
}

/**
 * A posterior predictive check of one statistic (bayesplot's ppc_stat): per panel, the histogram of
 * the statistic over replicated data sets, with the observed value as a dark vertical line.
 */
export function statPpcSpec(rows: readonly StatDrawRow[], options: StatPpcOptions): VegaLiteSpec {
  const values = rows.map((r) => r.value).concat(options.observed);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.05 || 0.01;
  const x = { field: 'value', type: 'quantitative', title: options.xTitle, scale: { domain: [lo - pad, hi + pad] } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : { text: options.title },
    data: { values: rows.map((r) => ({ ...r, observed: options.observed })) },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: [...options.panels] } },
    spec: {
      width: options.width ?? 200,
      height: 150,
      layer: [
        {
          mark: { type: 'bar', color: COLORS.light, opacity: 0.9 },
          encoding: {
            x: { ...x, bin: { maxbins: options.bins ?? 30, extent: [lo - pad, hi + pad] } },
            y: { aggregate: 'count', type: 'quantitative', title: 'replicated data sets' },
          },
        },
        { mark: { type: 'rule', color: COLORS.observed, strokeWidth: 2.5 }, encoding: { x: { aggregate: 'max', field: 'observed', type: 'quantitative' } } },
      ],
    },
    config: THEME,
  } as unknown as VegaLiteSpec;
}

export interface BandCurveRow {
  /** Curve (colour), e.g. the category or the analysis. */
  series: string;
  x: number;
  median: number;
  lower: number;
  upper: number;
}

export interface BandCurvesOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  /** Legend order (default: order of appearance). */
  series?: readonly string[];
  legendTitle?: string;
  /** Horizontal reference line (e.g. a quantification limit) with its label. */
  reference?: { value: number; label: string };
  /** y scale type (default linear). */
  yScale?: 'linear' | 'log';
  width?: number;
  height?: number;
}

/** Several curves with their bands in one panel, one colour per series (median line, central band). */
export function bandCurvesSpec(rows: readonly BandCurveRow[], options: BandCurvesOptions): VegaLiteSpec {
  const series = options.series ? [...options.series] : [...new Set(rows.map((r) => r.series))];
  const color = {
    field: 'series',
    type: 'nominal',
    title: options.legendTitle ?? null,
    sort: series,
    scale: { domain: series, range: PALETTE.slice(0, series.length) },
    legend: { orient: 'right', symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1 },
  } as const;
  const yScale = options.yScale === 'log' ? { type: 'log' } : { zero: false };
  const x = { field: 'x', type: 'quantitative', title: options.xTitle, scale: { zero: false, nice: false } } as const;
  const layers: unknown[] = [
    { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'lower', type: 'quantitative', title: options.yTitle, scale: yScale }, y2: { field: 'upper' }, color } },
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'median', type: 'quantitative', title: options.yTitle, scale: yScale }, color } },
  ];
  if (options.reference) {
    layers.push(
      { data: { values: [{ value: options.reference.value }] }, mark: { type: 'rule', strokeDash: [5, 4], color: COLORS.reference }, encoding: { y: { field: 'value', type: 'quantitative' } } },
      {
        data: { values: [{ value: options.reference.value, text: options.reference.label }] },
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', color: COLORS.reference, fontSize: 11 },
        encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'text' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : { text: options.title },
    width: options.width ?? 520,
    height: options.height ?? 320,
    data: { values: rows.map((r) => ({ ...r })) },
    layer: layers,
    config: THEME,
  } as unknown as VegaLiteSpec;
}

export interface LinkedPoint {
  /** Points with the same id are joined by a thin line (e.g. one subject's estimate and truth). */
  id: string;
  /** Colour / legend group. */
  series: string;
  x: number;
  y: number;
}

/** One scatter panel of two series whose points are paired by id (estimate next to truth, shrinkage made visible). */
export function linkedScatterSpec(points: readonly LinkedPoint[], options: Omit<ScatterOptions, 'legend' | 'panels'>): VegaLiteSpec {
  const series = [...new Set(points.map((p) => p.series))];
  const x = { field: 'x', type: 'quantitative', title: options.xTitle, scale: { zero: false } };
  const y = { field: 'y', type: 'quantitative', title: options.yTitle, scale: { zero: false } };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: series, range: PALETTE.slice(0, series.length) }, legend: { orient: 'bottom' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.subtitle ? { text: options.title, subtitle: options.subtitle } : { text: options.title },
    width: options.width ?? 360,
    height: options.height ?? 300,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      { mark: { type: 'line', strokeWidth: 0.8, color: COLORS.reference, opacity: 0.6 }, encoding: { x, y, detail: { field: 'id', type: 'nominal' } } },
      { mark: { type: 'point', filled: true, size: 45, opacity: 0.9 }, encoding: { x, y, color } },
    ],
    config: THEME,
  } as unknown as VegaLiteSpec;
}
