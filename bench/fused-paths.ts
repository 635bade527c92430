/**
 * ns per logDensityGradient on the fused (one-pass) path vs the three-pass path, same model, same
 * process, interleaved repeats; prints one JSON line per model with the medians. Models whose family
 * has no fused code run three passes either way (both columns then time the same path).
 * Run: node --import tsx bench/fused-paths.ts [--model name] (issue 13/16 baseline). Run one model
 * per process (--model) for numbers: several models in one process make shared call sites polymorphic.
 *
 * --before <git ref>: instead, the default path of this working tree ("after") against the core
 * sources of <ref> ("before"), exported by git archive next to packages/core (so they resolve the
 * same node_modules), compiled on the same data and timed interleaved in this process. The check
 * line reports the largest relative difference of the two log densities and gradients.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, seededUniform } from '@strata/core';
import { ModelDensity } from '../packages/core/src/model/density.js';

const u = seededUniform(7);
const N = 400;
const G = 20;
const x = Array.from({ length: N }, () => 2 * u() - 1);
const g = Array.from({ length: N }, (_, i) => `g${i % G}`);
const re = Array.from({ length: G }, () => 0.5 * (u() - 0.5));
const eta = x.map((xi, i) => 0.3 + 0.8 * xi + re[i % G]);
const data = {
  x,
  g,
  yb: eta.map((e) => (u() < 1 / (1 + Math.exp(-e)) ? 1 : 0)),
  yc: eta.map((e) => Math.exp(e) * (0.5 + u())),
  k: eta.map((e) => Math.floor(Math.exp(e) * 2 * u())),
  yn: eta.map((e) => e + u() - 0.5),
  yp: eta.map((e) => 1 / (1 + Math.exp(-(0.5 * e + u() - 0.5)))),
  ord: eta.map((e, i) => (i < 4 ? 1 + i : 1 + Math.max(0, Math.min(3, Math.floor(1.5 + e + u()))))),
  w: x.map(() => 0.5 + u()),
};
const MODELS: Record<string, object> = {
  gaussian_glmm: { formula: 'yn ~ 1 + x + (1 | g)' },
  bernoulli_logit: { formula: 'yb ~ 1 + x + (1 | g)', family: 'bernoulli' },
  bernoulli_probit: { formula: 'yb ~ 1 + x + (1 | g)', family: 'bernoulli', link: 'probit' },
  poisson_glmm: { formula: 'k ~ 1 + x + (1 | g)', family: 'poisson' },
  negbinomial: { formula: 'k ~ 1 + x + (1 | g)', family: 'negbinomial' },
  zip: { formula: 'k ~ 1 + x + (1 | g)', family: 'zero_inflated_poisson' },
  gamma_glmm: { formula: 'yc ~ 1 + x + (1 | g)', family: 'gamma' },
  student: { formula: 'yn ~ 1 + x + (1 | g)', family: 'student' },
  cumulative: { formula: 'ord ~ x + (1 | g)', family: 'cumulative' },
  gaussian_weights: { formula: 'yn | weights(w) ~ 1 + x + (1 | g)' },
  // The per-observation kernels of issue 13/16's hoisting (families/observation/*.ts).
  beta: { formula: 'yp ~ 1 + x + (1 | g)', family: 'beta' },
  weibull: { formula: 'yc ~ 1 + x + (1 | g)', family: 'weibull' },
  zinb: { formula: 'k ~ 1 + x + (1 | g)', family: 'zero_inflated_negbinomial' },
  hurdle_nb: { formula: 'k ~ 1 + x + (1 | g)', family: 'hurdle_negbinomial' },
  negbinomial_weights: { formula: 'k | weights(w) ~ 1 + x + (1 | g)', family: 'negbinomial' },
  student_weights: { formula: 'yn | weights(w) ~ 1 + x + (1 | g)', family: 'student' },
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const arg = (flag: string) => (process.argv.indexOf(flag) >= 0 ? process.argv[process.argv.indexOf(flag) + 1] : null);
const only = arg('--model');
const beforeRef = arg('--before');

interface Density {
  logDensityGradient(theta: Float64Array, grad: Float64Array): number;
}
type Compile = typeof compile;

/** compile and ModelDensity of the core sources at `ref` (exported once per commit, git-ignored). */
async function coreAt(ref: string): Promise<{ compile: Compile; Density: typeof ModelDensity }> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
  const dir = `${root}packages/core/.bench-before/${commit}`;
  if (!existsSync(`${dir}/packages/core/src/index.ts`)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} packages/core/src | tar -x -C ${dir}`], { cwd: root });
  }
  const src = `${dir}/packages/core/src`;
  const core = (await import(`${src}/index.ts`)) as { compile: Compile };
  const density = (await import(`${src}/model/density.ts`)) as { ModelDensity: typeof ModelDensity };
  return { compile: core.compile, Density: density.ModelDensity };
}

const before = beforeRef ? await coreAt(beforeRef) : null;

for (const [name, spec] of Object.entries(MODELS)) {
  if (only && name !== only) continue;
  let m;
  let paths: Density[];
  try {
    m = compile(spec as never, data as never);
    if (before) {
      const mb = before.compile(spec as never, data as never);
      paths = [new before.Density(mb.structure, mb.layout), new ModelDensity(m.structure, m.layout)];
    } else {
      paths = [new ModelDensity(m.structure, m.layout), new ModelDensity(m.structure, m.layout, { fused: false })];
    }
  } catch (e) {
    console.log(JSON.stringify({ model: name, error: String((e as Error).message).slice(0, 120) }));
    continue;
  }
  const theta = new Float64Array(m.dimension).map((_, i) => 0.1 * Math.sin(i + 1));
  const grad = new Float64Array(m.dimension);
  const t: number[][] = [[], []];
  let sink = 0;
  for (const p of paths) for (let i = 0; i < 3000; i++) sink += p.logDensityGradient(theta, grad);
  const reps = 500;
  for (let s = 0; s < 21; s++)
    for (let k = 0; k < 2; k++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < reps; i++) sink += paths[k].logDensityGradient(theta, grad);
      t[k].push(Number(process.hrtime.bigint() - t0) / reps);
    }
  if (before) {
    // Same model, two code versions: the largest relative gap of value and gradient at theta.
    const g0 = new Float64Array(m.dimension);
    const v0 = paths[0].logDensityGradient(theta, g0);
    const v1 = paths[1].logDensityGradient(theta, grad);
    let rel = Math.abs(v1 - v0) / Math.max(1e-300, Math.abs(v0));
    for (let i = 0; i < grad.length; i++) rel = Math.max(rel, Math.abs(grad[i] - g0[i]) / Math.max(1e-300, Math.abs(g0[i])));
    const med = t.map((ts) => Math.round(median(ts)) / 1000);
    console.log(JSON.stringify({ model: name, before_us: med[0], after_us: med[1], max_rel_diff: rel, finite: Number.isFinite(sink) }));
  } else {
    console.log(JSON.stringify({ model: name, fused_ns: Math.round(median(t[0])), three_pass_ns: Math.round(median(t[1])), finite: Number.isFinite(sink) }));
  }
}
