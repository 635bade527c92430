/**
 * Guard for refactors that must not change a single draw: short fixed-seed fits of models of every
 * shape the kernels have (the five reference models; GLMMs of each family; crossed and nested groups;
 * a growth function with hoisting; a user nonlinear formula with two random parameters; se()), each
 * reduced to a digest of its unconstrained draws and sampler statistics. A digest changes when any bit
 * of any draw does. When a change is meant to alter the draws (a new algorithm, not a refactor),
 * update the digests here and say why in the commit.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fit } from '../../src/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function read(path: string): string {
  if (!existsSync(path)) throw new Error(`missing ${path}`);
  return readFileSync(path, 'utf8');
}

/** Deterministic uniforms (a 32-bit LCG; only to make test data). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A small synthetic data set with subjects (sorted), sites (crossed), a covariate and counts. */
function synthetic(seed: number, n: number): Record<string, (number | string)[]> {
  const u = lcg(seed);
  const subject = Array.from({ length: n }, (_, i) => `s${Math.floor((i * 10) / n)}`);
  const site = Array.from({ length: n }, () => `c${Math.floor(u() * 4)}`);
  const x = Array.from({ length: n }, () => Math.round((u() * 4 - 2) * 100) / 100);
  const t = Array.from({ length: n }, (_, i) => 0.5 + (i % 6));
  const a = subject.map((s) => 0.3 * (Number(s.slice(1)) - 5));
  const trials = Array.from({ length: n }, () => 2 + Math.floor(u() * 8));
  const eta = x.map((xi, i) => 0.2 + 0.5 * xi + 0.3 * a[i]);
  const count = eta.map((e) => Math.floor(Math.exp(e) * (0.5 + u() * 1.5)));
  const success = eta.map((e, i) => Math.min(trials[i], Math.floor(trials[i] * (1 / (1 + Math.exp(-e))) * (0.6 + u() * 0.8))));
  const bin = eta.map((e) => (u() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
  const yg = eta.map((e) => Math.round((3 + 2 * e + (u() - 0.5) * 2) * 100) / 100);
  const ypos = eta.map((e) => Math.round(Math.exp(e + (u() - 0.5)) * 1000) / 1000);
  // growth: asymptote per subject, shared times
  const growth = t.map((ti, i) => Math.round((20 * (1 + 0.1 * a[i]) * (1 - Math.exp(-0.4 * ti)) + (u() - 0.5)) * 100) / 100);
  const se = Array.from({ length: n }, () => 0.5 + Math.round(u() * 100) / 100);
  return { subject, site, x, t, trials, count, success, bin, yg, ypos, growth, se };
}

interface Case {
  name: string;
  spec: Record<string, unknown>;
  data: () => string | Record<string, (number | string)[]>;
  digest: string;
}

const shared = (name: string) => () => read(`${root}examples/data/${name}.csv`);
const spec = (name: string) => JSON.parse(read(`${root}examples/specs/${name}.json`)) as Record<string, unknown>;
const syn = () => synthetic(7, 120);

const CASES: Case[] = [
  { name: 'sleepstudy', spec: spec('sleepstudy'), data: shared('sleepstudy'), digest: 'b8441fca8db642ac' },
  { name: 'orange', spec: spec('orange'), data: shared('orange'), digest: '52e8dec0efdade91' },
  { name: 'eight_schools', spec: spec('eight_schools'), data: shared('eight_schools'), digest: 'a6270a645311e406' },
  { name: 'orthodont', spec: spec('orthodont'), data: shared('orthodont'), digest: '89c8dbe4230d233c' },
  { name: 'radon', spec: spec('radon'), data: shared('radon'), digest: '411aa46e6d77fa31' },
  { name: 'gaussian crossed', spec: { formula: 'yg ~ 1 + x + (1 + x | subject) + (1 | site)' }, data: syn, digest: 'ef7f8506e2121b2d' },
  { name: 'student', spec: { formula: 'yg ~ 1 + x + (1 | subject)', family: 'student' }, data: syn, digest: '8d23b1285bf79ab7' },
  { name: 'lognormal', spec: { formula: 'ypos ~ 1 + x + (1 | subject)', family: 'lognormal' }, data: syn, digest: '6fef8e328c1ab35e' },
  { name: 'bernoulli', spec: { formula: 'bin ~ 1 + x + (1 | subject)', family: 'bernoulli' }, data: syn, digest: 'e94b7283d6eb920f' },
  { name: 'binomial crossed', spec: { formula: 'success | trials(trials) ~ 1 + x + (1 | subject) + (1 | site)', family: 'binomial' }, data: syn, digest: '76dae42eaa405522' },
  { name: 'poisson crossed', spec: { formula: 'count ~ 1 + x + (1 | subject) + (1 | site)', family: 'poisson' }, data: syn, digest: 'cb31da3f5080fbb5' },
  { name: 'negbinomial', spec: { formula: 'count ~ 1 + x + (1 | subject)', family: 'negbinomial' }, data: syn, digest: '543d0cc1ec5789b2' },
  { name: 'se', spec: { formula: 'yg | se(se) ~ 1 + x + (1 | site)' }, data: syn, digest: 'f60786f791e00bf4' },
  {
    name: 'SSasymp',
    spec: {
      formula: 'growth ~ SSasymp(t, Asym, R0, lrc)',
      nl: { Asym: '1 + (1 | subject)', R0: '1', lrc: '1' },
      priors: [
        { prior: 'normal(20, 10)', class: 'b', nlpar: 'Asym' },
        { prior: 'normal(0, 5)', class: 'b', nlpar: 'R0' },
        { prior: 'normal(-1, 1)', class: 'b', nlpar: 'lrc' },
      ],
    },
    data: syn,
    digest: '1c02fd0a5ec99311',
  },
  {
    name: 'user nonlinear, two random parameters',
    spec: {
      formula: 'growth ~ A * (1 - exp(-k * t))',
      nl: { A: '1 + x + (1 | subject)', k: '1 + (1 | subject)' },
      priors: [
        { prior: 'normal(20, 10)', class: 'b', nlpar: 'A' },
        { prior: 'normal(0.4, 0.3)', class: 'b', nlpar: 'k' },
      ],
    },
    data: syn,
    digest: 'a5355e5982d9c49b',
  },
];

function digestOf(result: Awaited<ReturnType<typeof fit>>): string {
  const hash = createHash('sha256');
  for (const chain of result.run.chains) {
    hash.update(new Uint8Array(chain.draws.buffer, chain.draws.byteOffset, chain.draws.byteLength));
    for (const v of Object.values(chain.stats)) hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return hash.digest('hex').slice(0, 16);
}

describe('draws are bit-identical across refactors (digests of short fixed-seed fits)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const result = await fit(c.spec, c.data(), { chains: 2, warmup: 150, draws: 100, seed: 11, parallel: 1, progressBar: false });
      expect(digestOf(result)).toBe(c.digest);
    });
  }
});
