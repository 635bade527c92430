/**
 * Plots of what a Fit says about the data: the posterior predictive check, shrinkage, fitted
 * trajectories per group and conditional effects, each returning the vega-lite spec and its SVG.
 */
import { ppcSpec, type PpcPlotOptions } from '../plots/ppc.js';
import { shrinkageSpec, type ShrinkageInput, type ShrinkagePlotOptions } from '../plots/shrinkage.js';
import { spaghettiSpec, type GroupTrajectory, type SpaghettiPlotOptions } from '../plots/spaghetti.js';
import { conditionalEffectsSpec, type ConditionalEffectsPlotOptions } from '../plots/conditional-effects.js';
import { SpecError } from '@strata/core';
import type { FitData } from '../results/fit-data.js';
import { posteriorEpred, posteriorPredict } from '../results/posterior-draws.js';
import { shrinkage } from '../results/shrinkage.js';
import { conditionalEffectPoints, conditionalEffects, predictorColumns, type ConditionalEffects, type ConditionalEffectsOptions } from '../results/conditional-effects.js';
import { fitPlot, type FitPlot } from './fit-draws.js';

/** Density of y over those of `nDraws` replicated data sets (posteriorPredict with the fit's seed, or `seed`). */
export function plotPpc(fit: FitData, options: PpcPlotOptions & { seed?: number } = {}): Promise<FitPlot> {
  const { seed, ...plot } = options;
  const n = Math.min(plot.nDraws ?? 50, fit.totalDraws);
  const pp = posteriorPredict(fit, undefined, { draws: n, ...(seed !== undefined && { seed }) });
  const yrep = Array.from({ length: pp.S }, (_, s) => pp.draws.subarray(s * pp.N, (s + 1) * pp.N));
  return fitPlot(ppcSpec({ y: fit.model.response.y, yrep }, { ...plot, nDraws: n }));
}

/** No pooling -> partial pooling per level, one panel per coefficient of the grouping factor (default: the first). */
export function plotShrinkage(fit: FitData, options: ShrinkagePlotOptions & { group?: string } = {}): Promise<FitPlot> {
  const { group, ...plot } = options;
  const result = shrinkage(fit);
  const name = group ?? Object.keys(result)[0];
  const rows = result[name];
  if (!rows) throw new SpecError(`plotShrinkage: no grouping factor "${name}"; factors: ${Object.keys(result).join(', ')}`, 'options.group');
  const coefs = [...new Set(rows.map((r) => r.coef))];
  const inputs: ShrinkageInput[] = coefs.map((coef) => {
    const mine = rows.filter((r) => r.coef === coef && r.noPooling !== null);
    return { parameter: `${name}: ${coef}`, populationMean: mine[0]?.population ?? 0, levels: mine.map((r) => ({ group: r.level, noPooling: r.noPooling!, partialPooling: r.partialPooling })) };
  });
  return fitPlot(shrinkageSpec(inputs.length === 1 ? inputs[0] : inputs, { title: `Shrinkage of ${name} effects`, ...plot }));
}

export interface TrajectoryOptions extends SpaghettiPlotOptions {
  /** The predictor along which each group's curve is drawn (e.g. 'Days'). */
  x: string;
  /** The grouping column (default: the first group term's). */
  group?: string;
  /** Which levels to draw (default all, in order of appearance). */
  levels?: readonly string[];
  /** Points per curve between the level's smallest and largest observed x (default 20). */
  resolution?: number;
  /** Posterior draws to use (default all). */
  draws?: number;
}

/**
 * Each group level's fitted curve E[y | x] with its own effects (posteriorEpred, groups 'observed')
 * over the level's observed x range, the other predictors at the level's first row, and its data.
 */
export function trajectories(fit: FitData, options: TrajectoryOptions): GroupTrajectory[] {
  const data = fit.model.toJSON().data;
  const group = options.group ?? fit.model.layout.groups[0]?.design.grouping[0];
  if (!group || !data[group]) throw new SpecError(`trajectories: the model has no grouping column "${group ?? ''}"`, 'options.group');
  if (!data[options.x]) throw new SpecError(`trajectories: no predictor "${options.x}"`, 'options.x');
  const yName = fit.model.structure.response.column;
  const others = predictorColumns(fit).filter((c) => c !== options.x && c !== group);
  const resolution = options.resolution ?? 20;
  const levels = options.levels ?? [...new Set(data[group].map(String))];
  const rowsOf = (level: string) => data[group].flatMap((g, i) => (String(g) === level ? [i] : []));
  const newdata: Record<string, number | string>[] = [];
  const grids = levels.map((level) => {
    const rows = rowsOf(level);
    if (rows.length === 0) throw new SpecError(`trajectories: "${group}" has no level "${level}"`, 'options.levels');
    const xs = rows.map((i) => Number(data[options.x][i]));
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    const grid = Array.from({ length: resolution }, (_, k) => lo + ((hi - lo) * k) / (resolution - 1));
    for (const x of grid) newdata.push({ ...Object.fromEntries(others.map((c) => [c, data[c][rows[0]]])), [group]: level, [options.x]: x });
    return { level, grid, rows, xs };
  });
  const epred = posteriorEpred(fit, newdata, options.draws !== undefined ? { draws: options.draws } : {});
  let offset = 0;
  return grids.map(({ level, grid, rows, xs }) => {
    const at = offset;
    offset += grid.length;
    const draws = Array.from({ length: epred.S }, (_, s) => epred.draws.subarray(s * epred.N + at, s * epred.N + at + grid.length));
    return { group: level, x: grid, draws, observed: { x: xs, y: rows.map((i) => Number(data[yName][i])) } };
  });
}

export function plotTrajectories(fit: FitData, options: TrajectoryOptions): Promise<FitPlot> {
  const { x, group, levels, resolution, draws, ...plot } = options;
  const groups = trajectories(fit, { x, ...(group !== undefined && { group }), ...(levels !== undefined && { levels }), ...(resolution !== undefined && { resolution }), ...(draws !== undefined && { draws }) });
  const legendTitle = group ?? fit.model.layout.groups[0]?.design.grouping[0];
  return fitPlot(spaghettiSpec(groups, { xTitle: x, yTitle: fit.model.structure.response.column, ...(legendTitle !== undefined && { legendTitle }), ...plot }));
}

/** conditionalEffects(fit, effect, options) drawn (or an already computed result); `points: true` adds the observed data (brms points = TRUE). */
export function plotConditionalEffects(
  fit: FitData,
  effect: string | ConditionalEffects,
  options: ConditionalEffectsOptions & ConditionalEffectsPlotOptions & { points?: boolean } = {},
): Promise<FitPlot> {
  const { title, subtitle, width, height, xTitle, yTitle, dodge, points, ...ce } = options;
  const result = typeof effect === 'string' ? conditionalEffects(fit, effect, ce) : effect;
  const plot = { ...(title !== undefined && { title }), ...(subtitle !== undefined && { subtitle }), ...(width !== undefined && { width }), ...(height !== undefined && { height }), ...(xTitle !== undefined && { xTitle }), ...(dodge !== undefined && { dodge }) };
  if (points && ce.dpar !== undefined) throw new SpecError(`points: true draws the observed response, which is not on the scale of dpar ${JSON.stringify(ce.dpar)}`, 'options.points');
  const input = points ? { ...result, points: conditionalEffectPoints(fit, result) } : result;
  return fitPlot(conditionalEffectsSpec(input, { yTitle: yTitle ?? (ce.dpar ?? `E[${fit.model.structure.response.column}]`), ...plot }));
}
