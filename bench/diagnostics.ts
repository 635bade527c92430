/**
 * Benchmark: summarizeDraws with posterior's default columns on 4 chains x 1000 draws x 1000
 * variables (AR(1) chains, a few with ties or heavy tails). Target: under one second.
 * Run: pnpm exec tsx bench/diagnostics.ts   Prints one JSON line.
 */
import { loadavg } from 'node:os';
import { seededUniform } from '@strata/core';
import { summarizeDraws } from '../packages/diagnostics/src/index.js';
import type { NamedChains } from '../packages/diagnostics/src/index.js';

const CHAINS = 4;
const DRAWS = 1000;
const VARIABLES = 1000;
const REPEATS = 5;

/** Core's seeded uniforms with Box-Muller normals, so runs are comparable. */
function normalGenerator(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function makeDraws(): NamedChains[] {
  const normal = normalGenerator(20240601);
  const out: NamedChains[] = [];
  for (let v = 0; v < VARIABLES; v++) {
    const phi = (v % 10) / 10.5; // autocorrelation from 0 to ~0.86
    const chains: Float64Array[] = [];
    for (let c = 0; c < CHAINS; c++) {
      const chain = new Float64Array(DRAWS);
      let x = normal();
      for (let i = 0; i < DRAWS; i++) {
        x = phi * x + Math.sqrt(1 - phi * phi) * normal();
        chain[i] = v % 50 === 7 ? Math.round(x) : v % 50 === 13 ? x ** 3 : x;
      }
      chains.push(chain);
    }
    out.push({ name: `theta[${v + 1}]`, chains });
  }
  return out;
}

const draws = makeDraws();
summarizeDraws(draws.slice(0, 20)); // warm up the JIT
const times: number[] = [];
const cpuTimes: number[] = [];
let rows = 0;
for (let r = 0; r < REPEATS; r++) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  rows = summarizeDraws(draws).rows.length;
  times.push(Number(process.hrtime.bigint() - start) / 1e9);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1e6);
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const [load1] = loadavg();
console.log(
  JSON.stringify({
    benchmark: 'summarizeDraws default columns',
    chains: CHAINS,
    draws: DRAWS,
    variables: VARIABLES,
    rows,
    seconds_median: Number(times[Math.floor(REPEATS / 2)].toFixed(4)),
    seconds_min: Number(times[0].toFixed(4)),
    // CPU seconds of this process: less sensitive than wall time to other jobs on a shared machine
    cpu_seconds_median: Number(cpuTimes[Math.floor(REPEATS / 2)].toFixed(4)),
    load_average_1m: Number(load1.toFixed(2)),
    target_seconds: 1,
    meets_target: times[Math.floor(REPEATS / 2)] < 1,
  }),
);
