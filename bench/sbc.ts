/**
 * Simulation-based calibration (Talts et al. 2018) of the hierarchical models in SBC_MODELS: `pnpm sbc`.
 *
 *   pnpm sbc [--reps 200] [--models random_intercept,random_slope,logistic_growth,id_block_growth,sigma_dpar] [--seed 20261124]
 *            [--jobs 2] [--fit-parallel 1] [--bins 20] [--out bench/out/sbc] [--quick]
 *
 * Each replication draws the parameters from the prior and a data set from the model, fits it with
 * 4 chains x (500 warmup + 250 draws) (doubling the draws, at most twice, while the smallest bulk ESS
 * is under L + 1 = 100), thins to L = 99 draws and records the rank of each true value. Replications
 * run in `--jobs` child processes at once (each fit in its process, `parallel: 1`); `--jobs 1
 * --fit-parallel 2` runs them one after another with fit(..., { parallel: 2 }) instead (slower for
 * models this small: each fit then starts two worker threads). Replication i always uses the same
 * seeds, so results do not depend on --jobs.
 *
 * Writes <out>/<model>/<parameter>.svg (rank histograms), <out>/<model>.json (ranks and per-replication
 * records), <out>/summary.json, and prints a table: per parameter the chi-square test of uniform ranks
 * (--bins bins) with its p-value.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { renderSvg, writeSvg } from '@strata/strata';
import {
  SBC_MODELS,
  rankUniformityTest,
  runSbc,
  sbcHistogramSpec,
  type SbcReplication,
} from '../packages/strata/src/sbc/index.js';

type ModelName = keyof typeof SBC_MODELS;

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const has = (name: string) => argv.includes(`--${name}`);
const quick = has('quick');
const reps = Number(flag('reps') ?? (quick ? 40 : 200));
const seed = Number(flag('seed') ?? 20261124);
const jobs = Number(flag('jobs') ?? 2);
const fitParallel = Number(flag('fit-parallel') ?? 1);
const bins = Number(flag('bins') ?? 20);
const L = 99;
const FIT = { chains: 4, warmup: 500, draws: 250, maxDoublings: 2 };
const models = (flag('models') ?? Object.keys(SBC_MODELS).join(',')).split(',') as ModelName[];
for (const m of models) if (!(m in SBC_MODELS)) throw new Error(`unknown SBC model ${m}; known: ${Object.keys(SBC_MODELS).join(', ')}`);
const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = flag('out') ?? `${root}bench/out/sbc`;

/** Child process: run the replications k, k + jobs, ... of one model, one JSON line each. */
async function worker(): Promise<void> {
  const model = SBC_MODELS[flag('model') as ModelName]();
  const shard = Number(flag('shard'));
  const indices: number[] = [];
  for (let i = shard; i < reps; i += jobs) indices.push(i);
  await runSbc(model, {
    replications: indices,
    seed,
    L,
    ...FIT,
    parallel: fitParallel,
    onReplication: (rep) => process.stdout.write(`${JSON.stringify(rep)}\n`),
  });
}

function runShard(model: ModelName, shard: number, onRep: (r: SbcReplication) => void): Promise<void> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', '--model', model, '--shard', String(shard), '--jobs', String(jobs), '--reps', String(reps), '--seed', String(seed), '--fit-parallel', String(fitParallel)];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) onRep(JSON.parse(line) as SbcReplication);
  });
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`SBC shard ${shard} of ${model} exited with ${code}`)))));
}

