/**
 * The saved-fit directory (saveFit / loadFit), format version 1:
 *
 *   fit.json                 this sidecar: format, version, package versions, seed, sampler settings,
 *                            per-chain adaptation and counts, the layout's names, the data hash, files
 *   model.json               the compiled model's JSON form (spec + used data columns, core's ModelJSON)
 *   draws.csv | draws_<k>.csv  CmdStan CSV per chain (constrained draws with brms names, sampler stats),
 *                            readable by rstan / cmdstanr / `strata summary draws_*.csv`
 *   unconstrained_<k>.f64    the chain's unconstrained draws, little-endian float64, iterations x dimension
 *
 * Why the binary file: loo, predictions and the Cholesky factors of new-level effects are computed
 * from the unconstrained draws, and the CSV holds constrained values, from which the unconstrained
 * ones cannot be recovered bit for bit (log(exp(x)) is not always x). The CSV numbers are written in
 * the shortest form that reads back to the same double, so the CSV is exact too: loadFit recomputes
 * the constrained draws from the unconstrained ones and refuses a directory whose CSV disagrees.
 */
import type { ChainConfig, MetricKind } from '@strata/samplers';

export const SAVED_FIT_FORMAT = 'strata.saved-fit';
export const SAVED_FIT_VERSION = 1;

export interface SavedChain {
  chain: number;
  /** Kept draws saved (rows of the CSV and of the binary file). */
  iterations: number;
  stepSize: number;
  metric: MetricKind;
  inverseMetric: number[];
  gradientEvaluations: { warmup: number; sampling: number };
  seconds: { warmup: number; sampling: number };
  incomplete: boolean;
  csv: string;
  unconstrained: string;
}

export interface SavedFitSidecar {
  format: typeof SAVED_FIT_FORMAT;
  version: number;
  /** Package versions that wrote it (@strata/* and node). */
  versions: Record<string, string>;
  seed: number;
  incomplete: boolean;
  maxTreeDepth: number;
  config: ChainConfig;
  dimension: number;
  /** Unconstrained coordinate names and constrained (brms) names, to check the model rebuilds the same layout. */
  parameterNames: string[];
  names: string[];
  /** sha256 of the used data (fit-record.ts), checked after rebuilding the model. */
  dataHash: string;
  model: string;
  chains: SavedChain[];
}
