import { PerformanceObserver } from 'node:perf_hooks';
import { compile, seededUniform } from '@strata/core';
const u = seededUniform(7);
const N = 400, G = 20;
const x = Array.from({ length: N }, () => 2 * u() - 1);
const g = Array.from({ length: N }, (_, i) => `g${i % G}`);
const yn = x.map((xi, i) => 0.3 + 0.8 * xi + (i % 7) * 0.1 + u() - 0.5);
const t = x.map((_, i) => i);
const w = x.map(() => 1.5);
const specs: Record<string, object> = {
  weights: { formula: 'yn | weights(w) ~ 1 + x + (1 | g)' },
  gamma_w: { formula: 'yc | weights(w) ~ 1 + x + (1 | g)', family: 'gamma' },
  sigma_int: { formula: 'yn ~ 1 + x + (1 | g)', dpars: { sigma: '1' } },
  sigma_x_only: { formula: 'yn ~ 1 + x', dpars: { sigma: '1 + x' } },
  sigma_x: { formula: 'yn ~ 1 + x + (1 | g)', dpars: { sigma: '1 + x' } },
  sigma_nl: { formula: 'yn ~ a * exp(-b * x)', nl: { a: '1 + (1 | g)', b: '1' }, dpars: { sigma: '1 + x' } },
  car1_sigma: { formula: 'yn ~ 1 + x + (1 | g)', dpars: { sigma: '1 + x' }, autocor: 'car1(time = t, gr = g)' },
};
const m = compile(specs[process.argv[2]], { x, g, yn, t, w, yc: yn.map((v) => Math.exp(v)) });
const theta = Float64Array.from({ length: m.dimension }, (_, i) => 0.05 * ((i % 5) - 2));
const grad = new Float64Array(m.dimension);
for (let i = 0; i < 20000; i++) m.logDensityGradient(theta, grad);
let c = 0;
const obs = new PerformanceObserver((l) => (c += l.getEntries().length));
obs.observe({ entryTypes: ['gc'] });
for (let i = 0; i < 50000; i++) m.logDensityGradient(theta, grad);
await new Promise((r) => setTimeout(r, 50));
console.log(process.argv[2], 'gcs', c);
