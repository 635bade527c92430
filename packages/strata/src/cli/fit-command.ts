/** `strata fit`: compile, sample, print the summary, then write the draws CSV and the summary JSON. */
import { writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { basename } from 'node:path';
import { compile } from '@strata/core';
import { sampleModel } from '../fit.js';
import { writeFitCsv } from '../io/fit-csv.js';
import type { FitArgs } from './args.js';
import { checkWritable, CliInputError, readJsonFile, readTextFile } from './files.js';

export async function runFitCommand(args: FitArgs, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const spec = readJsonFile(args.model, 'model spec');
  const data = readTextFile(args.data, 'data');
  // Everything that can be wrong with the input fails here, before sampling and before any file is written.
  const model = compile(spec, data);
  checkDrawStorage(args, model.dimension);
  if (args.output) checkWritable(args.output, 'draws CSV');
  if (args.summary) checkWritable(args.summary, 'summary JSON');
  if (model.dropped.count > 0) io.err.write(`strata: dropped ${model.dropped.count} rows with missing values (na = "drop")\n`);

  const fit = await sampleModel(model, {
    chains: args.chains,
    warmup: args.warmup,
    draws: args.draws,
    seed: args.seed,
    ...(args.parallel !== undefined && { parallel: args.parallel }),
    ...(args.adaptDelta !== undefined && { adaptDelta: args.adaptDelta }),
    ...(args.maxTreeDepth !== undefined && { maxTreeDepth: args.maxTreeDepth }),
    ...(args.quiet && { progressBar: false }),
  });
  const summary = fit.summary();
  if (!args.quiet) io.out.write(`${summary.toString()}\n`);

  if (args.output) {
    const paths = writeFitCsv(fit, args.output, { modelName: basename(args.model).replace(/\.json$/, ''), dataFile: args.data });
    if (!args.quiet) io.err.write(`strata: wrote ${paths.join(', ')}\n`);
  }
  // The summary's toJSON is the documented shape (results/summary.ts), the same `strata summary --json` writes.
  if (args.summary) writeFileSync(args.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return 0;
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
