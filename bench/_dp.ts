import { compile, seededUniform } from '@strata/core';
const u = seededUniform(7);
const N = 400, G = 20;
const x = Array.from({ length: N }, () => 2 * u() - 1);
const g = Array.from({ length: N }, (_, i) => `g${i % G}`);
const yn = x.map((xi, i) => 0.3 + 0.8 * xi + (i % 7) * 0.1 + u() - 0.5);
const k = x.map((xi) => Math.floor(Math.exp(xi) * 2 * u()));
const specs: Record<string, object> = {
  plain: { formula: 'yn ~ 1 + x + (1 | g)' },
  sigma_x: { formula: 'yn ~ 1 + x + (1 | g)', dpars: { sigma: '1 + x' } },
  sigma_xg: { formula: 'yn ~ 1 + x + (1 | g)', dpars: { sigma: '1 + x + (1 | g)' } },
  nb_shape: { formula: 'k ~ 1 + x + (1 | g)', family: 'negbinomial', dpars: { shape: '1 + x' } },
};
const which = process.argv[2];
const m = compile(specs[which], { x, g, yn, k }, process.argv[3] === 'nofuse' ? { fused: false } as never : {});
const theta = Float64Array.from({ length: m.dimension }, (_, i) => 0.05 * ((i % 5) - 2));
const grad = new Float64Array(m.dimension);
for (let i = 0; i < 20000; i++) m.logDensityGradient(theta, grad);
const reps = 40000;
const t0 = process.hrtime.bigint();
for (let i = 0; i < reps; i++) m.logDensityGradient(theta, grad);
console.log(which, (Number(process.hrtime.bigint() - t0) / reps / 1000).toFixed(2), 'us/grad');
