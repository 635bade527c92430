/**
 * What a fit was: the spec, a hash of the data it saw, the seed, the sampler settings and the package
 * versions, so a result file can be traced back and rerun.
 */
import { packageVersions, runtimeVersions, sha256Hex } from '#platform';
import type { CompiledModel } from '@strata/core';
import type { RunResult } from '@strata/samplers';

export interface FitRecord {
  kind: 'strata.fit';
  spec: unknown;
  /** sha256 of the used data columns (after dropping rows with missing values), as JSON. */
  dataHash: string;
  nobs: number;
  seed: number;
  options: RunResult['config'] & { chains: number };
  versions: Record<string, string>;
  incomplete: boolean;
}

export function fitRecord(model: CompiledModel, run: RunResult): FitRecord {
  const json = model.toJSON();
  return {
    kind: 'strata.fit',
    spec: json.spec,
    dataHash: sha256Hex(JSON.stringify(json.data)),
    nobs: model.nobs,
    seed: run.seed,
    options: { ...run.config, chains: run.chains.length },
    versions: { ...packageVersions(), ...runtimeVersions() },
    incomplete: run.incomplete,
  };
}
