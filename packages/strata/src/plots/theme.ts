import type { Config, TopLevelSpec } from 'vega-lite';

/**
 * Okabe & Ito's colour-blind-safe palette, ordered so that the first colours are the most distinct
 * on white (the yellow comes last). Chains, groups and series cycle through it.
 */
export const PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
];

/** Named colours used for the fixed roles of the plots. */
export const COLORS = {
  /** Posterior summaries: medians, densities, partial pooling. */
  main: '#0072B2',
  /** Light fill behind `main` (intervals, densities). */
  light: '#9CC9E8',
  /** Very light fill (the whole density under the curve). */
  faint: '#D6E9F6',
  /** Contrasting role: no-pooling estimates, observed data density. */
  accent: '#E69F00',
  /** Observed data points. */
  observed: '#222222',
  /** Reference lines (expected counts, population means). */
  reference: '#555555',
  /** Replicated data sets. */
  replicate: '#56B4E9',
} as const;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The shared look: fonts, axes, headers, legend and title style. */
export const THEME: Config = {
  background: 'white',
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  padding: 12,
  view: { stroke: '#c8c8c8' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    labelColor: '#333333',
    gridColor: '#ececec',
    domainColor: '#888888',
    tickColor: '#888888',
    labelFlush: true,
    labelOverlap: true,
  },
  header: {
    labelFontSize: 12,
    labelFontWeight: 'bold',
    labelColor: '#222222',
    titleFontSize: 12,
    titleFontWeight: 'normal',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    symbolStrokeWidth: 2,
  },
  title: {
    fontSize: 16,
    fontWeight: 'bold',
    anchor: 'start',
    color: '#111111',
    subtitleFontSize: 12,
    subtitleColor: '#555555',
    subtitlePadding: 4,
    offset: 14,
  },
  range: { category: [...PALETTE] },
  facet: { spacing: 14 },
  concat: { spacing: 14 },
};

/** Options every plot accepts. */
export interface CommonPlotOptions {
  /** Plot title (each plot has a sensible default). */
  title?: string;
  /** Line under the title; each plot explains its marks here by default. Pass '' to drop it. */
  subtitle?: string;
  /** Width of one panel in pixels. */
  width?: number;
  /** Height of one panel in pixels. */
  height?: number;
}

export function titleBlock(
  options: CommonPlotOptions,
  defaultTitle: string,
  defaultSubtitle: string,
): { text: string; subtitle?: string } {
  const subtitle = options.subtitle ?? defaultSubtitle;
  return subtitle === '' ? { text: options.title ?? defaultTitle } : { text: options.title ?? defaultTitle, subtitle };
}

/** Colours for `n` nominal values (cycling through the palette). */
export function paletteFor(n: number): string[] {
  return Array.from({ length: n }, (_, i) => PALETTE[i % PALETTE.length]);
}

/** Number of columns for a wrapped facet of `n` panels: about square, at most `max`. */
export function defaultColumns(n: number, max: number): number {
  return Math.max(1, Math.min(max, Math.ceil(Math.sqrt(n))));
}

/** A member of a vega-lite `layer` array (unit or nested layer spec). */
export type LayerMember = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
