/** saveFit(fit, dir): a Fit as a directory that loadFit turns back into the same Fit (format.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SpecError } from '@strata/core';
import type { FitData } from '../results/fit-data.js';
import { fitRecord } from '../results/fit-record.js';
import { writeFitCsv } from '../io/fit-csv.js';
import { SAVED_FIT_FORMAT, SAVED_FIT_VERSION, type SavedFitSidecar } from './format.js';

/** Rows x dimension of a chain's unconstrained draws as little-endian float64 bytes. */
export function float64LittleEndian(x: Float64Array): Buffer {
  const out = Buffer.alloc(x.length * 8);
  for (let i = 0; i < x.length; i++) out.writeDoubleLE(x[i], i * 8);
  return out;
}

/** Writes the directory (created if needed; files of an earlier save are overwritten) and returns its sidecar. */
export function saveFit(fit: FitData, dir: string): SavedFitSidecar {
  if (typeof dir !== 'string' || dir.trim() === '') throw new SpecError(`saveFit needs a directory path, got ${JSON.stringify(dir)}`, 'dir');
  mkdirSync(dir, { recursive: true });
  const record = fitRecord(fit.model, fit.run);
  const d = fit.model.dimension;
  const csvPaths = writeFitCsv(fit, join(dir, 'draws.csv'), { dataFile: 'model.json' });
  const chains = fit.run.chains.map((c, k) => {
    const unconstrained = `unconstrained_${k + 1}.f64`;
    // The common number of draws, as the Fit uses (an interrupted run's longer chains are cut).
    writeFileSync(join(dir, unconstrained), float64LittleEndian(c.draws.subarray(0, fit.iterations * d)));
    return {
      chain: c.chain,
      iterations: fit.iterations,
      stepSize: c.stepSize,
      metric: c.metric,
      inverseMetric: Array.from(c.inverseMetric),
      gradientEvaluations: c.gradientEvaluations,
      seconds: c.seconds,
      incomplete: c.incomplete,
      csv: basename(csvPaths[k]),
      unconstrained,
    };
  });
  const sidecar: SavedFitSidecar = {
    format: SAVED_FIT_FORMAT,
    version: SAVED_FIT_VERSION,
    versions: record.versions,
    seed: fit.seed,
    incomplete: fit.run.incomplete,
    maxTreeDepth: fit.maxTreeDepth,
    config: fit.run.config,
    dimension: d,
    parameterNames: fit.model.parameterNames,
    names: [...fit.names],
    dataHash: record.dataHash,
    model: 'model.json',
    chains,
  };
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(fit.model.toJSON())}\n`);
  writeFileSync(join(dir, 'fit.json'), `${JSON.stringify(sidecar, null, 1)}\n`);
  return sidecar;
}
