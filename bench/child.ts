/**
 * The measurements `pnpm bench` (bench/run.ts) runs in child processes, each in a fresh process so
 * that one model's JIT state or heap does not colour the next. Prints one JSON object per line.
 *
 *   node --import tsx bench/child.ts fit <model> <seed> [<seed> ...]    4 x (1000 + 1000), parallel 1,
 *                                                                       fit() from the CLI bundle
 *   node --import tsx bench/child.ts scaling <nobs>                     ns per gradient, peak memory
 *   node --import tsx bench/child.ts parallel <seed> <1|2> [bundle|source] [sleepstudy|growth:<nobs>]
 *                                            sleepstudy, 2 chains, cold, timed; fit() from the CLI
 *                                            bundle (its workers from the worker bundle, as
 *                                            `pnpm -s strata fit` runs) or from source (tsx workers)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile } from '@strata/core';
import { fit as sourceFit, type Fit } from '@strata/strata';
import { DEFAULT_OUT_DIR, ensureBundles } from '../packages/strata/build/bundle.mjs';
import { modelSource } from './sources.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const [mode, ...rest] = process.argv.slice(2);
const emit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const sum = (f: Fit, g: (c: Fit['run']['chains'][number]) => number) => f.run.chains.reduce((s, c) => s + g(c), 0);

async function fitRuns(model: string, seeds: number[]): Promise<void> {
  const { spec, data, parameters } = modelSource(model);
  const ref = { parameters };
  const variables = Object.keys(ref.parameters);
  // from the CLI bundle, as `pnpm -s strata fit` runs it (through tsx's loader hooks the same code
  // runs 15-25% slower)
  const fit = await fitFrom('bundle');
  for (const seed of seeds) {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    const f = await fit(spec, data, { chains: 4, warmup: 1000, draws: 1000, seed, parallel: 1, progressBar: false });
    const wall = (performance.now() - wall0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const s = f.summary({ variables, measures: ['ess_bulk', 'ess_tail'] });
    const bulk = s.variables.map((v) => Number(v.ess_bulk ?? Number.NaN));
    const tail = s.variables.map((v) => Number(v.ess_tail ?? Number.NaN));
    emit({
      model,
      seed,
      gradient_evaluations: sum(f, (c) => c.gradientEvaluations.warmup + c.gradientEvaluations.sampling),
      gradient_evaluations_sampling: sum(f, (c) => c.gradientEvaluations.sampling),
      warmup_s: sum(f, (c) => c.seconds.warmup),
      sampling_s: sum(f, (c) => c.seconds.sampling),
      wall_s: wall,
      min_ess_bulk: Math.min(...bulk),
      min_ess_tail: Math.min(...tail),
      divergent: s.sampler.divergent,
      chain_seconds: f.run.chains.map((c) => Number((c.seconds.warmup + c.seconds.sampling).toFixed(4))),
      chain_gradient_evaluations: f.run.chains.map((c) => c.gradientEvaluations.warmup + c.gradientEvaluations.sampling),
      cpu_s: cpuS,
      // share of the wall time this process had a core: near 1 on a quiet machine
      cpu_share: cpuS / wall,
      density_ns_per_grad: densityCost(f),
    });
  }
}

/** ns per logDensityGradient alone (no sampler) at the last draw of chain 1: the model's own cost. */
function densityCost(f: Fit): number {
  const d = f.model.dimension;
  const c = f.run.chains[0];
  const theta = Float64Array.from(c.draws.subarray(c.draws.length - d));
  const grad = new Float64Array(d);
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += f.model.logDensityGradient(theta, grad);
  const samples: number[] = [];
  for (let b = 0; b < 7; b++) {
    const n = Math.max(200, Math.round(2e5 / (f.model.nobs + d)));
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      theta[i % d] += 1e-12;
      sink += f.model.logDensityGradient(theta, grad);
    }
    samples.push(Number(process.hrtime.bigint() - t0) / n);
  }
  samples.sort((a, b) => a - b);
  return Number.isFinite(sink) ? samples[3] : Number.NaN;
}

/** Linear growth data: `groups` subjects x 10 times, y = 1 + 0.5 t + subject effects + noise. */
function growthData(nobs: number) {
  const per = 10;
  const id = new Float64Array(nobs);
  const time = new Float64Array(nobs);
  const y = new Float64Array(nobs);
  let state = 12345;
  const unif = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const norm = () => Math.sqrt(-2 * Math.log(unif())) * Math.cos(2 * Math.PI * unif());
  let r0 = 0;
  let r1 = 0;
  for (let i = 0; i < nobs; i++) {
    if (i % per === 0) {
      r0 = 0.8 * norm();
      r1 = 0.2 * (0.5 * norm() + 0.866 * norm());
    }
    id[i] = Math.floor(i / per) + 1;
    time[i] = (i % per) / 2;
    y[i] = 1 + r0 + (0.5 + r1) * time[i] + 0.5 * norm();
  }
  return { y, time, id };
}

