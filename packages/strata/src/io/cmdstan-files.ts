/**
 * File helpers around cmdstan-csv-read.ts / cmdstan-csv-write.ts: one CSV per chain, named as CmdStan names them.
 */

import { readFileSync } from 'node:fs';
import { CmdStanCsvError } from './cmdstan-csv-format.js';
import { readCmdStanCsv, type CmdStanCsvRead } from './cmdstan-csv-read.js';
import { chainFileInput, type CmdStanChainStream } from './cmdstan-csv-stream.js';
import { checkCmdStanCsvInput, cmdStanCsvPaths, writeCmdStanCsv, type CmdStanCsvInput } from './cmdstan-csv-write.js';
import { describeWriteError, writeFileWhole } from './whole-file-write.js';

/**
 * Writes one CmdStan CSV per chain and returns the paths written, in chain order: a single chain
 * goes to basePath itself, several to `<base>_<chainId>.csv` (draws.csv -> draws_1.csv, draws_2.csv,
 * ...), ready for `rstan::read_stan_csv(c("draws_1.csv", ...))` or `cmdstanr::as_cmdstan_fit(...)`.
 */
export function writeCmdStanCsvFiles(
  basePath: string,
  input: CmdStanCsvInput,
  options: { numbered?: boolean; streams?: ReadonlyMap<string, CmdStanChainStream> } = {},
): string[] {
  const paths = cmdStanCsvPaths(
    basePath,
    input.chains.map((c) => c.chainId),
    options.numbered,
  );
  // Check every chain before writing any file, so bad input leaves nothing half-written.
  checkCmdStanCsvInput(input);
  // Each file whole or not at all (whole-file-write.ts); one failing file does not stop the others.
  // A chain streamed as its draws arrived (cmdstan-csv-stream.ts) is finished from its file.
  let failure: { file: string; why: string } | null = null;
  let written = 0;
  paths.forEach((p, k) => {
    try {
      if (options.streams?.get(p)?.finish(input, k) !== true) writeFileWhole(p, writeCmdStanCsv(chainFileInput(input, p), k));
      written++;
    } catch (e) {
      failure ??= { file: p, why: describeWriteError(e, p) };
    }
  });
  if (failure !== null) {
    const { file, why } = failure as { file: string; why: string };
    const tally = paths.length > 1 ? ` (wrote ${written} of ${paths.length} files)` : '';
    throw new CmdStanCsvError(`cannot write: ${why}${tally}`, { file });
  }
  return paths;
}

/**
 * Reads CmdStan CSV files (one chain each, e.g. draws_1.csv ... or CmdStan's output_1.csv ...) and
 * checks that they hold the same variables. Errors name the file and line.
 */
export function readCmdStanCsvFiles(paths: readonly string[]): CmdStanCsvRead[] {
  if (paths.length === 0) throw new CmdStanCsvError('no CSV files given');
  const chains = paths.map((p) => {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (e) {
      throw new CmdStanCsvError(`cannot read: ${(e as Error).message}`, { file: p });
    }
    return readCmdStanCsv(text, { source: p });
  });
  const first = chains[0];
  chains.forEach((c, k) => {
    if (k === 0) return;
    if (c.columns.length !== first.columns.length || c.columns.some((x, j) => x !== first.columns[j])) {
      throw new CmdStanCsvError(`its columns differ from those of ${paths[0]}`, { file: paths[k] });
    }
    if (c.names.some((x, j) => x !== first.names[j])) {
      throw new CmdStanCsvError(`its parameter names differ from those of ${paths[0]}`, { file: paths[k] });
    }
  });
  return chains;
}
