/**
 * `strata power | sbc | kfold | worker`: build the study from the files (every input checked before
 * any job runs), execute its jobs locally or on the queue, and write the combined result. Progress
 * goes to stderr as "jobs done/total"; the result depends only on the study, never on where its jobs ran.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { readCsv } from '@strata/core';
import { RUNNING_FROM_BUNDLE } from '@strata/samplers';
import { executeStudy, type Execution } from '../jobs/execute.js';
import { startQueueWorker } from '../jobs/queue.js';
import type { Study } from '../jobs/run-job.js';
import { combineKfold, studyFolds, type KfoldJobResult, type KfoldStudy } from '../kfold/study.js';
import { powerStudy, summarisePower, type PowerDesign, type PowerResult } from '../power/study.js';
import { rankUniformityTest } from '../sbc/chisq.js';
import { SBC_MODELS } from '../sbc/models.js';
import { sbcStudyModel, type SbcJobResult, type SbcStudy } from '../sbc/study.js';
import type { Columns, Design } from '../simulate/design.js';
import type { SimFitResult } from '../simulate/simfit.js';
import { checkWritable, CliInputError, readJsonFile, readTextFile } from './files.js';
import type { KfoldArgs, PowerArgs, SbcArgs, StudyArgs, WorkerArgs } from './study-args.js';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

async function execute(study: Study, args: { out?: string; queue?: string; workers?: number }, io: Io): Promise<Execution> {
  // Local runs resume from a checkpoint next to the output; the queue keeps results in Redis.
  const checkpoint = args.out && !args.queue ? `${args.out}.jobs` : undefined;
  const tty = (io.err as { isTTY?: boolean }).isTTY === true;
  const ex = await executeStudy(study, {
    ...(args.queue && { queue: args.queue }),
    ...(args.workers && { workers: args.workers }),
    ...(checkpoint && { checkpoint }),
    onProgress: (done, total, reused) => {
      if (done === reused && reused > 0) io.err.write(`strata: resuming, ${reused} of ${total} jobs already done\n`);
      io.err.write(`${tty ? '\r' : ''}strata: jobs ${done}/${total}${tty && done < total ? '' : '\n'}`);
    },
  });
  io.err.write(`strata: ran ${ex.ran} jobs, reused ${ex.reused}\n`);
  if (checkpoint && existsSync(checkpoint)) rmSync(checkpoint);
  return ex;
}

function writeResult(args: { out?: string }, value: unknown, io: Io): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, text);
  else io.out.write(text);
}

function powerTable(r: PowerResult): string {
  const keys = Object.keys(r.cells[0].label);
  const head = [...keys, ...r.decisions.map((d) => `power[${d}] (mcse)`)];
  const rows = r.cells.map((c) => [...keys.map((k) => String(c.label[k])), ...r.decisions.map((d) => `${c.power[d].power.toFixed(3)} (${c.power[d].mcse.toFixed(3)})`)]);
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  return [head, ...rows].map((row) => row.map((x, j) => x.padStart(w[j])).join('  ')).join('\n');
}

async function runPower(args: PowerArgs, io: Io): Promise<number> {
  const study = powerStudy(readJsonFile(args.design, 'power design') as PowerDesign, args.reps, args.seed);
  if (args.out) checkWritable(args.out, 'power result');
  if (args.plot) checkWritable(args.plot, 'power curve SVG');
  const ex = await execute(study, args, io);
  const result = summarisePower(study, ex.results as SimFitResult[]);
  writeResult(args, result, io);
  if (args.out) io.out.write(`${powerTable(result)}\n`);
  if (args.plot) {
    // Plots need vega, which the CLI bundle leaves out: the plot module is its own bundle (or the source).
    const plotModule = RUNNING_FROM_BUNDLE ? new URL('./power-plot.mjs', import.meta.url) : new URL('../power/plot.ts', import.meta.url);
    const { powerCurveSvg } = (await import(plotModule.href)) as typeof import('../power/plot.js');
    writeFileSync(args.plot, await powerCurveSvg(result));
  }
  return 0;
}

/** The most bins (of L + 1 possible ranks) that keep at least 5 expected replications in each. */
function sbcBins(L: number, reps: number): number {
  for (const b of [20, 10, 5, 4, 2]) if ((L + 1) % b === 0 && reps / b >= 5) return b;
  return 2;
}

