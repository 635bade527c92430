/** Shared helpers of the results tests: small seeded fits, shared data, a fake Fit, seeded normals. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { compile, type TableInput } from '@strata/core';
import type { RunResult } from '@strata/samplers';
import { Fit, fit } from '../../src/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

function read(path: string): string {
  if (!existsSync(path)) throw new Error(`missing ${path}: the results tests need ../shared next to the repository`);
  return readFileSync(path, 'utf8');
}

export const sharedCsv = (name: string): string => read(`${shared}data/${name}.csv`);
export const exampleSpec = (name: string): unknown => JSON.parse(read(`${root}examples/specs/${name}.json`));

/** A small, reproducible fit: 2 chains x `draws` after as many warmup iterations, in this thread. */
export function smallFit(spec: unknown, data: TableInput, draws = 300, seed = 11): Promise<Fit> {
  return fit(spec, data, { chains: 2, warmup: draws, draws, parallel: 1, progressBar: false, seed, adaptDelta: 0.9 });
}

/**
 * A Fit whose "draws" are random unconstrained vectors, N(0, 0.5^2) per coordinate (no sampling): for
 * checks that hold for any parameter values (exact formulas, errors) at no sampling cost.
 */
export function fakeFit(spec: unknown, data: TableInput, chainCount = 2, draws = 40, seed = 5): Fit {
  const model = compile(spec, data);
  const thetas = randomThetas(model.dimension, chainCount, draws, seed);
  const chains = thetas.map((list, chain) => {
    const flat = new Float64Array(list.length * model.dimension);
    list.forEach((t, i) => flat.set(t, i * model.dimension));
    return { chain, dimension: model.dimension, draws: flat };
  });
  const run = { chains, seed, incomplete: false, config: {} } as unknown as RunResult;
  return new Fit(model, run, { maxTreeDepth: 10 });
}

/** Park-Miller uniforms and Box-Muller normals: a generator independent of the code under test. */
export function normals(seed: number): () => number {
  let state = seed;
  const u = () => {
    state = (16807 * state) % 2147483647;
    return state / 2147483647;
  };
  for (let i = 0; i < 10; i++) u();
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Random unconstrained vectors: chains x draws of N(0, scale^2) coordinates. */
export function randomThetas(dimension: number, chains: number, draws: number, seed: number, scale = 0.5): Float64Array[][] {
  const z = normals(seed);
  return Array.from({ length: chains }, () => Array.from({ length: draws }, () => Float64Array.from({ length: dimension }, () => scale * z())));
}

/** Row objects of a CSV text with numbers where a cell reads as one. */
export function csvRows(text: string): Record<string, string | number>[] {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, k) => [names[k], v !== '' && Number.isFinite(Number(v)) ? Number(v) : v])));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

export function sd(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

/** Expect fn to throw an instance of `type`; returns the error. */
export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected ${type.name} to be thrown, but nothing was thrown`);
}
