/**
 * loadFit(dir): the Fit that saveFit wrote, answering every question (summary, predictions, loo,
 * coef, ...) with the same numbers: the model is rebuilt from its JSON form, the run from the
 * unconstrained draws (binary, exact) and the sampler stats of the CmdStan CSVs (exact decimal text).
 * A directory of another format version is refused with a message naming both versions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFromJSON, type CompiledModel } from '@strata/core';
import type { ChainResult, RunResult, SamplerStats } from '@strata/samplers';
import { Fit } from '../results/fit-result.js';
import { fitRecord } from '../results/fit-record.js';
import { readCmdStanCsvFiles, type CmdStanCsvRead } from '../io/index.js';
import { SAVED_FIT_FORMAT, SAVED_FIT_VERSION, type SavedChain, type SavedFitSidecar } from './format.js';

/** A directory that is not a saved fit, of another format version, or inconsistent; names the file. */
export class SavedFitError extends Error {
  readonly code = 'SAVED_FIT';
  constructor(message: string) {
    super(message);
    this.name = 'SavedFitError';
  }
}

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) throw new SavedFitError(`${path}: missing (${what}); is this a directory written by saveFit?`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SavedFitError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** The sidecar, checked for its format and version before anything else is read. */
export function readSidecar(dir: string): SavedFitSidecar {
  const path = join(dir, 'fit.json');
  const j = readJson(path, 'the saved fit sidecar') as Partial<SavedFitSidecar> | null;
  if (typeof j !== 'object' || j === null || j.format !== SAVED_FIT_FORMAT) throw new SavedFitError(`${path}: not a saved Strata fit (expected "format": "${SAVED_FIT_FORMAT}")`);
  if (j.version !== SAVED_FIT_VERSION) {
    const by = j.versions?.['@strata/strata'];
    throw new SavedFitError(
      `${path}: saved fit format version ${JSON.stringify(j.version)}${by ? ` (written by @strata/strata ${by})` : ''} cannot be read by this version, which reads format version ${SAVED_FIT_VERSION}; refit the model or load it with the version that saved it`,
    );
  }
  return j as SavedFitSidecar;
}

export function float64FromLittleEndian(bytes: Buffer): Float64Array {
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}

const INTEGER_STATS = new Set(['treedepth__', 'n_leapfrog__']);

function samplerStats(csv: CmdStanCsvRead, file: string): SamplerStats {
  const out: Record<string, Float64Array | Int32Array | Uint8Array> = {};
  for (const name of ['lp__', 'accept_stat__', 'stepsize__', 'treedepth__', 'n_leapfrog__', 'divergent__', 'energy__']) {
    const col = csv.stats[name];
    if (!col) throw new SavedFitError(`${file}: no ${name} column`);
    out[name] = name === 'divergent__' ? Uint8Array.from(col) : INTEGER_STATS.has(name) ? Int32Array.from(col) : Float64Array.from(col);
  }
  return out as unknown as SamplerStats;
}

function emptyStats(): SamplerStats {
  return {
    lp__: new Float64Array(0),
    accept_stat__: new Float64Array(0),
    stepsize__: new Float64Array(0),
    treedepth__: new Int32Array(0),
    n_leapfrog__: new Int32Array(0),
    divergent__: new Uint8Array(0),
    energy__: new Float64Array(0),
  };
}

function chainResult(dir: string, c: SavedChain, csv: CmdStanCsvRead, dimension: number): ChainResult {
  const path = join(dir, c.unconstrained);
  if (!existsSync(path)) throw new SavedFitError(`${path}: missing (the chain's unconstrained draws)`);
  const draws = float64FromLittleEndian(readFileSync(path));
  if (draws.length !== c.iterations * dimension) throw new SavedFitError(`${path}: holds ${draws.length} values, expected ${c.iterations} draws x ${dimension} parameters`);
  if (csv.nDraws !== c.iterations) throw new SavedFitError(`${join(dir, c.csv)}: ${csv.nDraws} draws, the sidecar says ${c.iterations}`);
  return {
    chain: c.chain,
    dimension,
    draws,
    stats: samplerStats(csv, join(dir, c.csv)),
    warmupDraws: new Float64Array(0),
    warmupStats: emptyStats(),
    stepSize: c.stepSize,
    metric: c.metric,
    inverseMetric: Float64Array.from(c.inverseMetric),
    gradientEvaluations: c.gradientEvaluations,
    seconds: c.seconds,
    incomplete: c.incomplete,
  };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkModel(dir: string, model: CompiledModel, side: SavedFitSidecar): void {
  if (model.dimension !== side.dimension || !sameNames(model.parameterNames, side.parameterNames) || !sameNames(model.constrainedNames, side.names)) {
    throw new SavedFitError(`${join(dir, side.model)}: the rebuilt model's parameters differ from those the fit was saved with`);
  }
}

/** The constrained draws the Fit recomputed must be the CSV's, value for value. */
function checkCsvDraws(dir: string, fit: Fit, csvs: CmdStanCsvRead[], side: SavedFitSidecar): void {
  csvs.forEach((csv, k) => {
    const mine = fit.constrained[k];
    const j = mine.findIndex((v, i) => !Object.is(v, csv.draws[i]));
    if (csv.draws.length !== mine.length || j >= 0) {
      throw new SavedFitError(`${join(dir, side.chains[k].csv)}: its draws differ from the unconstrained draws saved with them${j >= 0 ? ` (first at draw ${Math.floor(j / fit.names.length) + 1}, ${fit.names[j % fit.names.length]})` : ''}`);
    }
  });
}

export function loadFit(dir: string): Fit {
  const side = readSidecar(dir);
  const model = compileFromJSON(readJson(join(dir, side.model), 'the model'));
  checkModel(dir, model, side);
  const csvs = readCmdStanCsvFiles(side.chains.map((c) => join(dir, c.csv)));
  const run: RunResult = {
    chains: side.chains.map((c, k) => chainResult(dir, c, csvs[k], side.dimension)),
    seed: side.seed,
    incomplete: side.incomplete,
    config: side.config,
  };
  if (fitRecord(model, run).dataHash !== side.dataHash) throw new SavedFitError(`${join(dir, side.model)}: its data differ from those the fit was saved with (data hash)`);
  const fit = new Fit(model, run, { maxTreeDepth: side.maxTreeDepth });
  checkCsvDraws(dir, fit, csvs, side);
  return fit;
}

/** True when dir holds a saved fit's sidecar (for `strata summary <dir>`). */
export function isSavedFitDir(dir: string): boolean {
  return existsSync(join(dir, 'fit.json'));
}
