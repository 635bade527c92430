/**
 * fit(spec, data, options): compile the model, run NUTS chains (in worker threads when parallel > 1),
 * and wrap the draws in a Fit that answers the questions users came for.
 */
import { availableParallelism } from 'node:os';
import { compile, type CompiledModel, type RawTable, type TableInput } from '@strata/core';
import { runChains, type RunOptions, type RunResult } from '@strata/samplers';
import { Fit } from './results/fit-result.js';
import { modelSource } from './model-source.js';

export interface FitOptions {
  /** Number of chains (default 4). */
  chains?: number;
  /** Warmup iterations per chain (default 1000). */
  warmup?: number;
  /** Kept iterations per chain (default 1000). */
  draws?: number;
  /** Seed for reproducible draws (default: random, reported in the Fit). */
  seed?: number;
  /** Worker threads (default: number of cores, at most chains); 1 runs in this thread. */
  parallel?: number;
  /** Target acceptance statistic of step-size adaptation (default 0.8). */
  adaptDelta?: number;
  /** NUTS maximum tree depth (default 10). */
  maxTreeDepth?: number;
  /** 'diag' (default) or 'dense' metric. */
  metric?: 'diag' | 'dense';
  /** Random inits uniform(-initRadius, initRadius) on the unconstrained scale (default 2). */
  initRadius?: number;
  /** Keep every thin-th draw (default 1). */
  thin?: number;
  /** Progress bars on an interactive terminal (default true there, never in CI). */
  progressBar?: boolean;
  /** Called as iterations complete. */
  onProgress?: RunOptions['onProgress'];
  /** Stop early: the Fit holds the draws so far and is marked incomplete. */
  signal?: AbortSignal;
}

/** Compiles and samples. Throws the core's typed errors for a bad spec or bad data before any sampling. */
export async function fit(spec: unknown, data: TableInput | RawTable, options: FitOptions = {}): Promise<Fit> {
  const model = compile(spec, data);
  return sampleModel(model, options);
}

/** Samples an already compiled model. */
export async function sampleModel(model: CompiledModel, options: FitOptions = {}): Promise<Fit> {
  const chains = options.chains ?? 4;
  const parallel = options.parallel ?? Math.max(1, Math.min(chains, availableParallelism()));
  const runOptions: RunOptions = {
    chains,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    parallel,
    parameterNames: model.parameterNames,
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.adaptDelta !== undefined && { adaptDelta: options.adaptDelta }),
    ...(options.maxTreeDepth !== undefined && { maxTreeDepth: options.maxTreeDepth }),
    ...(options.metric !== undefined && { metric: options.metric }),
    ...(options.initRadius !== undefined && { initRadius: options.initRadius }),
    ...(options.thin !== undefined && { thin: options.thin }),
    ...(options.progressBar !== undefined && { progressBar: options.progressBar }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(options.signal !== undefined && { signal: options.signal }),
  };
  const target = parallel > 1 ? modelSource(model) : model;
  const run: RunResult = await runChains(target, runOptions);
  return new Fit(model, run, { maxTreeDepth: options.maxTreeDepth ?? 10 });
}
