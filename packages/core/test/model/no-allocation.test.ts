/**
 * A gradient evaluation allocates nothing: 100k evaluations with even one small allocation each
 * (several MB) overflow V8's young generation and force a collection. Collections can also come from
 * the JIT finishing background work (late on a loaded machine), so up to 8 batches are allowed; real
 * allocation shows in every one.
 * Each model runs in its own process (fixtures/count-collections.ts), as in a sampler worker; `power`
 * is x^y (the kernel's $pow, through an in/out array) and the library functions that use it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/count-collections.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('logDensityGradient allocates nothing', () => {
  for (const name of [
    'sleepstudy',
    'orange',
    'eight_schools',
    'radon',
    'power',
    // the fused loops of the kernel families, the fused dpars loop, heteroscedastic autocor
    ...['gamma', 'weibull', 'beta', 'student', 'negbinomial', 'zero_inflated_poisson', 'hurdle_poisson', 'sigma_dpars', 'car1_sigma'].map((k) => `synthetic:${k}`),
  ]) {
    it(name, () => {
      if (name !== 'power' && !name.startsWith('synthetic:') && !existsSync(`${shared}reference/${name}.json`)) throw new Error(`missing ${shared}: the tests need ../shared next to the repository`);
      const out = execFileSync(process.execPath, ['--import', 'tsx', child, shared, name], { cwd: root, encoding: 'utf8' });
      const { perBatch, finite } = JSON.parse(out.trim().split('\n').pop()!) as { perBatch: number[]; finite: boolean };
      expect(finite).toBe(true);
      expect(Math.min(...perBatch)).toBe(0);
    });
  }
});
