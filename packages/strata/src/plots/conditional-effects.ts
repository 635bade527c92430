/**
 * Conditional effects (brms conditional_effects): the posterior median of E[y] along a predictor with
 * its central band, one colour per value of a second variable; or, with spaghetti rows, one thin
 * line per posterior draw; a factor x gives points with interval bars. `points` (the observed data,
 * brms points = TRUE) are drawn over the bands, under the lines, in their curve's colour, `dodge` apart along x.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';
import { COLORS, SCHEMA, THEME, paletteFor, titleBlock } from './theme.js';
import type { CommonPlotOptions } from './theme.js';

export interface ConditionalEffectsInput {
  x: string;
  by: string | null;
  xKind: 'numeric' | 'factor';
  prob: number;
  rows: readonly { x: number | string; by: number | string | null; estimate: number; lower: number; upper: number }[];
  spaghetti?: readonly { draw: number; x: number | string; by: number | string | null; value: number }[];
  /** Observed rows to draw over the curves (conditionalEffectPoints): x, the curve's by value, y. */
  points?: readonly { x: number | string; by: number | string | null; y: number }[];
}

export interface ConditionalEffectsPlotOptions extends CommonPlotOptions {
  /** x axis title (default: the predictor's name). */
  xTitle?: string;
  /** y axis title (default 'E[y]'). */
  yTitle?: string;
  /** Numeric x: the k-th curve's points are shifted by (k - (K - 1) / 2) * dodge, so curves' points do not hide each other (default 0). */
  dodge?: number;
}

function byLabel(v: number | string | null): string {
  return v === null ? 'all' : typeof v === 'number' ? String(Number(v.toPrecision(4))) : v;
}

export function conditionalEffectsSpec(input: ConditionalEffectsInput, options: ConditionalEffectsPlotOptions = {}): TopLevelSpec {
  const groups = [...new Set(input.rows.map((r) => byLabel(r.by)))];
  const color = input.by === null ? { value: COLORS.main } : { field: 'by', type: 'nominal' as const, title: input.by, scale: { domain: groups, range: paletteFor(groups.length) }, sort: groups };
  const x = { field: 'x', type: input.xKind === 'numeric' ? ('quantitative' as const) : ('nominal' as const), title: options.xTitle ?? input.x, ...(input.xKind === 'numeric' && { scale: { nice: false } }) };
  const y = { type: 'quantitative' as const, title: options.yTitle ?? 'E[y]', scale: { zero: false } };
  const rows = input.rows.map((r) => ({ ...r, by: byLabel(r.by) }));
  const pct = Math.round(input.prob * 100);
  const layers: unknown[] = [];
  if (input.spaghetti && input.xKind === 'numeric') {
    layers.push({
      data: { values: input.spaghetti.map((r) => ({ ...r, by: byLabel(r.by), line: `${byLabel(r.by)}/${r.draw}` })) },
      mark: { type: 'line', strokeWidth: 0.6, opacity: 0.3 },
      encoding: { x, y: { ...y, field: 'value' }, color, detail: { field: 'line', type: 'nominal' } },
    });
  } else if (input.xKind === 'numeric') {
    layers.push({ data: { values: rows }, mark: { type: 'area', opacity: 0.25 }, encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color } });
  } else {
    layers.push({ data: { values: rows }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color, xOffset: input.by ? { field: 'by' } : undefined } });
  }
  if (input.points && input.points.length > 0) {
    const dodge = options.dodge ?? 0;
    if (!Number.isFinite(dodge)) throw new RangeError(`conditionalEffectsSpec: dodge must be a finite number, got ${dodge}`);
    const shift = (by: string) => (input.xKind === 'numeric' ? (groups.indexOf(by) - (groups.length - 1) / 2) * dodge : 0);
    const values = input.points.map((p) => {
      const by = byLabel(p.by);
      return { x: typeof p.x === 'number' ? p.x + shift(by) : p.x, by, y: p.y };
    });
    layers.push({
      data: { values },
      mark: { type: 'point', filled: true, size: 16, opacity: 0.55 },
      encoding: { x, y: { ...y, field: 'y' }, color, ...(input.xKind === 'factor' && input.by && { xOffset: { field: 'by' } }) },
    });
  }
  layers.push({
    data: { values: rows },
    mark: input.xKind === 'numeric' ? { type: 'line', strokeWidth: 2 } : { type: 'point', filled: true, size: 60 },
    encoding: { x, y: { ...y, field: 'estimate' }, color, ...(input.xKind === 'factor' && input.by && { xOffset: { field: 'by' } }) },
  });
  const what = (input.spaghetti ? 'one line per posterior draw, median in bold' : `posterior median with ${pct}% interval`) + (input.points?.length ? '; points: observed data' : '');
  return {
    $schema: SCHEMA,
    title: titleBlock(options, `Conditional effect of ${input.x}${input.by ? ` by ${input.by}` : ''}`, `${what}; other predictors at their means / reference levels`),
    width: options.width ?? 420,
    height: options.height ?? 260,
    layer: layers,
    config: THEME,
  } as TopLevelSpec;
}

export function conditionalEffectsSvg(input: ConditionalEffectsInput, options: ConditionalEffectsPlotOptions = {}): Promise<string> {
  return renderSvg(conditionalEffectsSpec(input, options));
}
