/**
 * `pnpm bench [--quick] [--models sleepstudy,orange,...] [--skip models,e2e,scaling,parallel] [--out f.json]`: Strata
 * against Stan's anchors (../shared/reference/<model>.json, `anchor`), linear scaling in the data
 * size, and 1 vs 2 parallel chains. Prints tables (with the targets met or missed) and writes
 * bench/results.json. Not part of `pnpm test`; the targets are reported, not asserted.
 *
 * - Per model: 4 chains x (1000 warmup + 1000 draws), chains one after another (parallel 1, as Stan's
 *   anchor ran), seeds 1, 2, 3 (--quick: seed 1), each run in a fresh child process (bench/child.ts),
 *   so every run pays its JIT warm-up as a user's first fit does. Per run: ns per gradient (sampler
 *   seconds / gradient evaluations), gradient evaluations, min bulk and tail ESS over the reference's
 *   parameters, warmup and sampling seconds, ESS/s with ESS = min(min bulk, min tail) (sampling only,
 *   and warmup + sampling). Each run is compared with the medians of Stan's three anchor runs, Stan's
 *   seconds scaled by (C floor) / anchor.c_floor_ns, the C floor (../shared/bench/c-floor.sh) being
 *   the smaller of the two measured just before and just after that run (which favours Stan); the
 *   ratios are the medians over runs.
 * - End to end: `pnpm -s strata fit ... --summary out.json --parallel 1 --quiet` timed from spawn to
 *   exit (the summary written), against Stan's compile + warmup + sampling (scaled). The same fit as
 *   `node packages/strata/bin/strata.mjs fit ...` (ours without pnpm), and the fixed costs apart:
 *   `pnpm -s exec node -e 0` (pnpm's own start-up), `node -e 0`, and `help` both ways.
 * - Scaling: y ~ 1 + time + (1 + time | id), 10 observations per id, 1e3..1e6 observations (--quick:
 *   up to 1e5), each size in a child process: ns per logDensityGradient and peak RSS.
 * - Parallel: sleepstudy and the scaling model with 3000 observations, 2 chains x (1000 + 1000),
 *   parallel 1 vs 2, same seed (identical draws),
 *   each fit cold in its own process: gradient evaluations per wall second of fit(). fit() comes from
 *   the CLI bundle, so its workers start from the worker bundle as `pnpm -s strata fit` does (the
 *   target); the same from the TypeScript source (workers through tsx) is shown for comparison.
 * - `--skip models` leaves out the per-model runs (the long part) to run only the other sections.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelSource } from './sources.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const MODELS = (flag('models') ?? 'sleepstudy,orange,eight_schools,orthodont,radon').split(',');
const SEEDS = quick ? [1] : [1, 2, 3];
const SIZES = quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6];
const PARALLEL_SEEDS = quick ? [1] : [1, 2, 3];
const PARALLEL_GROWTH_NOBS = 3000;
const skip = new Set((flag('skip') ?? '').split(',').filter(Boolean));
const outPath = flag('out') ?? `${root}bench/results.json`;

const TARGETS = { ess_per_s_total: 5, ns_per_grad: 10, end_to_end: 50, parallel_speedup: 1.8 };

// ---------------------------------------------------------------------------------------------- helpers
function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const fmt = (x: number, digits = 3): string => {
  if (!Number.isFinite(x)) return 'NA';
  if (Math.abs(x) >= 10 ** digits) return x.toFixed(0);
  return Number(x.toPrecision(digits)).toString();
};
const ratio = (x: number) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}x` : 'NA');

function printTable(rows: string[][], alignLeft = 1): void {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((c, j) => (j < alignLeft ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** Runs a command, returns stdout lines that parse as JSON objects (stderr passes through). */
function runJsonLines(cmd: string, args: string[]): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
      resolve(out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>));
    });
  });
}
const child = (...args: string[]) => runJsonLines(process.execPath, ['--import', 'tsx', `${root}bench/child.ts`, ...args]);

