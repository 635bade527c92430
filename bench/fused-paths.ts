/**
 * ns per logDensityGradient on the fused (one-pass) path vs the three-pass path, same model, same
 * process, interleaved repeats; prints one JSON line per model with the medians. Models whose family
 * has no fused code run three passes either way (both columns then time the same path).
 * Run: node --import tsx bench/fused-paths.ts [--model name] (issue 13/16 baseline). Run one model
 * per process (--model) for numbers: several models in one process make shared call sites polymorphic.
 */
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
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const only = process.argv.indexOf('--model') >= 0 ? process.argv[process.argv.indexOf('--model') + 1] : null;
for (const [name, spec] of Object.entries(MODELS)) {
  if (only && name !== only) continue;
  let m;
  try {
    m = compile(spec as never, data as never);
  } catch (e) {
    console.log(JSON.stringify({ model: name, error: String((e as Error).message).slice(0, 120) }));
    continue;
  }
  const paths = [new ModelDensity(m.structure, m.layout), new ModelDensity(m.structure, m.layout, { fused: false })];
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
  console.log(JSON.stringify({ model: name, fused_ns: Math.round(median(t[0])), three_pass_ns: Math.round(median(t[1])), finite: Number.isFinite(sink) }));
}
