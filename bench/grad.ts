/**
 * ns per log-density-and-gradient evaluation for the five reference models. Prints one JSON object per
 * line: {"model", "ns_per_grad", "dimension", "nobs", "stan_ns_per_grad", "c_floor_ns", "speedup_vs_stan"}.
 * Stan's cost per gradient is the anchor's (warmup + sampling seconds) / leapfrog steps, median of its
 * runs, scaled to this machine by the C floor (../shared/bench/c-floor.sh) as ../shared/README.md says.
 * Each model is timed in its own child process (`bench/grad.ts --model <name>`), as a fit uses one
 * model per process: several models in one process make the shared call sites polymorphic. The C
 * floor is measured before and after each model; the smaller scales that model's Stan time.
 */
import { execFileSync } from 'node:child_process';
import { argv, execArgv, execPath } from 'node:process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '@strata/core';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
if (!existsSync(shared)) throw new Error(`bench:grad needs ../shared next to the repository (looked in ${shared})`);

const MODELS = ['sleepstudy', 'orange', 'eight_schools', 'orthodont', 'radon'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function cFloorNs(): number | null {
  try {
    const out = execFileSync('bash', [`${shared}bench/c-floor.sh`], { encoding: 'utf8' });
    const m = /([\d.]+)\s*ns/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** A point near the posterior: a short deterministic walk along the gradient from a small random start. */
function typicalPoint(model: ReturnType<typeof compile>): Float64Array {
  const theta = new Float64Array(model.dimension).map((_, i) => 0.5 * Math.sin(i + 1));
  const grad = new Float64Array(model.dimension);
  for (let it = 0; it < 200; it++) {
    model.logDensityGradient(theta, grad);
    let norm = 0;
    for (const g of grad) norm += g * g;
    const step = 0.05 / Math.max(1, Math.sqrt(norm));
    for (let i = 0; i < theta.length; i++) theta[i] += step * grad[i];
  }
  return theta;
}

const only = argv.indexOf('--model') >= 0 ? argv[argv.indexOf('--model') + 1] : null;
if (!only) {
  // This machine's speed drifts (the C floor has read 345-540 ns within minutes), so the floor is
  // measured right before and right after each model, and the smaller of the two (the faster
  // machine state, which favours Stan) scales Stan's time for that model.
  for (const name of MODELS) {
    const before = cFloorNs();
    const out = execFileSync(execPath, [...execArgv, fileURLToPath(import.meta.url), '--model', name], { encoding: 'utf8' });
    const after = cFloorNs();
    const row = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string | null>;
    const floors = [before, after].filter((f): f is number => f !== null);
    const floor = floors.length ? Math.min(...floors) : null;
    const stanHere = floor ? (row.stan_ns_per_grad_anchor as number) * (floor / (row.anchor_c_floor_ns as number)) : (row.stan_ns_per_grad_anchor as number);
    console.log(
      JSON.stringify({
        model: name,
        ns_per_grad: row.ns_per_grad,
        dimension: row.dimension,
        nobs: row.nobs,
        stan_ns_per_grad: Number(stanHere.toFixed(1)),
        c_floor_ns: floor,
        c_floor_before_after_ns: [before, after],
        speedup_vs_stan: Number((stanHere / (row.ns_per_grad as number)).toFixed(2)),
        checksum: row.checksum,
      }),
    );
  }
}
for (const name of only ? [only] : []) {
  const ref = JSON.parse(readFileSync(`${shared}reference/${name}.json`, 'utf8'));
  const model = compile(ref.spec, readFileSync(`${shared}data/${name}.csv`, 'utf8'));
  const theta = typicalPoint(model);
  const grad = new Float64Array(model.dimension);
  let sink = 0;
  // warm-up so the JIT has optimised the hot path
  for (let i = 0; i < 20000; i++) sink += model.logDensityGradient(theta, grad);
  const samples: number[] = [];
  const reps = Math.max(200, Math.round(2e6 / (model.nobs + model.dimension)));
  for (let s = 0; s < 15; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) {
      theta[i % theta.length] += 1e-12; // defeat any caching
      sink += model.logDensityGradient(theta, grad);
    }
    samples.push(Number(process.hrtime.bigint() - t0) / reps);
  }
  const ns = median(samples);
  const runs = ref.anchor.runs as { warmup_s: number; sampling_s: number; leapfrog_total: number }[];
  const stanNs = median(runs.map((r) => ((r.warmup_s + r.sampling_s) / r.leapfrog_total) * 1e9));
  console.log(
    JSON.stringify({
      model: name,
      ns_per_grad: Number(ns.toFixed(1)),
      dimension: model.dimension,
      nobs: model.nobs,
      stan_ns_per_grad_anchor: stanNs,
      anchor_c_floor_ns: ref.anchor.c_floor_ns,
      checksum: Number.isFinite(sink) ? 'finite' : 'non-finite',
    }),
  );
}