function cFloorNs(): number {
  const out = execFileSync('bash', [`${shared}bench/c-floor.sh`], { encoding: 'utf8' });
  const m = /([\d.]+)\s*ns per/.exec(out);
  if (!m) throw new Error(`could not read the C floor from: ${out}`);
  return Number(m[1]);
}

interface Anchor {
  compile_s: number;
  c_floor_ns: number;
  runs: { warmup_s: number; sampling_s: number; leapfrog_total: number; leapfrog_sampling: number; min_ess_bulk: number; min_ess_tail: number; divergent: number }[];
}

interface Run {
  model: string;
  seed: number;
  gradient_evaluations: number;
  warmup_s: number;
  sampling_s: number;
  min_ess_bulk: number;
  min_ess_tail: number;
  divergent: number;
  cpu_share: number;
  density_ns_per_grad: number;
  chain_seconds: number[];
  chain_gradient_evaluations: number[];
}

/** The per-run quantities the table compares (Stan's seconds already scaled). */
function metrics(r: { grads: number; warmup_s: number; sampling_s: number; bulk: number; tail: number }) {
  const ess = Math.min(r.bulk, r.tail);
  return {
    ns_per_grad: ((r.warmup_s + r.sampling_s) / r.grads) * 1e9,
    gradient_evaluations: r.grads,
    min_ess_bulk: r.bulk,
    min_ess_tail: r.tail,
    warmup_s: r.warmup_s,
    sampling_s: r.sampling_s,
    ess_per_s_sampling: ess / r.sampling_s,
    ess_per_s_total: ess / (r.warmup_s + r.sampling_s),
  };
}
type Metrics = ReturnType<typeof metrics>;
/** ns per gradient of the first and the last chain: the difference is mostly JIT warm-up. */
const chainCost = (r: Run): string => {
  const ns = r.chain_seconds.map((s, i) => (s / r.chain_gradient_evaluations[i]) * 1e9);
  return `${fmt(ns[0], 4)} / ${fmt(ns[ns.length - 1], 4)}`;
};
const medianMetrics = (ms: Metrics[]): Metrics =>
  Object.fromEntries(Object.keys(ms[0]).map((k) => [k, median(ms.map((m) => m[k as keyof Metrics]))])) as Metrics;

// ---------------------------------------------------------------------------------------------- main
const started = new Date();
const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
const machine = { nproc: cpus().length, cpu: cpuModel, memory_gb: Number((totalmem() / 2 ** 30).toFixed(1)), node: process.version, platform: `${process.platform} ${process.arch}` };
console.log(`Strata benchmark ${quick ? '(--quick) ' : ''}${started.toISOString()}`);
console.log(`machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memory_gb} GB, node ${machine.node}; load average ${load().join(' ')}`);

// The C floor is measured at the start and again before every run of a model and after its last;
// each run is compared with Stan's times scaled by the smaller of the two floors measured just
// before and just after it. This machine's speed drifts between states (the floor reads ~350 ns for
// minutes, then ~520 ns, with no other process running), sometimes between two runs of one model:
// one floor per benchmark, or per model, compares runs made in one state with Stan scaled to the
// other. Contention only ever slows the floor down, so the smaller of the two errs in Stan's favour.
const floors = [cFloorNs(), cFloorNs(), cFloorNs()];
const floorMin = () => Math.min(...floors);
console.log(`C floor (sleepstudy gradient in C) at the start: ${floors.join(', ')} ns; measured again before each run and after a model's last; each run is compared with Stan's seconds scaled by the smaller floor just before and after it`);
console.log('(other people may be using this machine: the "cpu share" column is process CPU time / wall time of the fit; above 1 means V8\'s compiler and GC threads used the second core)\n');

