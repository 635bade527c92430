/**
 * `strata summary draws_1.csv ...`: posterior summary and sampler diagnostics of CmdStan CSV files;
 * `strata summary <dir>`: the full summary of a fit saved with saveFit (the same as Fit.summary()).
 */
import { statSync } from 'node:fs';
import { isSavedFitDir, loadFit, SavedFitError } from '../saved-fit/index.js';
import { readCmdStanCsv, type CmdStanCsvRead } from '../io/index.js';
import { assembleSummary, type FitSummary } from '../results/summary.js';
import type { SummaryArgs } from './args.js';
import { checkDrawsFileText, checkDrawsMethod } from './draws-file.js';
import { CliInputError, readTextFile } from './files.js';

function readDrawsFile(file: string): CmdStanCsvRead {
  const text = readTextFile(file, 'CmdStan CSV');
  checkDrawsFileText(text, file);
  try {
    const read = readCmdStanCsv(text, { source: file });
    checkDrawsMethod(read.metadata.config, file);
    return read;
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    throw new CliInputError(`${file}: ${(e as Error).message}`);
  }
}

/** The first n values of column j of a file's row-major draws. */
function column(f: CmdStanCsvRead, j: number, n: number): Float64Array {
  const k = f.names.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f.draws[i * k + j];
  return out;
}

/**
 * The summary of one chain per file, in the shape Fit.summary() gives. What a CmdStan CSV does not
 * record is NaN (null in JSON): gradient evaluations (the warmup's leapfrog steps are not in the
 * file) and the times when a file has no Elapsed Time block.
 */
export function summarizeCsvFiles(files: readonly CmdStanCsvRead[]): FitSummary {
  const meta = files.map((f) => f.metadata);
  const total = (x: (number | undefined)[]) => x.reduce<number>((s, v) => s + (v ?? NaN), 0);
  // R-hat and ESS need chains of one length; an interrupted run's chains stop at different points.
  const common = Math.min(...files.map((f) => f.nDraws));
  const unequal = files.some((f) => f.nDraws !== common);
  return assembleSummary({
    variables: files[0].names.map((name, j) => ({ name, chains: files.map((f) => column(f, j, common)) })),
    stats: files.map((f) => f.stats),
    ...(meta[0].maxDepth !== undefined && { maxTreedepth: meta[0].maxDepth }),
    run: {
      chains: files.length,
      warmup: meta[0].numWarmup ?? NaN,
      draws: common,
      gradEvals: NaN,
      warmupSeconds: total(meta.map((m) => m.warmupSeconds)),
      samplingSeconds: total(meta.map((m) => m.samplingSeconds)),
      stepSizes: meta.map((m) => m.stepSize ?? NaN),
      incomplete: files.some((f) => f.warnings.length > 0),
    },
    seed: meta[0].seed ?? null,
    ...(unequal && { drawsPerChain: files.map((f) => f.nDraws) }),
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The summary of a saved-fit directory, as the fit itself gives it. */
function savedFitSummary(dir: string): FitSummary {
  if (!isSavedFitDir(dir)) throw new CliInputError(`${dir} is a directory but not a saved fit (no fit.json); give CmdStan CSV files or a directory written by saveFit`);
  try {
    return loadFit(dir).summary();
  } catch (e) {
    if (e instanceof SavedFitError) throw new CliInputError(e.message);
    throw e;
  }
}

export function runSummaryCommand(args: SummaryArgs, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): number {
  if (args.files.length === 1 && isDirectory(args.files[0])) {
    const summary = savedFitSummary(args.files[0]);
    io.out.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summary.toString()}\n`);
    return 0;
  }
  const files = args.files.map(readDrawsFile);
  // A file with fewer rows than its header promises is an interrupted run (or a cut copy): say so.
  files.forEach((f, k) => {
    for (const w of f.warnings) io.err.write(`strata: warning: ${args.files[k]}: ${w}\n`);
  });
  const names = files[0].names;
  files.forEach((f, k) => {
    if (f.names.join('\u0000') !== names.join('\u0000')) throw new CliInputError(`${args.files[k]} has different columns than ${args.files[0]}`);
  });
  const common = Math.min(...files.map((f) => f.nDraws));
  if (files.some((f) => f.nDraws !== common)) {
    io.err.write(`strata: warning: the files hold ${files.map((f) => f.nDraws).join(', ')} draws; the summary uses the first ${common} of each\n`);
  }
  const summary = summarizeCsvFiles(files);
  io.out.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summary.toString()}\n`);
  return 0;
}
