/**
 * The reference-agreement table of docs/validation.md: each reference model (spec from
 * examples/specs/) fitted as the acceptance test fits it (4 chains x (1000 warmup + 1000 draws), seed
 * 20261124, parallel 1), every parameter of ../shared/reference/<model>.json compared with Stan's
 * 4 x 10000-draw posterior: mean, q5, q95, z = |mean - Stan| / sqrt(MCSE^2 + MCSE_Stan^2), and the
 * quantile errors in Stan posterior sds. The acceptance test requires z <= 5 and quantile errors <= 0.2.
 *
 *   pnpm exec tsx bench/reference-table.ts [--all] [--seed 2]   (markdown; population-level rows unless --all)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mcseMean } from '@strata/diagnostics';
import { drawSummary, fit } from '@strata/strata';

const root = fileURLToPath(new URL('../', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const MODELS = ['sleepstudy', 'orange', 'eight_schools', 'orthodont', 'radon'];
const all = process.argv.includes('--all');
const seedAt = process.argv.indexOf('--seed');
const seed = seedAt >= 0 ? Number(process.argv[seedAt + 1]) : 2;

interface RefParam {
  mean: number;
  sd: number;
  q5: number;
  q95: number;
  mcse_mean: number;
}

const f = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(4)).toString());
const lines: string[] = ['| model | parameter | mean | Stan mean | z | q5 | Stan q5 | q95 | Stan q95 | max quantile err (sd) |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
const summary: string[] = ['| model | parameters | max z | max quantile err (sd) | passes (z <= 5, err <= 0.2) | sampler s |', '|---|---:|---:|---:|---|---:|'];
for (const model of MODELS) {
  const spec = JSON.parse(readFileSync(`${root}examples/specs/${model}.json`, 'utf8'));
  const ref = JSON.parse(readFileSync(`${shared}reference/${model}.json`, 'utf8')) as { parameters: Record<string, RefParam> };
  const result = await fit(spec, readFileSync(`${shared}data/${model}.csv`, 'utf8'), { chains: 4, warmup: 1000, draws: 1000, seed, parallel: 1, progressBar: false });
  let maxZ = 0;
  let maxQ = 0;
  for (const [name, r] of Object.entries(ref.parameters)) {
    const { mean, q5, q95 } = drawSummary(result.pooled(name));
    const z = Math.abs(mean - r.mean) / Math.hypot(mcseMean(result.draws(name)), r.mcse_mean);
    const qErr = Math.max(Math.abs(q5 - r.q5), Math.abs(q95 - r.q95)) / r.sd;
    maxZ = Math.max(maxZ, z);
    maxQ = Math.max(maxQ, qErr);
    if (all || !name.startsWith('r_')) lines.push(`| ${model} | ${name} | ${f(mean)} | ${f(r.mean)} | ${z.toFixed(2)} | ${f(q5)} | ${f(r.q5)} | ${f(q95)} | ${f(r.q95)} | ${qErr.toFixed(3)} |`);
  }
  const secs = result.run.chains.reduce((s, c) => s + c.seconds.warmup + c.seconds.sampling, 0);
  summary.push(`| ${model} | ${Object.keys(ref.parameters).length} | ${maxZ.toFixed(2)} | ${maxQ.toFixed(3)} | ${maxZ <= 5 && maxQ <= 0.2 ? 'yes' : 'NO'} | ${secs.toFixed(1)} |`);
}
console.log(`seed ${seed}\n`);
console.log(summary.join('\n'));
console.log('');
console.log(lines.join('\n'));