const results: Record<string, unknown> = { started: started.toISOString(), quick, machine, c_floor_measurements_ns: floors, targets: TARGETS, load_average: { start: load() } };
const verdicts: string[] = [];

// ------------------------------------------------------------------ 1. per-model runs against the anchor
const modelResults: Record<string, unknown>[] = [];
const rows: string[][] = [['model', 'run', 'ns/grad', 'density only', 'grad evals', 'min ESS bulk', 'min ESS tail', 'warmup s', 'sampling s', 'ESS/s sampling', 'ESS/s total', 'div', 'cpu share', 'ns/grad chain 1 / 4']];
const ratioRows: string[][] = [['model', 'Stan scale', 'ns/grad', 'grad evals', 'ESS bulk', 'ESS tail', 'warmup s', 'sampling s', 'ESS/s sampling', 'ESS/s total', `ESS/s target ${TARGETS.ess_per_s_total}x`, `grad target ${TARGETS.ns_per_grad}x`]];
const collected: { model: string; runs: Run[]; loadBefore: number[]; floors: number[] }[] = [];
for (const model of skip.has('models') ? [] : MODELS) {
  const loadBefore = load();
  const around: number[] = [];
  // each run in a fresh process, as each Stan run was: its JIT warm-up is part of its time
  const runs: Run[] = [];
  for (const seed of SEEDS) {
    around.push(cFloorNs());
    runs.push(...((await child('fit', model, String(seed))) as unknown as Run[]));
  }
  around.push(cFloorNs());
  floors.push(...around);
  collected.push({ model, runs, loadBefore, floors: around });
  process.stderr.write(`  ${model} done (load ${load().join(' ')}; C floor around its runs ${around.join(', ')} ns)\n`);
}
const modelFloors: Record<string, number> = {};
for (const { model, runs, loadBefore, floors: around } of collected) {
  const ref = { anchor: modelSource(model).anchor as Anchor };
  // run i lies between floor measurements i and i + 1
  const runFloors = runs.map((_, i) => Math.min(around[i], around[i + 1]));
  const modelFloor = median(runFloors);
  modelFloors[model] = modelFloor;
  const stanAt = (floor: number) => {
    const scale = floor / ref.anchor.c_floor_ns;
    return ref.anchor.runs.map((r) => metrics({ grads: r.leapfrog_total, warmup_s: r.warmup_s * scale, sampling_s: r.sampling_s * scale, bulk: r.min_ess_bulk, tail: r.min_ess_tail }));
  };
  const scale = modelFloor / ref.anchor.c_floor_ns;
  const ours = runs.map((r) => metrics({ grads: r.gradient_evaluations, warmup_s: r.warmup_s, sampling_s: r.sampling_s, bulk: r.min_ess_bulk, tail: r.min_ess_tail }));
  const stan = stanAt(modelFloor);
  const ourMed = medianMetrics(ours);
  const stanMed = medianMetrics(stan);
  // "x Stan": > 1 is better for Strata (fewer ns, fewer evaluations, fewer seconds, more ESS). Each
  // run against Stan at that run's floor, then the median over runs.
  const perRun = ours.map((o, i) => {
    const st = medianMetrics(stanAt(runFloors[i]));
    return {
      ns_per_grad: st.ns_per_grad / o.ns_per_grad,
      gradient_evaluations: st.gradient_evaluations / o.gradient_evaluations,
      min_ess_bulk: o.min_ess_bulk / st.min_ess_bulk,
      min_ess_tail: o.min_ess_tail / st.min_ess_tail,
      warmup_s: st.warmup_s / o.warmup_s,
      sampling_s: st.sampling_s / o.sampling_s,
      ess_per_s_sampling: o.ess_per_s_sampling / st.ess_per_s_sampling,
      ess_per_s_total: o.ess_per_s_total / st.ess_per_s_total,
    };
  });
  const better = Object.fromEntries(Object.keys(perRun[0]).map((k) => [k, median(perRun.map((b) => b[k as keyof (typeof perRun)[number]]))])) as (typeof perRun)[number];
  const essOk = better.ess_per_s_total >= TARGETS.ess_per_s_total;
  const gradOk = better.ns_per_grad >= TARGETS.ns_per_grad;
  if (!essOk) verdicts.push(`MISSED ESS/s (warmup + sampling) >= ${TARGETS.ess_per_s_total}x Stan on ${model}: ${ratio(better.ess_per_s_total)}`);
  if (!gradOk) verdicts.push(`MISSED time per gradient >= ${TARGETS.ns_per_grad}x Stan on ${model}: ${ratio(better.ns_per_grad)}`);
  for (const [i, m] of ours.entries()) {
    rows.push([model, `seed ${runs[i].seed} (floor ${runFloors[i]})`, fmt(m.ns_per_grad, 4), fmt(runs[i].density_ns_per_grad, 4), String(m.gradient_evaluations), fmt(m.min_ess_bulk, 4), fmt(m.min_ess_tail, 4), fmt(m.warmup_s), fmt(m.sampling_s), fmt(m.ess_per_s_sampling), fmt(m.ess_per_s_total), String(runs[i].divergent), runs[i].cpu_share.toFixed(2), chainCost(runs[i])]);
  }
  rows.push([model, `Stan at floor ${modelFloor}`, fmt(stanMed.ns_per_grad, 4), '', String(stanMed.gradient_evaluations), fmt(stanMed.min_ess_bulk, 4), fmt(stanMed.min_ess_tail, 4), fmt(stanMed.warmup_s), fmt(stanMed.sampling_s), fmt(stanMed.ess_per_s_sampling), fmt(stanMed.ess_per_s_total), String(median(ref.anchor.runs.map((r) => r.divergent))), '', '']);
  ratioRows.push([model, fmt(scale), ratio(better.ns_per_grad), ratio(better.gradient_evaluations), ratio(better.min_ess_bulk), ratio(better.min_ess_tail), ratio(better.warmup_s), ratio(better.sampling_s), ratio(better.ess_per_s_sampling), ratio(better.ess_per_s_total), essOk ? 'met' : 'MISSED', gradOk ? 'met' : 'MISSED']);
  modelResults.push({ model, stan_scale: scale, c_floor_ns: modelFloor, c_floor_per_run_ns: runFloors, x_stan_per_run: perRun, c_floor_around_runs_ns: around, load_average_before: loadBefore, runs: runs.map((r, i) => ({ ...r, ...ours[i] })), median: ourMed, stan_anchor_scaled: { runs: stan, median: stanMed }, x_stan: better, targets_met: { ess_per_s_total: essOk, ns_per_grad: gradOk } });
}
results.models = modelResults;
results.c_floor_for_models_ns = modelFloors;
if (!skip.has('models')) {
  console.log(`Per run: 4 chains x (1000 warmup + 1000 draws), parallel 1; ns/grad = sampler seconds / gradient evaluations ("density only": logDensityGradient timed alone at a posterior draw); ESS over the reference's parameters; ESS/s uses min(min bulk, min tail); Stan's seconds x (C floor / anchor C floor), with each run's C floor the smaller of those measured just before and after it (the "Stan at floor" row uses the median of a model's run floors: ${Object.entries(modelFloors).map(([m, f]) => `${m} ${f}`).join(', ')} ns)`);
  printTable(rows, 2);
  console.log(`\nStrata vs Stan (median over ${SEEDS.length} run(s) of each run against the median of Stan's 3 at that run's C floor; > 1x means Strata is better: faster, fewer evaluations or more ESS)`);
  printTable(ratioRows);
}

