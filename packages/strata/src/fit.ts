/**
 * fit(spec, data, options): compile the model, run NUTS chains (in worker threads when parallel > 1),
 * and wrap the draws in a Fit that answers the questions users came for.
 */
import { availableCores } from '#platform';
import { compile, compileFromJSON, type CompiledModel, type RawTable, type TableInput } from '@strata/core';
import { planRun, RUNNING_FROM_BUNDLE, runChains, type ChainConfig, type RunOptions, type RunResult } from '@strata/samplers';
import { constrainedBatches } from './draw-batches.js';
import { Fit } from './results/fit-result.js';
import { modelSource } from './model-source.js';
import { findInitFailure, modelInitError } from './init-failure.js';
import { checkFitOptions, type FitOptions } from './fit-options.js';
import { randomSeed } from './seed.js';
import { userInits } from './user-init.js';
import { samplingUnits, toModelScale, toSamplingScale } from './rescale/sampling-units.js';
import { rescaledDensity, runToModelScale } from './rescale/rescaled-density.js';

export type { FitOptions, FitDrawBatch } from './fit-options.js';

/** Compiles and samples. Throws the core's typed errors for a bad spec or bad data before any sampling. */
export async function fit(spec: unknown, data: TableInput | RawTable, options: FitOptions = {}): Promise<Fit> {
  checkFitOptions(options); // before compiling, so a typo fails fast
  const model = compile(spec, data, { priorOnly: options.priorOnly === true });
  return sampleModel(model, options);
}

/** Samples an already compiled model. */
export async function sampleModel(compiled: CompiledModel, options: FitOptions = {}): Promise<Fit> {
  checkFitOptions(options);
  // priorOnly asks for the model without its likelihood: the same spec and data, compiled so.
  const model = options.priorOnly !== undefined && options.priorOnly !== compiled.priorOnly ? compileFromJSON({ ...compiled.toJSON(), priorOnly: options.priorOnly || undefined }) : compiled;
  const chains = options.chains ?? 4;
  const { runOptions, parallel } = runOptionsFor(model, options);
  // Data far from scale 1: sample in prior units, an exact reparameterisation (rescale/); null otherwise.
  const units = samplingUnits(model);
  if (options.onDraws) runOptions.onDraws = constrainedBatches(model, units, options.onDraws);
  if (options.init !== undefined) {
    const inits = userInits(model, options.init, chains, runOptions.seed as number, options.initRadius ?? 2);
    runOptions.inits = units ? inits.map((theta) => toSamplingScale(units, theta)) : inits;
  }
  const target = parallel > 1 ? modelSource(model, units, options.workerUrl) : units ? rescaledDensity(model, units) : model;
  let run: RunResult;
  try {
    run = await runChains(target, runOptions);
  } catch (error) {
    // No starting point: a problem with the model or data, reported as such (not as a crash).
    const failure = findInitFailure(error);
    if (failure) {
      if (units && failure.lastPosition) toModelScale(units, failure.lastPosition);
      throw modelInitError(model, failure);
    }
    throw error;
  }
  if (units) runToModelScale(run, units);
  return new Fit(model, run, { maxTreeDepth: options.maxTreeDepth ?? 10 });
}

/** The sampler's options for sampleModel(model, options), but the inits and onDraws (which need the sampling units). */
function runOptionsFor(model: CompiledModel, options: FitOptions): { runOptions: RunOptions; parallel: number } {
  const chains = options.chains ?? 4;
  const iterations = (options.warmup ?? 1000) + (options.draws ?? 1000);
  const parallel = options.parallel ?? defaultParallel(model, chains, iterations);
  const runOptions: RunOptions = {
    chains,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    parallel,
    parameterNames: model.parameterNames,
    seed: options.seed ?? randomSeed(),
    ...(options.adaptDelta !== undefined && { adaptDelta: options.adaptDelta }),
    ...(options.maxTreeDepth !== undefined && { maxTreeDepth: options.maxTreeDepth }),
    ...(options.metric !== undefined && { metric: options.metric }),
    ...(options.initRadius !== undefined && { initRadius: options.initRadius }),
    ...(options.thin !== undefined && { thin: options.thin }),
    ...(options.progressBar !== undefined && { progressBar: options.progressBar }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(options.signal !== undefined && { signal: options.signal }),
  };
  return { runOptions, parallel };
}

/**
 * The validated settings sampleModel(model, options) runs with (fit.run.config), known before the
 * run: for what is written before it ends (the CLI's CSV headers). options.seed must be given, or
 * the seed here is not the run's.
 */
export function plannedRunConfig(model: CompiledModel, options: FitOptions & { seed: number }): ChainConfig {
  checkFitOptions(options);
  return planRun(runOptionsFor(model, options).runOptions, false).config;
}

/**
 * Seconds a worker thread takes to start and rebuild the model, measured as the time from fit() to a
 * worker chain's first progress report (sleepstudy, 2 chains on 2 cores, bench/child.ts parallel):
 * from the bundles (`pnpm -s strata`, dist/worker.mjs) about 0.3 s (0.1 s to load the worker bundle,
 * the rest rebuilding the model and a cold JIT); from source, where the worker loads TypeScript
 * through tsx, 1.2-2.7 s.
 */
const WORKER_STARTUP_SECONDS = RUNNING_FROM_BUNDLE ? 0.3 : 2;
/**
 * A static cost model of one chain, from measurements on the reference models (docs/validation.md):
 * about 4 ns per observation and 20 ns per parameter for a gradient, about 30 gradients per NUTS
 * iteration, and a gradient inside the sampler costing about 2 times the density alone. Static, so
 * the choice does not depend on timing noise (the draws are the same either way; only the wall time
 * differs). Misjudging costs little: with workers this thread still runs chains from the start, and
 * a worker joins only once it is up.
 */
const NS_PER_OBSERVATION = 4;
const NS_PER_PARAMETER = 20;
const GRADIENTS_PER_ITERATION = 30;
const SAMPLER_OVERHEAD = 2;

/** Workers pay off only when a chain outlasts their start-up; otherwise run in this thread. */
function defaultParallel(model: CompiledModel, chains: number, iterations: number): number {
  const cores = availableCores();
  if (cores < 2 || chains < 2) return 1;
  const gradientSeconds = (model.nobs * NS_PER_OBSERVATION + model.dimension * NS_PER_PARAMETER) * 1e-9;
  const chainSeconds = gradientSeconds * iterations * GRADIENTS_PER_ITERATION * SAMPLER_OVERHEAD;
  return chainSeconds < WORKER_STARTUP_SECONDS ? 1 : Math.min(chains, cores);
}