const fileName = (p: string) => p.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const load0 = loadavg();
  console.log(`SBC: ${reps} replications per model, L = ${L}, ${bins} bins, fits of ${FIT.chains} x (${FIT.warmup} + ${FIT.draws}) (draws doubled up to ${FIT.maxDoublings}x while min bulk ESS < ${L + 1}), ${jobs} process(es) x fit parallel ${fitParallel}; seed ${seed}`);
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, node ${process.version}; load average ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  const summary: Record<string, unknown>[] = [];
  const table: string[][] = [['model', 'parameter', 'reps', 'chi2', 'df', 'p', 'min bin', 'max bin', 'verdict']];
  for (const name of models) {
    const model = SBC_MODELS[name]();
    const t0 = performance.now();
    const reps_: SbcReplication[] = [];
    let done = 0;
    const progress = (r: SbcReplication) => {
      reps_.push(r);
      if (++done % 10 === 0 || done === reps) process.stderr.write(`\r${name}: ${done}/${reps} replications`);
    };
    if (jobs > 1) await Promise.all(Array.from({ length: jobs }, (_, k) => runShard(name, k, progress)));
    else await runSbc(model, { replications: reps, seed, L, ...FIT, parallel: fitParallel, onReplication: progress });
    process.stderr.write('\n');
    const seconds = (performance.now() - t0) / 1000;
    reps_.sort((a, b) => a.index - b.index);
    const params: Record<string, unknown>[] = [];
    for (const p of model.parameters) {
      const ranks = reps_.map((r) => r.ranks[p]);
      const test = rankUniformityTest(ranks, L, bins);
      const verdict = test.pValue < 0.001 ? 'FAIL (p < 0.001)' : test.pValue < 0.01 ? 'check (p < 0.01)' : 'ok';
      params.push({ parameter: p, statistic: test.statistic, df: test.df, pValue: test.pValue, counts: test.counts, verdict });
      table.push([name, p, String(ranks.length), test.statistic.toFixed(1), String(test.df), test.pValue.toPrecision(2), String(Math.min(...test.counts)), String(Math.max(...test.counts)), verdict]);
      await writeSvg(`${outDir}/${name}/${fileName(p)}.svg`, await renderSvg(sbcHistogramSpec(p, ranks, L, { bins, title: `SBC ranks: ${p} (${name})` })));
    }
    const record = {
      model: name,
      description: model.description,
      spec: model.spec,
      replications: reps_.length,
      seconds,
      divergent: reps_.reduce((s, r) => s + r.divergent, 0),
      replicationsWithDivergences: reps_.filter((r) => r.divergent > 0).length,
      replicationsDoubled: reps_.filter((r) => r.drawsPerChain > FIT.draws).length,
      medianMinEssBulk: median(reps_.map((r) => r.minEssBulk)),
      lowEssReplications: reps_.filter((r) => r.minEssBulk < L + 1).length,
      parameters: params,
    };
    summary.push(record);
    writeFileSync(`${outDir}/${name}.json`, `${JSON.stringify({ ...record, ranks: Object.fromEntries(model.parameters.map((p) => [p, reps_.map((r) => r.ranks[p])])), replicationRecords: reps_ }, null, 1)}\n`);
    console.log(
      `${name}: ${reps_.length} replications in ${seconds.toFixed(0)} s; divergences ${record.divergent} (in ${record.replicationsWithDivergences} replications); ` +
        `draws doubled in ${record.replicationsDoubled}; median min bulk ESS ${record.medianMinEssBulk.toFixed(0)}, ${record.lowEssReplications} replications still under ${L + 1}`,
    );
  }
  const load1 = loadavg();
  writeFileSync(`${outDir}/summary.json`, `${JSON.stringify({ reps, L, bins, seed, fit: FIT, jobs, fitParallel, loadAverage: { start: load0, end: load1 }, node: process.version, models: summary }, null, 1)}\n`);
  const widths = table[0].map((_, j) => Math.max(...table.map((r) => r[j].length)));
  console.log('');
  for (const row of table) console.log(row.map((c, j) => (j >= 2 && j <= 7 ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  '));
  console.log(`\nload average at the end ${load1.map((x) => x.toFixed(2)).join(' ')}; histograms and ranks in ${outDir}`);
  const fails = summary.flatMap((m) => (m.parameters as { verdict: string; parameter: string }[]).filter((p) => p.verdict.startsWith('FAIL')).map((p) => `${m.model as string}/${p.parameter}`));
  if (fails.length) console.log(`NOT UNIFORM (p < 0.001): ${fails.join(', ')}`);
}

if (has('worker')) await worker();
else await main();