// ------------------------------------------------------------------ 2. end to end
if (!skip.has('e2e')) {
  const tmp = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  const e2eRows: string[][] = [['model', 'pnpm s (runs)', 'median s', 'node s (median)', 'node s, default parallel', 'Stan compile + run s', 'x Stan', 'x Stan (node)', 'x Stan (node, default)', `target ${TARGETS.end_to_end}x`]];
  const e2e: Record<string, unknown>[] = [];
  const spawnTime = async (cmd: string, args: string[]): Promise<number> => {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const c = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      c.on('error', reject);
      c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
    });
    return (performance.now() - t0) / 1000;
  };
  const thrice = async (cmd: string, args: string[]) => [await spawnTime(cmd, args), await spawnTime(cmd, args), await spawnTime(cmd, args)];
  // The contract command goes through pnpm (`pnpm -s strata` runs `node packages/strata/bin/strata.mjs`);
  // the launcher is timed on its own too, so pnpm's share is visible.
  const LAUNCHER = 'packages/strata/bin/strata.mjs';
  const viaPnpm = (...args: string[]) => spawnTime('pnpm', ['-s', 'strata', ...args]);
  const viaNode = (...args: string[]) => spawnTime(process.execPath, [LAUNCHER, ...args]);
  // the bundle is fresh before anything is timed (the launcher would rebuild it inside the first run)
  await spawnTime(process.execPath, [LAUNCHER, 'help']);
  // fixed costs of any command: pnpm's own start-up, node's, and the CLI's (strata help prints the usage)
  const startup = {
    pnpm_exec_node: await thrice('pnpm', ['-s', 'exec', 'node', '-e', '0']),
    node: await thrice(process.execPath, ['-e', '0']),
    pnpm_strata_help: await thrice('pnpm', ['-s', 'strata', 'help']),
    node_launcher_help: await thrice(process.execPath, [LAUNCHER, 'help']),
  };
  results.end_to_end_startup_s = startup;
  floors.push(cFloorNs(), cFloorNs());
  const e2eFloor = floorMin();
  results.end_to_end_c_floor_ns = e2eFloor;
  for (const model of MODELS) {
    const ref = { anchor: modelSource(model).anchor as Anchor };
    const scale = e2eFloor / ref.anchor.c_floor_ns;
    const times: number[] = [];
    const nodeTimes: number[] = [];
    const nodeDefaultTimes: number[] = [];
    for (const seed of SEEDS) {
      const out = join(tmp, `${model}-${seed}.json`);
      const args = ['fit', '--model', `examples/specs/${model}.json`, '--data', `${shared}data/${model}.csv`, '--summary', out, '--parallel', '1', '--quiet', '--seed', String(seed)];
      times.push(await viaPnpm(...args));
      if (!(statSync(out).size > 0)) throw new Error(`strata fit ${model} wrote no summary`);
      rmSync(out);
      nodeTimes.push(await viaNode(...args));
      if (!(statSync(out).size > 0)) throw new Error(`node ${LAUNCHER} fit ${model} wrote no summary`);
      rmSync(out);
      // as a user runs it: fit() chooses in-process or worker chains by its cost model
      nodeDefaultTimes.push(await viaNode(...args.filter((a, i) => a !== '--parallel' && args[i - 1] !== '--parallel')));
      if (!(statSync(out).size > 0)) throw new Error(`node ${LAUNCHER} fit ${model} (default parallel) wrote no summary`);
    }
    const stanS = (ref.anchor.compile_s + median(ref.anchor.runs.map((r) => r.warmup_s + r.sampling_s))) * scale;
    const ours = median(times);
    const oursNode = median(nodeTimes);
    const oursNodeDefault = median(nodeDefaultTimes);
    const x = stanS / ours;
    const ok = x >= TARGETS.end_to_end;
    if (!ok) verdicts.push(`MISSED end to end >= ${TARGETS.end_to_end}x Stan on ${model}: ${ratio(x)} (${ratio(stanS / oursNode)} without pnpm's start-up)`);
    e2eRows.push([model, times.map((t) => t.toFixed(2)).join(', '), fmt(ours), fmt(oursNode), fmt(oursNodeDefault), fmt(stanS), ratio(x), ratio(stanS / oursNode), ratio(stanS / oursNodeDefault), ok ? 'met' : 'MISSED']);
    e2e.push({ model, seconds: times, median_s: ours, node_launcher_seconds: nodeTimes, node_launcher_median_s: oursNode, node_launcher_default_parallel_seconds: nodeDefaultTimes, node_launcher_default_parallel_median_s: oursNodeDefault, x_stan_node_launcher_default_parallel: stanS / oursNodeDefault, stan_compile_plus_run_s_scaled: stanS, stan_compile_s_scaled: ref.anchor.compile_s * scale, x_stan: x, x_stan_node_launcher: stanS / oursNode, target_met: ok });
  }
  rmSync(tmp, { recursive: true, force: true });
  results.end_to_end = e2e;
  console.log(`\nEnd to end: spawn of \`pnpm -s strata fit --model ... --data ... --summary out.json --parallel 1 --quiet\` until it exits (summary written) vs Stan's compile + warmup + sampling (scaled); "node s" is the same fit as \`node ${LAUNCHER} fit ...\` (no pnpm); "default parallel" leaves out --parallel 1 (fit() picks this thread or workers by its cost model), as a user runs it; load ${load().join(' ')}`);
  printTable(e2eRows);
  const med = (xs: number[]) => `${fmt(median(xs))} s (${xs.map((t) => t.toFixed(2)).join(', ')})`;
  console.log('fixed start-up costs, median of 3:');
  console.log(`  pnpm -s exec node -e 0 (pnpm's own start-up + node): ${med(startup.pnpm_exec_node)}; node -e 0: ${med(startup.node)}`);
  console.log(`  pnpm -s strata help: ${med(startup.pnpm_strata_help)}; node ${LAUNCHER} help (launcher + bundle): ${med(startup.node_launcher_help)}`);
}

