/** A Fit as CmdStan CSV input: constrained draws with brms names, the sampler's stats and adaptation. */
import type { CompiledModel } from '@strata/core';
import type { ChainConfig } from '@strata/samplers';
import type { FitData } from '../results/fit-data.js';
import type { CmdStanChainStream } from './cmdstan-csv-stream.js';
import type { CmdStanRunInput } from './cmdstan-csv-write.js';
import { writeCmdStanCsvFiles, type CmdStanCsvInput } from './index.js';

export interface FitCsvOptions {
  modelName?: string;
  dataFile?: string;
}

/**
 * The settings of a run as the CSV header writes them, from the model and the run's config (fit.run.config,
 * or plannedRunConfig before the run, for a file written as the draws arrive).
 */
export function runCsvInput(model: CompiledModel, config: ChainConfig, options: FitCsvOptions = {}): CmdStanRunInput {
  return {
    names: model.constrainedNames,
    model: options.modelName ?? 'strata_model',
    seed: config.seed,
    numWarmup: config.warmup,
    numSamples: config.draws,
    thin: config.thin,
    adaptDelta: config.adaptDelta,
    maxDepth: config.algorithm.kind === 'nuts' ? config.algorithm.maxTreeDepth : 0,
    metric: config.metric === 'dense' ? 'dense_e' : 'diag_e',
    init: config.initRadius,
    ...(options.dataFile !== undefined && { dataFile: options.dataFile }),
    extraConfig: { strata_formula: model.spec.formula, strata_family: model.family.name },
  };
}

export function fitToCmdStanInput(fit: FitData, options: FitCsvOptions = {}): CmdStanCsvInput {
  return {
    ...runCsvInput(fit.model, fit.run.config, options),
    // A stopped run's chains keep their own numbers and every draw they hold (results/incomplete.ts).
    chains: fit.run.chains.map((c, k) => ({
      chainId: c.chain + 1,
      ...(c.incomplete && { incomplete: true }),
      draws: fit.constrained[k],
      stats: c.stats,
      stepSize: c.stepSize,
      invMetric: c.inverseMetric,
      warmupSeconds: c.seconds.warmup,
      samplingSeconds: c.seconds.sampling,
    })),
  };
}

/**
 * Writes one CmdStan CSV per chain (base_1.csv, ...; base.csv itself for one chain); returns the paths.
 * A chain whose file was streamed as its draws arrived (`streams`, by path) is finished from that file.
 */
export function writeFitCsv(fit: FitData, basePath: string, options: FitCsvOptions & { streams?: ReadonlyMap<string, CmdStanChainStream> } = {}): string[] {
  // Chain numbers follow the run asked for: chain 1 of a stopped 4-chain run is still draws_1.csv.
  const numbered = (fit.incomplete?.requestedChains ?? fit.chains) > 1;
  const { streams, ...csv } = options;
  return writeCmdStanCsvFiles(basePath, fitToCmdStanInput(fit, csv), { numbered, ...(streams && { streams }) });
}
