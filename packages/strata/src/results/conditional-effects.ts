/**
 * brms conditional_effects(): E[y | theta, x] (posteriorEpred) along one predictor ("Days"), or along
 * one predictor per value of a second ("age:Sex"), with every other predictor held at its training
 * mean (numeric) or reference level (factor, the first level), unless `conditions` gives it a value.
 * As brms: group-level effects left out (groups 'none', re_formula = NA) unless asked for; the
 * estimate is the median over draws and the band the central 95% interval; a numeric x runs over
 * `resolution` points (default 100) from its training min to max, a factor over its levels; a numeric
 * second variable takes mean - sd, mean, mean + sd, or the values `intConditions` gives it (brms
int_conditions). Linear and nonlinear models alike (the stage-1
 * expression's covariates are predictors too). Binomial rows are evaluated with 1 trial (the
 * probability scale). `spaghetti` also returns the curves of individual draws.
 */
import { newDataColumns, SpecError, type Table } from '@strata/core';
import { closestName } from '../fit-options.js';
import { mean, quantileOfSorted, sd, sortedCopy } from '../stats.js';
import type { FitData } from './fit-data.js';
import { posteriorEpred, type GroupMode } from './posterior-draws.js';
import { checkResultOptions } from './result-options.js';

export type CellValue = number | string;

export interface ConditionalEffectsOptions {
  /** Values of other predictors (or grouping columns, with groups other than 'none'). */
  conditions?: Record<string, CellValue>;
  /** brms int_conditions: the values of the second variable of "x:by", e.g. { trt: [0, 1] } (default: its levels, or mean - sd, mean, mean + sd). */
  intConditions?: Record<string, readonly CellValue[]>;
  /** Curves of individual draws too: true = 100 draws, or this many (evenly spaced). */
  spaghetti?: boolean | number;
  /** Points along a numeric x (default 100). */
  resolution?: number;
  /** Central interval probability (default 0.95). */
  prob?: number;
  /** Default 'none' (brms re_formula = NA). */
  groups?: GroupMode;
  /** Draws to use (default all). */
  draws?: number;
  /** A family parameter (sigma, shape, ...) instead of E[y], as brms conditional_effects(dpar = ). */
  dpar?: string;
}

export interface ConditionalEffectRow {
  x: CellValue;
  /** Value of the second variable, or null for a single effect. */
  by: CellValue | null;
  estimate: number;
  lower: number;
  upper: number;
}

export interface EffectDrawRow {
  /** Pooled index of the posterior draw. */
  draw: number;
  x: CellValue;
  by: CellValue | null;
  value: number;
}

export interface ConditionalEffects {
  effect: string;
  x: string;
  by: string | null;
  /** Whether x is numeric (a curve) or a factor (points). */
  xKind: 'numeric' | 'factor';
  /** The values every other predictor was held at. */
  conditions: Record<string, CellValue>;
  prob: number;
  rows: ConditionalEffectRow[];
  spaghetti?: EffectDrawRow[];
}

/** Predictor columns of the model's mean (each linear predictor and the stage-1 covariates), in order of appearance. */
export function predictorColumns(fit: FitData): string[] {
  const s = fit.model.structure;
  const cols = [...s.predictors.flatMap((p) => newDataColumns(p.rhs, false)), ...(s.nonlinear ? s.nonlinear.model.covariates : [])];
  return [...new Set(cols)];
}

function column(table: Table, name: string, predictors: string[], effect: string) {
  const col = table.columns.get(name);
  if (!col || !predictors.includes(name)) {
    const hint = closestName(name, predictors);
    throw new SpecError(`conditionalEffects "${effect}": "${name}" is not a predictor of this model${hint ? ` (did you mean "${hint}"?)` : ''}; predictors: ${predictors.join(', ')}`, 'effect');
  }
  return col;
}

/** The value a predictor is held at: its mean (numeric) or its reference level (factor). */
export function typicalValue(table: Table, name: string): CellValue {
  const col = table.columns.get(name)!;
  return col.kind === 'numeric' ? mean(col.values) : col.levels[0];
}

function gridOf(table: Table, name: string, resolution: number): CellValue[] {
  const col = table.columns.get(name)!;
  if (col.kind === 'factor') return [...col.levels];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of col.values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return Array.from({ length: resolution }, (_, k) => (resolution === 1 ? lo : lo + ((hi - lo) * k) / (resolution - 1)));
}

/** brms's values of a second variable: its levels, or mean - sd, mean, mean + sd. */
function byValues(table: Table, name: string, given: Record<string, readonly CellValue[]> | undefined, effect: string): CellValue[] {
  const col = table.columns.get(name)!;
  for (const key of Object.keys(given ?? {})) {
    if (key !== name) throw new SpecError(`conditionalEffects "${effect}": intConditions gives values of "${key}", but only the second variable "${name}" takes them`, `options.intConditions.${key}`);
  }
  const values = given?.[name];
  if (values !== undefined) {
    const ok = Array.isArray(values) && values.length > 0 && values.every((v) => (col.kind === 'numeric' ? typeof v === 'number' && Number.isFinite(v) : col.levels.includes(String(v))));
    const want = col.kind === 'numeric' ? 'finite numbers' : `levels of "${name}" (${col.levels.join(', ')})`;
    if (!ok) throw new SpecError(`conditionalEffects "${effect}": intConditions.${name} must be a non-empty array of ${want}`, `options.intConditions.${name}`);
    return col.kind === 'numeric' ? [...values] : values.map(String);
  }
  if (col.kind === 'factor') return [...col.levels];
  const m = mean(col.values);
  const s = sd(col.values, m);
  return [m - s, m, m + s];
}