// ------------------------------------------------------------------ 3. scaling
if (!skip.has('scaling')) {
  const scal: Record<string, unknown>[] = [];
  const scalRows: string[][] = [['observations', 'groups', 'parameters', 'compile s', 'us/grad', 'ns/grad per obs', 'cost ratio vs previous', 'peak RSS MB', 'RSS at start MB']];
  let prev: number | null = null;
  for (const n of SIZES) {
    const [r] = await child('scaling', String(n));
    const ns = r.ns_per_grad as number;
    scalRows.push([String(n), String(r.groups), String(r.dimension), fmt(r.compile_s as number), fmt(ns / 1000), fmt(r.ns_per_obs as number), prev ? `${fmt(ns / prev)} (x10 data)` : '', fmt(r.max_rss_mb as number), fmt(r.base_rss_mb as number)]);
    scal.push({ ...r, load_average: load() });
    prev = ns;
  }
  results.scaling = scal;
  const perObs = scal.map((r) => r.ns_per_obs as number);
  const spread = Math.max(...perObs) / Math.min(...perObs);
  console.log(`\nScaling: y ~ 1 + time + (1 + time | id), gaussian, 10 observations per id; one child process per size; load ${load().join(' ')}`);
  printTable(scalRows);
  console.log(`cost per observation varies ${spread.toFixed(2)}x across sizes (linear cost: ~1x)`);
  results.scaling_per_obs_spread = spread;
}

