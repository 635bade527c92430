/** A Fit as CmdStan CSV input: constrained draws with brms names, the sampler's stats and adaptation. */
import type { FitData } from '../results/fit-data.js';
import { writeCmdStanCsvFiles, type CmdStanCsvInput } from './index.js';

export function fitToCmdStanInput(fit: FitData, options: { modelName?: string; dataFile?: string } = {}): CmdStanCsvInput {
  const config = fit.run.config;
  return {
    names: fit.names,
    model: options.modelName ?? 'strata_model',
    seed: fit.seed,
    numWarmup: config.warmup,
    numSamples: config.draws,
    thin: config.thin,
    adaptDelta: config.adaptDelta,
    maxDepth: config.algorithm.kind === 'nuts' ? config.algorithm.maxTreeDepth : 0,
    metric: config.metric === 'dense' ? 'dense_e' : 'diag_e',
    init: config.initRadius,
    ...(options.dataFile !== undefined && { dataFile: options.dataFile }),
    extraConfig: { strata_formula: fit.model.spec.formula, strata_family: fit.model.family.name },
    chains: fit.run.chains.map((c, k) => ({
      chainId: k + 1,
      draws: fit.constrained[k],
      stats: c.stats,
      stepSize: c.stepSize,
      invMetric: c.inverseMetric,
      warmupSeconds: c.seconds.warmup,
      samplingSeconds: c.seconds.sampling,
    })),
  };
}

/** Writes one CmdStan CSV per chain (base_1.csv, ...; base.csv itself for one chain); returns the paths. */
export function writeFitCsv(fit: FitData, basePath: string, options: { modelName?: string; dataFile?: string } = {}): string[] {
  return writeCmdStanCsvFiles(basePath, fitToCmdStanInput(fit, options));
}
