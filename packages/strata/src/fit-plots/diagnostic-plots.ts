/**
 * Sampler and posterior plots straight from a Fit: trace, rank, density and pairs plots of its main
 * parameters (or `variables`), each returning the vega-lite spec and its SVG.
 */
import { traceSpec, type TracePlotOptions } from '../plots/trace.js';
import { rankSpec, type RankPlotOptions } from '../plots/rank.js';
import { densitySpec, type DensityPlotOptions } from '../plots/density.js';
import { pairsSpec, type PairsPlotOptions } from '../plots/pairs.js';
import type { FitData } from '../results/fit-data.js';
import { divergentDraws, drawsOf, fitPlot, mainVariables, type FitPlot } from './fit-draws.js';

function chosen(fit: FitData, variables: readonly string[] | undefined, max = 8): readonly string[] {
  return variables ?? mainVariables(fit, max);
}

/** Trace plot; iterations numbered after the warmup. */
export function plotTrace(fit: FitData, options: TracePlotOptions = {}): Promise<FitPlot> {
  const vars = chosen(fit, options.variables);
  return fitPlot(traceSpec(drawsOf(fit, vars), { firstIteration: (fit.run.config.warmup ?? 0) + 1, ...options, variables: vars }));
}

export function plotRank(fit: FitData, options: RankPlotOptions = {}): Promise<FitPlot> {
  const vars = chosen(fit, options.variables);
  return fitPlot(rankSpec(drawsOf(fit, vars), { ...options, variables: vars }));
}

export function plotDensity(fit: FitData, options: DensityPlotOptions = {}): Promise<FitPlot> {
  const vars = chosen(fit, options.variables);
  return fitPlot(densitySpec(drawsOf(fit, vars), { ...options, variables: vars }));
}

/** Pairs plot of (by default) the first 4 main parameters, divergent transitions marked. */
export function plotPairs(fit: FitData, options: Omit<PairsPlotOptions, 'divergent'> = {}): Promise<FitPlot> {
  const vars = chosen(fit, options.variables, 4);
  return fitPlot(pairsSpec(drawsOf(fit, vars), { ...options, variables: vars, divergent: divergentDraws(fit) }));
}