// ------------------------------------------------------------------ 4. parallel chains
if (!skip.has('parallel')) {
  const par: Record<string, unknown>[] = [];
  // sleepstudy: short chains (~0.25 s), so start-up shows; growth:3000: the scaling section's model
  // with 3000 observations (~2.5 s chains); sleepstudy from source for comparison (tsx workers)
  const CASES = [
    { work: 'sleepstudy', from: 'bundle' },
    { work: `growth:${PARALLEL_GROWTH_NOBS}`, from: 'bundle' },
    { work: 'sleepstudy', from: 'source' },
  ];
  for (const { work, from } of CASES) for (const seed of PARALLEL_SEEDS) for (const p of [1, 2]) par.push(...(await child('parallel', String(seed), String(p), from, work)));
  const runsOf = (c: (typeof CASES)[number], p: number) => par.filter((r) => r.workload === c.work && r.from === c.from && r.parallel === p);
  const by = (c: (typeof CASES)[number], p: number, k: string) => median(runsOf(c, p).map((r) => r[k] as number));
  // the later chain's first progress report (after 1% of its iterations): with parallel 2, worker start-up
  const firstProgress = (c: (typeof CASES)[number], p: number) => median(runsOf(c, p).map((r) => Math.max(...(r.first_progress_s as number[]))));
  const speeds = CASES.map((c) => ({ ...c, wall: by(c, 2, 'grads_per_wall_s') / by(c, 1, 'grads_per_wall_s'), sampler: by(c, 2, 'grads_per_sampler_s') / by(c, 1, 'grads_per_sampler_s') }));
  const judged = speeds.filter((c) => c.from === 'bundle');
  for (const c of judged) {
    if (c.wall < TARGETS.parallel_speedup) verdicts.push(`MISSED 2 parallel chains >= ${TARGETS.parallel_speedup}x the throughput of 1 (${c.work}, from the bundle): ${ratio(c.wall)} by wall clock (${ratio(c.sampler)} counting only the chains' own time)`);
  }
  results.parallel = { runs: par, speedups: speeds, target_met: judged.every((c) => c.wall >= TARGETS.parallel_speedup) };
  console.log(`\nParallel chains: 2 chains x (1000 + 1000), parallel 1 vs 2, same seed (identical draws), each fit cold in a fresh process, median of ${PARALLEL_SEEDS.length}; fit() from the CLI bundle (workers from the worker bundle, as \`pnpm -s strata fit\`) and, for comparison, from source (workers through tsx); with parallel 2 this thread runs one chain and one worker the other; load ${load().join(' ')}`);
  printTable([
    ['workload', 'from', 'parallel', 'wall s', 'grad evals / wall s', 'chains-only s', 'grad evals / chains-only s', 'cpu s', 'last chain first progress s'],
    ...speeds.flatMap((c) => [
      ...[1, 2].map((p) => [c.work, c.from, String(p), fmt(by(c, p, 'wall_s')), fmt(by(c, p, 'grads_per_wall_s'), 4), fmt(by(c, p, 'sampler_wall_s')), fmt(by(c, p, 'grads_per_sampler_s'), 4), fmt(by(c, p, 'cpu_s')), fmt(firstProgress(c, p))]),
      [c.work, c.from, '2 vs 1', '', ratio(c.wall), '', ratio(c.sampler), '', ''],
    ]),
  ], 3);
  console.log(`target ${TARGETS.parallel_speedup}x (wall clock, from the bundle): ${judged.map((c) => `${c.work} ${c.wall >= TARGETS.parallel_speedup ? 'met' : 'MISSED'}`).join(', ')}; "chains-only" is the slowest chain's warmup + sampling seconds (parallel 2) or their sum (parallel 1), i.e. without worker start-up; "cpu s" is the process's CPU time (above the wall time when V8's compiler and GC threads use the second core); "first progress" is when the later chain first reported (after 1% of its iterations)`);
}

// ------------------------------------------------------------------ summary
(results.load_average as Record<string, unknown>).end = load();
results.finished = new Date().toISOString();
results.verdicts = verdicts;
writeFileSync(outPath, `${JSON.stringify(results, null, 1)}\n`);
console.log(`\nTargets: ${verdicts.length === 0 ? 'all met' : `${verdicts.length} missed (see docs/validation.md for the likely causes)`}`);
for (const v of verdicts) console.log(`  ${v}`);
console.log(`load average at the end ${load().join(' ')}; wrote ${outPath} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);
