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

/** Writes one CmdStan CSV per chain (base_1.csv, ...; base.csv itself for one chain); returns the paths. */
export function writeFitCsv(fit: FitData, basePath: string, options: { modelName?: string; dataFile?: string } = {}): string[] {
  // Chain numbers follow the run asked for: chain 1 of a stopped 4-chain run is still draws_1.csv.
  const numbered = (fit.incomplete?.requestedChains ?? fit.chains) > 1;
  return writeCmdStanCsvFiles(basePath, fitToCmdStanInput(fit, options), { numbered });
}
