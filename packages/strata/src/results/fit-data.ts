/**
 * A fit as data: the compiled model (spec, layout, names), the sampler's run (draws, stats,
 * adaptation, timings, seed) and the constrained draws per chain. Every answer about a fit (summary,
 * estimates, icc, shrinkage, predict, loo, ...) is a function of a FitData in its own module;
 * fit-result.ts attaches them to the Fit class as methods. This module imports nothing of results/.
 */
import type { CompiledModel } from '@strata/core';
import type { RunResult } from '@strata/samplers';
import { keepDraws, type IncompleteRun } from './incomplete.js';

export interface FitData {
  readonly model: CompiledModel;
  readonly run: RunResult;
  /** Names of the constrained quantities (brms names), the columns of `constrained`. */
  readonly names: readonly string[];
  readonly seed: number;
  readonly chains: number;
  /** Kept draws per chain. */
  readonly iterations: number;
  /** chains x iterations. */
  readonly totalDraws: number;
  /** Per chain: its draws x names.length, row-major (at least `iterations` rows; more in a stopped run). */
  readonly constrained: readonly Float64Array[];
  /** The tree-depth limit the run used (for the tree-depth diagnostic). */
  readonly maxTreeDepth: number;
  /** For a run stopped early: what each chain holds (incomplete.ts); null for a finished run. */
  readonly incomplete: IncompleteRun | null;
}

/**
 * The constrained draws of a run and what they are. A stopped run's chains differ in length: each
 * keeps all its draws (`constrained`, the CSV); `iterations`, and every summary, use the common part.
 */
export function createFitData(model: CompiledModel, fullRun: RunResult, options: { maxTreeDepth: number }): FitData {
  const d = model.dimension;
  const { run, incomplete } = keepDraws(fullRun, d);
  const iterations = Math.min(...run.chains.map((c) => c.draws.length / d));
  const names = model.constrainedNames;
  const constrained = run.chains.map((c) => constrainDraws(model, c.draws));
  const chains = run.chains.length;
  return { model, run, names, seed: run.seed, chains, iterations, totalDraws: chains * iterations, constrained, maxTreeDepth: options.maxTreeDepth, incomplete };
}

/** Rows of unconstrained draws (dimension per row) to the constrained quantities (constrainedNames per row). */
export function constrainDraws(model: CompiledModel, draws: Float64Array): Float64Array {
  const d = model.dimension;
  const k = model.constrainedNames.length;
  const n = draws.length / d;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) model.constrain(draws.subarray(i * d, (i + 1) * d), out.subarray(i * k, (i + 1) * k));
  return out;
}

const columnIndex = new WeakMap<readonly string[], Map<string, number>>();

/** Column of a constrained quantity in `fit.constrained`, or undefined. */
export function columnOf(fit: FitData, name: string): number | undefined {
  let index = columnIndex.get(fit.names);
  if (!index) {
    index = new Map(fit.names.map((n, i) => [n, i]));
    columnIndex.set(fit.names, index);
  }
  return index.get(name);
}

/** Draws of one constrained quantity, one Float64Array per chain. */
export function variableDraws(fit: FitData, name: string): Float64Array[] {
  const j = columnOf(fit, name);
  if (j === undefined) throw new RangeError(`no variable "${name}" in this fit; variables start with ${fit.names.slice(0, 6).join(', ')}, ...`);
  const k = fit.names.length;
  return fit.constrained.map((c) => {
    const out = new Float64Array(fit.iterations);
    for (let i = 0; i < fit.iterations; i++) out[i] = c[i * k + j];
    return out;
  });
}

/** All draws of one quantity pooled over chains (chain-major). */
export function pooledDraws(fit: FitData, name: string): Float64Array {
  const parts = variableDraws(fit, name);
  const out = new Float64Array(parts.length * fit.iterations);
  parts.forEach((p, c) => out.set(p, c * fit.iterations));
  return out;
}

/** Unconstrained draw s (pooled index, chain-major), as a view into the run's storage. */
export function unconstrainedDraw(fit: FitData, s: number): Float64Array {
  const d = fit.model.dimension;
  const c = Math.floor(s / fit.iterations);
  const i = s % fit.iterations;
  return fit.run.chains[c].draws.subarray(i * d, (i + 1) * d);
}

/** Constrained values of pooled draw s (chain-major), as a view into the fit's storage. */
export function constrainedDraw(fit: FitData, s: number): Float64Array {
  const k = fit.names.length;
  const c = Math.floor(s / fit.iterations);
  const i = s % fit.iterations;
  return fit.constrained[c].subarray(i * k, (i + 1) * k);
}
