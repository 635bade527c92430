/**
 * `strata fit`: compile, check every output, sample, print the summary, then write the draws CSV and
 * the summary JSON. Each chain's CSV is written as its draws arrive, under a temporary name, and renamed
 * when whole (draw-streams.ts); the summary JSON is written whole (whole-file-write.ts). Ctrl-C /
 * SIGTERM stop the chains and what they hold is written, marked incomplete (interrupt.ts); a write
 * that fails is a one-line error (exit 1) after everything else that could be written is.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { totalmem } from 'node:os';
import { basename } from 'node:path';
import { compile, type CompiledModel } from '@strata/core';
import { plannedRunConfig, sampleModel, type FitOptions } from '../fit.js';
import { checkCsvNames, describeWriteError, writeFileWhole } from '../io/index.js';
import { runCsvInput, writeFitCsv } from '../io/fit-csv.js';
import type { Fit } from '../results/fit-result.js';
import { randomSeed } from '../seed.js';
import { extremeScaleWarning, samplingUnits } from '../rescale/sampling-units.js';
import type { FitArgs } from './args.js';
import { openDrawStreams } from './draw-streams.js';
import { CliInputError, readJsonFile, readTextFile } from './files.js';
import { SIGNAL_EXIT, watchInterruptions, type StopSignal } from './interrupt.js';
import { planOutputs, type OutputPlan } from './output-paths.js';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

export async function runFitCommand(args: FitArgs, io: Io): Promise<number> {
  const spec = readJsonFile(args.model, 'model spec');
  const init = args.init !== undefined ? (readJsonFile(args.init, 'init') as FitOptions['init']) : undefined;
  const data = readTextFile(args.data, 'data');
  // Everything that can be wrong with the input or the outputs fails here, before sampling.
  const model = compile(spec, data);
  checkWrittenNames(model);
  checkDrawStorage(args, model.dimension);
  const outputs = planOutputs(args);
  if (model.dropped.count > 0) io.err.write(`strata: dropped ${model.dropped.count} rows with missing values (na = "drop")\n`);
  const units = samplingUnits(model);
  if (units) io.err.write(`strata: warning: ${extremeScaleWarning(model, units)}\n`);
  const seed = args.seed ?? randomSeed();
  // Not with --quiet (the CSV header and the summary JSON record it anyway), so bad input stays one line.
  if (args.seed === undefined && !args.quiet) io.err.write(`strata: seed ${seed} (drawn at random; --seed ${seed} repeats this run)\n`);

  const fitOptions: FitOptions & { seed: number } = {
    chains: args.chains,
    warmup: args.warmup,
    draws: args.draws,
    seed,
    ...(args.parallel !== undefined && { parallel: args.parallel }),
    ...(args.adaptDelta !== undefined && { adaptDelta: args.adaptDelta }),
    ...(args.maxTreeDepth !== undefined && { maxTreeDepth: args.maxTreeDepth }),
    ...(init !== undefined && { init }),
    ...(args.quiet && { progressBar: false }),
  };
  const csvOptions = { modelName: basename(args.model).replace(/\.json$/, ''), dataFile: args.data };
  // Each chain's CSV is written as its draws arrive, under its temporary name (draw-streams.ts).
  const streams = args.output ? openDrawStreams(outputs.draws, runCsvInput(model, plannedRunConfig(model, fitOptions), csvOptions)) : null;
  const interruption = watchInterruptions(() => {});
  try {
    const fit = await sampleModel(model, { ...fitOptions, signal: interruption.signal, ...(streams && { onDraws: streams.onDraws }) });
    const stopped = interruption.received();
    const summary = fit.summary();
    if (!args.quiet && !stopped) io.out.write(`${summary.toString()}\n`);
    const { written, failures } = writeOutputs(fit, summary, args, outputs, { ...csvOptions, ...(streams && { streams: streams.byPath }) });
    if (failures.length > 0) {
      const more = failures.length > 1 ? ` (and ${failures.length - 1} more failed write${failures.length > 2 ? 's' : ''})` : '';
      const saved = written.length > 0 ? `; wrote ${written.join(', ')}` : '';
      io.err.write(`strata: ${failures[0]}${more}${saved}\n`);
      return 1;
    }
    if (stopped) {
      io.err.write(`strata: ${interruptedLine(fit, stopped, written)}\n`);
      return SIGNAL_EXIT[stopped];
    }
    if (!args.quiet && written.length > 0) io.err.write(`strata: wrote ${written.join(', ')}\n`);
    return 0;
  } finally {
    // Streams of chains the Fit leaves out (no draws), or of a run that failed: their temporary files go.
    streams?.discardAll();
    interruption.dispose();
  }
}

/** A group label or column name with a line break cannot be written; say so before sampling, not after. */
function checkWrittenNames(model: CompiledModel): void {
  try {
    checkCsvNames(model.constrainedNames);
  } catch (e) {
    const bad = model.constrainedNames.find((n) => /[\r\n]/.test(n));
    if (bad === undefined) throw new CliInputError((e as Error).message);
    const label = /^r_(.+?)\[([\s\S]*),[^,\]]+\]$/.exec(bad);
    const what = label ? `the level ${JSON.stringify(label[2])} of group ${label[1]}` : `the parameter name ${JSON.stringify(bad)}`;
    throw new CliInputError(`${what} contains a line break, which the output files cannot hold; remove it from the data`);
  }
}


