/**
 * What a fit was: the spec, a hash of the data it saw, the seed, the sampler settings and the package
 * versions, so a result file can be traced back and rerun.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

function packageVersion(name: string): string {
  const dir = { '@strata/core': 'core', '@strata/samplers': 'samplers', '@strata/diagnostics': 'diagnostics', '@strata/strata': 'strata' }[name];
  try {
    return (JSON.parse(readFileSync(new URL(`../../../${dir}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function fitRecord(model: CompiledModel, run: RunResult): FitRecord {
  const json = model.toJSON();
  return {
    kind: 'strata.fit',
    spec: json.spec,
    dataHash: createHash('sha256').update(JSON.stringify(json.data)).digest('hex'),
    nobs: model.nobs,
    seed: run.seed,
    options: { ...run.config, chains: run.chains.length },
    versions: {
      ...Object.fromEntries(['@strata/core', '@strata/samplers', '@strata/diagnostics', '@strata/strata'].map((p) => [p, packageVersion(p)])),
      node: process.version,
    },
    incomplete: run.incomplete,
  };
}