async function runSbcCommand(args: SbcArgs, io: Io): Promise<number> {
  const fit = { chains: args.chains, warmup: args.warmup, draws: args.draws };
  const base = { kind: 'sbc' as const, reps: args.reps, seed: args.seed, L: args.ranks, fit };
  let study: SbcStudy;
  if (args.model in SBC_MODELS) study = { ...base, preset: args.model as keyof typeof SBC_MODELS };
  else {
    if (!args.design) throw new CliInputError('sbc of a model spec needs --design design.json (the data to simulate over)');
    const file = readJsonFile(args.design, 'SBC design') as Design & { design?: Design; simulatePriors?: SbcStudy['simulatePriors']; parameters?: string[] };
    const design = file.design ?? file;
    study = {
      ...base,
      spec: readJsonFile(args.model, 'model spec') as SbcStudy['spec'],
      design,
      ...(file.simulatePriors && { simulatePriors: file.simulatePriors }),
      ...(file.parameters && { parameters: file.parameters }),
    };
  }
  if (args.chains * args.draws < args.ranks) throw new CliInputError(`--ranks ${args.ranks} needs at least that many draws (--chains x --draws is ${args.chains * args.draws})`);
  const model = sbcStudyModel(study); // checks the spec, design and priors before any job
  if (args.out) checkWritable(args.out, 'SBC result');
  const ex = await execute(study, args, io);
  const reps = ex.results as SbcJobResult[];
  const bins = sbcBins(args.ranks, args.reps);
  const parameters = Object.fromEntries(
    model.parameters.map((p) => {
      const ranks = reps.map((r) => r.ranks[p]);
      const t = rankUniformityTest(ranks, args.ranks, bins);
      return [p, { pValue: t.pValue, statistic: t.statistic, df: t.df, counts: t.counts, ranks }];
    }),
  );
  writeResult(args, { model: model.name, L: args.ranks, reps: args.reps, seed: args.seed, bins, parameters }, io);
  if (args.out) for (const [p, v] of Object.entries(parameters)) io.out.write(`${p.padEnd(28)} chi-square ${v.statistic.toFixed(1)} on ${v.df} df, p = ${v.pValue.toPrecision(2)}\n`);
  return 0;
}

/** CSV cells as JSON-able columns: numeric text becomes numbers, missing cells null. */
function csvColumns(text: string): Columns {
  const raw = readCsv(text);
  const out: Columns = {};
  for (const name of raw.names) {
    const cells = raw.cells.get(name)!;
    const numeric = cells.every((c) => c === null || (typeof c === 'string' && c.trim() !== '' && Number.isFinite(Number(c))) || typeof c === 'number');
    out[name] = cells.map((c) => (c === null ? null : numeric ? Number(c) : String(c))) as (number | string)[];
  }
  return out;
}

async function runKfold(args: KfoldArgs, io: Io): Promise<number> {
  const study: KfoldStudy = {
    kind: 'kfold',
    spec: readJsonFile(args.model, 'model spec'),
    data: csvColumns(readTextFile(args.data, 'data')),
    K: args.folds,
    ...(args.group !== undefined && { group: args.group }),
    seed: args.seed,
    fit: { chains: args.chains, warmup: args.warmup, draws: args.draws },
  };
  studyFolds(study); // fold errors (K, group column) before any job
  if (args.out) checkWritable(args.out, 'K-fold result');
  const ex = await execute(study, args, io);
  const result = combineKfold(study, ex.results as KfoldJobResult[]);
  writeResult(args, result, io);
  if (args.out) io.out.write(`elpd_kfold ${result.elpd_kfold.toFixed(2)} (SE ${result.se.toFixed(2)}), ${args.folds} folds${args.group ? ` grouped by ${args.group}` : ''}\n`);
  return 0;
}

async function runWorker(args: WorkerArgs, io: Io): Promise<number> {
  const worker = await startQueueWorker({
    url: args.queue,
    ...(args.concurrency !== undefined && { concurrency: args.concurrency }),
    lockMs: Math.round(args.lockSeconds * 1000),
    log: (line) => io.err.write(`strata worker: ${line}\n`),
  });
  io.err.write(`strata worker: ready on ${args.queue}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await worker.stop();
  return 0;
}

export function runStudyCommand(args: StudyArgs, io: Io): Promise<number> {
  switch (args.command) {
    case 'power':
      return runPower(args, io);
    case 'sbc':
      return runSbcCommand(args, io);
    case 'kfold':
      return runKfold(args, io);
    case 'worker':
      return runWorker(args, io);
  }
}