export function conditionalEffects(fit: FitData, effect: string, options: ConditionalEffectsOptions = {}): ConditionalEffects {
  checkResultOptions('conditionalEffects', options, { conditions: 'any', intConditions: 'any', spaghetti: 'any', resolution: 'number', prob: 'number', groups: 'any', draws: 'any', dpar: 'string' });
  if (typeof effect !== 'string' || effect.trim() === '') throw new SpecError('conditionalEffects needs an effect such as "Days" or "age:Sex"', 'effect');
  const parts = effect.split(':').map((p) => p.trim());
  if (parts.length > 2) throw new SpecError(`conditionalEffects "${effect}": one predictor or two ("x:by"), not ${parts.length}`, 'effect');
  const [x, by = null] = parts;
  const table = fit.model.structure.table;
  const predictors = predictorColumns(fit);
  const xCol = column(table, x, predictors, effect);
  if (by !== null) column(table, by, predictors, effect);
  else if (options.intConditions !== undefined) throw new SpecError(`conditionalEffects "${effect}": intConditions needs a second variable ("x:by")`, 'options.intConditions');
  const resolution = options.resolution ?? 100;
  if (!Number.isInteger(resolution) || resolution < 2) throw new SpecError(`resolution must be an integer >= 2, got ${resolution}`, 'options.resolution');
  const prob = options.prob ?? 0.95;
  if (!(prob > 0 && prob < 1)) throw new SpecError(`prob must lie in (0, 1), got ${prob}`, 'options.prob');

  const conditions: Record<string, CellValue> = {};
  for (const name of predictors) if (name !== x && name !== by) conditions[name] = typicalValue(table, name);
  for (const [name, value] of Object.entries(options.conditions ?? {})) {
    if (name === x || name === by) throw new SpecError(`conditionalEffects "${effect}": conditions cannot fix "${name}", the effect's own variable`, `options.conditions.${name}`);
    conditions[name] = value;
  }
  const trials = fit.model.structure.response.trials;
  if (typeof trials === 'string') conditions[trials] = 1; // per trial: the probability scale

  const xs = gridOf(table, x, resolution);
  const bys: (CellValue | null)[] = by === null ? [null] : byValues(table, by, options.intConditions, effect);
  const cells = bys.flatMap((b) => xs.map((v) => ({ x: v, by: b })));
  const newdata = cells.map((c) => ({ ...conditions, [x]: c.x, ...(by !== null && { [by]: c.by as CellValue }) }));
  const epred = posteriorEpred(fit, newdata, { groups: options.groups ?? 'none', ...(options.draws !== undefined && { draws: options.draws }), ...(options.dpar !== undefined && { dpar: options.dpar }) });
  const { S, N, draws } = epred;
  const col = new Float64Array(S);
  const rows = cells.map((c, i) => {
    for (let s = 0; s < S; s++) col[s] = draws[s * N + i];
    const sorted = sortedCopy(col);
    return { ...c, estimate: quantileOfSorted(sorted, 0.5), lower: quantileOfSorted(sorted, (1 - prob) / 2), upper: quantileOfSorted(sorted, (1 + prob) / 2) };
  });
  const out: ConditionalEffects = { effect, x, by, xKind: xCol.kind, conditions, prob, rows };
  if (options.spaghetti) {
    const count = Math.min(S, options.spaghetti === true ? 100 : options.spaghetti);
    if (!Number.isInteger(count) || count < 1) throw new SpecError(`spaghetti must be true or a number of draws >= 1, got ${String(options.spaghetti)}`, 'options.spaghetti');
    out.spaghetti = [];
    for (let k = 0; k < count; k++) {
      const d = Math.floor((k * S) / count);
      cells.forEach((c, i) => out.spaghetti!.push({ draw: epred.drawIndex[d], x: c.x, by: c.by, value: draws[d * N + i] }));
    }
  }
  return out;
}

/** One observed row drawn over a conditional effect: its x, the curve it belongs to and its response. */
export interface EffectPoint {
  x: CellValue;
  by: CellValue | null;
  y: number;
}

/**
 * The training data behind a conditional effect (brms plot(..., points = TRUE)): each row's x and
 * response, assigned to a curve as brms does: a factor second variable by its level (rows of a level
 * not shown are left out), a numeric one to the nearest of the curves' values.
 */
export function conditionalEffectPoints(fit: FitData, ce: Pick<ConditionalEffects, 'x' | 'by' | 'rows'>): EffectPoint[] {
  const { table, y } = fit.model.structure;
  const cell = (name: string, i: number): CellValue => {
    const col = table.columns.get(name)!;
    return col.kind === 'numeric' ? col.values[i] : col.levels[col.codes[i]];
  };
  const curves = [...new Set(ce.rows.map((r) => r.by))];
  const curveOf = (i: number): CellValue | null | undefined => {
    if (ce.by === null) return null;
    const v = cell(ce.by, i);
    if (typeof v === 'string') return curves.includes(v) ? v : undefined;
    let best: CellValue | null = null;
    for (const c of curves) if (best === null || Math.abs((c as number) - v) < Math.abs((best as number) - v)) best = c;
    return best;
  };
  const out: EffectPoint[] = [];
  for (let i = 0; i < table.nrow; i++) {
    const by = curveOf(i);
    if (by !== undefined && Number.isFinite(y[i])) out.push({ x: cell(ce.x, i), by, y: y[i] });
  }
  return out;
}
