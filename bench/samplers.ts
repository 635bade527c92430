/**
 * Sampler throughput on the samplers' own test targets (reference models come later).
 * Run: pnpm exec tsx bench/samplers.ts [--chains 4] [--warmup 1000] [--draws 1000] [--seed 1]
 * Prints one JSON object per line and target: gradient evaluations per second, min bulk ESS per
 * second, and min bulk ESS per gradient evaluation. Chains run one after another in this thread,
 * so the numbers are per core.
 */
import { runChains, type MetricKind, type RunResult } from '../packages/samplers/src/index.js';
import { bulkEss, column } from '../packages/samplers/test/support/ess.js';
import {
  banana,
  correlatedNormal,
  funnel,
  iidNormal,
  scaledNormal,
  type KnownTarget,
} from '../packages/samplers/test/support/targets.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const chains = flag('chains', 4);
const warmup = flag('warmup', 1000);
const draws = flag('draws', 1000);
const seed = flag('seed', 1);

const cases: { target: KnownTarget; metric: MetricKind }[] = [
  { target: iidNormal(100), metric: 'diag' },
  { target: iidNormal(1000), metric: 'diag' },
  { target: correlatedNormal(0.99), metric: 'diag' },
  { target: correlatedNormal(0.99), metric: 'dense' },
  { target: scaledNormal(10, 1e-3, 1e3), metric: 'diag' },
  { target: banana(), metric: 'diag' },
  { target: funnel(9, false), metric: 'diag' },
];

const total = (r: RunResult, f: (c: RunResult['chains'][number]) => number) => r.chains.reduce((s, c) => s + f(c), 0);
const round = (x: number, digits = 3) => Number(x.toPrecision(digits));

for (const { target, metric } of cases) {
  const result = await runChains(target, { chains, warmup, draws, seed, metric, parallel: 1, progressBar: false });
  const d = target.dimension;
  let minBulkEss = Infinity;
  for (let j = 0; j < d; j++) {
    minBulkEss = Math.min(minBulkEss, bulkEss(result.chains.map((c) => column(c.draws, d, j))));
  }
  const gradients = total(result, (c) => c.gradientEvaluations.warmup + c.gradientEvaluations.sampling);
  const samplingGradients = total(result, (c) => c.gradientEvaluations.sampling);
  const warmupSeconds = total(result, (c) => c.seconds.warmup);
  const samplingSeconds = total(result, (c) => c.seconds.sampling);
  const treeDepth = total(result, (c) => c.stats.treedepth__.reduce((s, x) => s + x, 0)) / (chains * draws);
  const divergences = total(result, (c) => c.stats.divergent__.reduce((s, x) => s + x, 0));
  console.log(
    JSON.stringify({
      target: target.name,
      dimension: d,
      metric,
      chains,
      warmup,
      draws,
      gradientsPerSecond: round(gradients / (warmupSeconds + samplingSeconds)),
      minBulkEss: round(minBulkEss),
      minBulkEssPerSecond: round(minBulkEss / (warmupSeconds + samplingSeconds)),
      minBulkEssPerSamplingSecond: round(minBulkEss / samplingSeconds),
      essPerGradient: round(minBulkEss / samplingGradients),
      warmupSeconds: round(warmupSeconds),
      samplingSeconds: round(samplingSeconds),
      meanTreeDepth: round(treeDepth),
      stepSize: round(result.chains.reduce((s, c) => s + c.stepSize, 0) / chains),
      divergences,
    }),
  );
}
