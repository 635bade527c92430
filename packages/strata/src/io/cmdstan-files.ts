/**
 * File helpers around cmdstan-csv-read.ts / cmdstan-csv-write.ts: one CSV per chain, named as CmdStan names them.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { CmdStanCsvError } from './cmdstan-csv-format.js';
import { readCmdStanCsv, type CmdStanCsvRead } from './cmdstan-csv-read.js';
import { cmdStanCsvPaths, writeCmdStanCsv, type CmdStanCsvInput } from './cmdstan-csv-write.js';

/**
 * Writes one CmdStan CSV per chain and returns the paths written, in chain order: a single chain
 * goes to basePath itself, several to `<base>_<chainId>.csv` (draws.csv -> draws_1.csv, draws_2.csv,
 * ...), ready for `rstan::read_stan_csv(c("draws_1.csv", ...))` or `cmdstanr::as_cmdstan_fit(...)`.
 */
export function writeCmdStanCsvFiles(basePath: string, input: CmdStanCsvInput): string[] {
  const paths = cmdStanCsvPaths(
    basePath,
    input.chains.map((c) => c.chainId),
  );
  // Render every chain before writing any file, so bad input leaves nothing half-written.
  const texts = paths.map((p, k) => writeCmdStanCsv({ ...input, outputFile: input.outputFile ?? basename(p) }, k));
  paths.forEach((p, k) => {
    try {
      writeFileSync(p, texts[k], 'utf8');
    } catch (e) {
      // Node's own message ("ENOENT: no such file or directory, open ...") names the path but not the cause in words.
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? `the folder ${dirname(p)} does not exist` : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new CmdStanCsvError(`cannot write: ${why}`, { file: p });
    }
  });
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
