/**
 * Agreement with the R package loo (values in fixtures/loo-reference.json, produced by
 * fixtures/generate-loo-reference.R from inputs both sides regenerate with helpers.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loo, looCompare, psis, waic } from '../../src/results/loo/index.js';
import { normalModelLogLik, normals, uniforms } from './helpers.js';

interface PsisRef { name: string; r_eff: number; pareto_k: number; log_weights_head: number[]; max_log_weight: number; sum_w2: number }
interface LooRef {
  name: string;
  loo: { elpd_loo: number; se_elpd_loo: number; p_loo: number; se_p_loo: number; looic: number; se_looic: number; pointwise_elpd_loo: number[]; pareto_k: number[] };
  waic: { elpd_waic: number; se_elpd_waic: number; p_waic: number; waic: number };
}
const ref = JSON.parse(readFileSync(new URL('./fixtures/loo-reference.json', import.meta.url), 'utf8')) as {
  generator: string;
  psis: PsisRef[];
  loo: LooRef[];
  compare: { models: string[]; elpd_diff: number[]; se_diff: number[] };
};

const psisInputs: Record<string, () => Float64Array> = {
  'lognormal-1000': () => normals(11, 1000).map((z) => 1.5 * z),
  'pareto-0.8-1000': () => uniforms(12, 1000).map((u) => 0.8 * -Math.log(u)),
  'normal-4000-reff0.5': () => normals(13, 4000),
  'pareto-0.3-200': () => uniforms(14, 200).map((u) => 0.3 * -Math.log(u)),
};

function close(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe(`PSIS agrees with ${ref.generator}`, () => {
  it.each(ref.psis.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = psis(psisInputs[c.name](), c.r_eff);
    close(r.paretoK, c.pareto_k);
    c.log_weights_head.forEach((lw, s) => close(r.logWeights[s], lw));
    close(Math.max(...r.logWeights), c.max_log_weight);
    close(r.logWeights.reduce((a, lw) => a + Math.exp(2 * lw), 0), c.sum_w2);
  });
});

describe(`loo and waic agree with ${ref.generator}`, () => {
  const inputs: Record<string, () => { y: Float64Array; z: Float64Array }> = {
    'normal-n20-S1000': () => ({ y: normals(21, 20), z: normals(31, 1000) }),
    'normal-outlier-n20-S1000': () => ({ y: Float64Array.from([...normals(22, 19), 6]), z: normals(32, 1000) }),
  };
  it.each(ref.loo.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { y, z } = inputs[c.name]();
    const ll = normalModelLogLik(y, z);
    const l = loo(ll, z.length, y.length);
    for (const key of ['elpd_loo', 'se_elpd_loo', 'p_loo', 'se_p_loo', 'looic', 'se_looic'] as const) close(l[key], c.loo[key]);
    c.loo.pointwise_elpd_loo.forEach((e, i) => close(l.pointwise.elpd_loo[i], e));
    c.loo.pareto_k.forEach((k, i) => close(l.pointwise.pareto_k[i], k));
    const w = waic(ll, z.length, y.length);
    for (const key of ['elpd_waic', 'se_elpd_waic', 'p_waic', 'waic'] as const) close(w[key], c.waic[key]);
  });

  it('looCompare matches loo_compare', () => {
    const y = normals(21, 20);
    // mu_s = ybar + shift + z_s / sqrt(n), as in the R script.
    const shifted = (z: Float64Array, shift: number) =>
      normalModelLogLik(y, z.map((zz) => zz + shift * Math.sqrt(y.length)));
    const a = loo(shifted(normals(41, 1000), 0), 1000, 20);
    const b = loo(shifted(normals(42, 1000), 0.5), 1000, 20);
    const { rows } = looCompare({ name: 'b', loo: b }, { name: 'a', loo: a });
    expect(rows.map((r) => r.model)).toEqual(ref.compare.models);
    rows.forEach((r, j) => {
      close(r.elpd_diff, ref.compare.elpd_diff[j]);
      close(r.se_diff, ref.compare.se_diff[j]);
    });
  });
});