/** Writes the draws and the summary, each independently of the other's failure. */
function writeOutputs(
  fit: Fit,
  summary: ReturnType<Fit['summary']>,
  args: FitArgs,
  outputs: OutputPlan,
  csv: Parameters<typeof writeFitCsv>[2],
): { written: string[]; failures: string[] } {
  const written: string[] = [];
  const failures: string[] = [];
  if (args.output) {
    try {
      written.push(...writeFitCsv(fit, args.output, csv));
    } catch (e) {
      failures.push((e as Error).message);
    }
    // Files this run would have replaced but has no draws for (chains that never started), and with
    // --overwrite the chain files of an earlier, larger run: gone, so no old draws pass for this run's.
    const leftovers = [...outputs.draws.filter((p) => !written.includes(p) && failures.length === 0), ...(args.overwrite ? outputs.stale : [])];
    for (const p of leftovers) if (existsSync(p)) unlinkSync(p);
  }
  if (outputs.summary) {
    try {
      // The summary's toJSON is the documented shape (results/summary.ts), the same `strata summary --json` writes.
      writeFileWhole(outputs.summary, `${JSON.stringify(summary, null, 2)}\n`);
      written.push(outputs.summary);
    } catch (e) {
      failures.push(`cannot write summary JSON "${outputs.summary}": ${describeWriteError(e, outputs.summary)}`);
    }
  }
  return { written, failures };
}

function interruptedLine(fit: Fit, signal: StopSignal, written: string[]): string {
  const info = fit.incomplete;
  const held = info ? `${info.drawsPerChain.join(', ')} of ${info.requestedDraws} draws per chain` : 'every draw (the run had finished)';
  const files = written.length > 0 ? `; wrote ${written.join(', ')}${info ? ' (marked incomplete)' : ''}` : '; nothing written (no --output or --summary)';
  return `interrupted by ${signal}: kept ${held}${files}`;
}

/**
 * The kept draws are held in memory (draws x parameters doubles per chain); a request that cannot fit
 * would otherwise end in an engine error ("Invalid typed array length") after warmup.
 */
function checkDrawStorage(args: FitArgs, dimension: number): void {
  const perChain = args.draws * dimension;
  const bytes = perChain * 8 * args.chains;
  const limit = Math.min(totalmem(), 2 ** 32 * 8 * args.chains);
  if (bytes > limit) {
    const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GB`;
    throw new CliInputError(`--draws ${args.draws} with --chains ${args.chains} would hold ${gb(bytes)} of draws (${dimension} parameters), more than the ${gb(limit)} available; use fewer draws`);
  }
}