export const GROWTH_SPEC = {
  formula: 'y ~ 1 + time + (1 + time | id)',
  family: 'gaussian',
  priors: [
    { prior: 'normal(0, 5)', class: 'b' },
    { prior: 'normal(0, 2)', class: 'sd' },
    { prior: 'lkj(2)', class: 'cor' },
    { prior: 'normal(0, 2)', class: 'sigma' },
  ],
};

function scaling(nobs: number): void {
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const data = growthData(nobs);
  const model = compile(GROWTH_SPEC, data);
  const compileS = (performance.now() - t0) / 1000;
  const theta = new Float64Array(model.dimension).map((_, i) => 0.1 * Math.sin(i + 1));
  const grad = new Float64Array(model.dimension);
  let sink = 0;
  // warm up the JIT, then time batches of about 0.2 s
  const warmUntil = performance.now() + 500;
  let reps = 0;
  while (performance.now() < warmUntil || reps < 5) {
    sink += model.logDensityGradient(theta, grad);
    reps++;
  }
  const perBatch = Math.max(1, Math.round(reps / 2.5));
  const samples: number[] = [];
  for (let b = 0; b < 9; b++) {
    const s0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) {
      theta[i % theta.length] += 1e-12;
      sink += model.logDensityGradient(theta, grad);
    }
    samples.push(Number(process.hrtime.bigint() - s0) / perBatch);
  }
  samples.sort((a, b) => a - b);
  const mem = process.memoryUsage();
  emit({
    nobs,
    groups: nobs / 10,
    dimension: model.dimension,
    compile_s: compileS,
    ns_per_grad: samples[4],
    ns_per_obs: samples[4] / nobs,
    evaluations_timed: perBatch * 9,
    base_rss_mb: baseRss / 2 ** 20,
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    heap_used_mb: mem.heapUsed / 2 ** 20,
    array_buffers_mb: mem.arrayBuffers / 2 ** 20,
    finite: Number.isFinite(sink),
  });
}

/** fit() from the CLI bundle (rebuilt first if a source changed) or from the TypeScript source. */
async function fitFrom(from: string): Promise<typeof sourceFit> {
  if (from === 'source') return sourceFit;
  if (from !== 'bundle') throw new Error(`bench/child.ts: fits run from 'bundle' or 'source', not '${from}'`);
  await ensureBundles();
  const bundle = (await import(pathToFileURL(join(DEFAULT_OUT_DIR, 'cli.mjs')).href)) as { fit: typeof sourceFit };
  return bundle.fit;
}

/** sleepstudy, or `growth:<nobs>`: the scaling section's simulated growth model. */
function workload(name: string): { spec: unknown; data: Parameters<typeof sourceFit>[1] } {
  const growth = /^growth:(\d+)$/.exec(name);
  if (growth) return { spec: GROWTH_SPEC, data: growthData(Number(growth[1])) };
  const { spec, data } = modelSource(name);
  return { spec, data };
}

async function parallel(seed: number, p: number, from: string, work: string): Promise<void> {
  const { spec, data } = workload(work);
  const fit = await fitFrom(from);
  // one cold fit per process: with parallel 1 this thread JIT-compiles the sampler, with parallel 2
  // each worker does, so neither mode starts warm
  const firstProgress: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const f = await fit(spec, data, {
    chains: 2,
    warmup: 1000,
    draws: 1000,
    seed,
    parallel: p,
    progressBar: false,
    // a chain's first report (after 1% of its iterations): with parallel 2, mostly worker start-up
    onProgress: (chain) => {
      firstProgress[chain] ??= (performance.now() - t0) / 1000;
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const grads = sum(f, (c) => c.gradientEvaluations.warmup + c.gradientEvaluations.sampling);
  const chainSeconds = f.run.chains.map((c) => c.seconds.warmup + c.seconds.sampling);
  // the sampling itself: chains one after another take their sum, in parallel the slowest one
  const samplerWall = p === 1 ? chainSeconds.reduce((a, b) => a + b, 0) : Math.max(...chainSeconds);
  emit({ workload: work, seed, parallel: p, from, gradient_evaluations: grads, wall_s: wall, cpu_s: (cpu.user + cpu.system) / 1e6, chain_seconds: chainSeconds, first_progress_s: firstProgress, sampler_wall_s: samplerWall, grads_per_wall_s: grads / wall, grads_per_sampler_s: grads / samplerWall });
}

if (mode === 'fit') await fitRuns(rest[0], rest.slice(1).map(Number));
else if (mode === 'scaling') scaling(Number(rest[0]));
else if (mode === 'parallel') await parallel(Number(rest[0]), Number(rest[1]), rest[2] ?? 'bundle', rest[3] ?? 'sleepstudy');
else throw new Error(`bench/child.ts: unknown mode ${mode}`);
