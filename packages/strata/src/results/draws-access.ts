/**
 * Where each model quantity sits in a fit's constrained draws, and small helpers the results modules
 * share (posterior means, a seeded random source, which draws to use).
 */
import { SpecError, type CompiledModel, type GroupBlock, type RandomSource } from '@strata/core';
import { isSeedWord, seededRandom, UINT32_MAX } from '../random.js';
import type { FitData } from './fit-data.js';

export interface GroupIndex {
  block: GroupBlock;
  /** Constrained index of each coefficient's sd. */
  sd: number[];
  /** Constrained index of r[level 0, coef 0]; the block is levels x q, level-major (as the model stores it). */
  r: number;
}

export interface ParamIndex {
  /** Per linear predictor (structure.predictors order): constrained index of each fixed coefficient. */
  beta: number[][];
  /** Constrained index of each auxiliary parameter of the family (sigma, nu, shape). */
  aux: number[];
  groups: GroupIndex[];
}

const cache = new WeakMap<CompiledModel, ParamIndex>();

/** Positions of betas, aux, sds and group effects in the model's constrained vector. */
export function paramIndex(model: CompiledModel): ParamIndex {
  const hit = cache.get(model);
  if (hit) return hit;
  const names = model.constrainedNames;
  const at = new Map(names.map((n, k) => [n, k] as const));
  const find = (name: string): number => {
    const k = at.get(name);
    if (k === undefined) throw new Error(`internal: constrained quantity ${name} not found`);
    return k;
  };
  const { layout } = model;
  let r = names.length - layout.groups.reduce((s, g) => s + g.levels * g.q, 0);
  const groups = layout.groups.map((block) => {
    const start = r;
    r += block.levels * block.q;
    if (block.levels > 0 && !names[start].startsWith('r_')) throw new Error(`internal: group effects of ${block.design.group} not where expected`);
    return { block, sd: block.sd.map((p) => find(p.name)), r: start };
  });
  const index: ParamIndex = {
    beta: layout.fixed.map((f) => f.params.map((p) => find(p.name))),
    aux: layout.aux.map((p) => find(p.name)),
    groups,
  };
  cache.set(model, index);
  return index;
}

/** Posterior mean of every constrained quantity. */
export function posteriorMeans(fit: FitData): Float64Array {
  const k = fit.names.length;
  const out = new Float64Array(k);
  for (const chain of fit.constrained) {
    for (let i = 0; i < fit.iterations; i++) for (let j = 0; j < k; j++) out[j] += chain[i * k + j];
  }
  const S = fit.totalDraws;
  for (let j = 0; j < k; j++) out[j] /= S;
  return out;
}

/** Keeps predict()'s streams apart from SBC's for the same seed. */
const RESULTS_SALT = 0x57a7a;

/** The seeded random source of predictions (../random.ts), one stream per use. */
export function resultsRandom(seed: number, stream: number): RandomSource {
  checkSeed(seed);
  return seededRandom(seed, stream, RESULTS_SALT);
}

export function checkSeed(seed: unknown): asserts seed is number {
  if (!isSeedWord(seed)) {
    throw new SpecError(`seed must be an integer in [0, ${UINT32_MAX}], got ${typeof seed === 'string' ? JSON.stringify(seed) : String(seed)}`, 'options.seed');
  }
}

/**
 * Which pooled draws to use: all of them, or `count` evenly spaced ones (draw floor(k S / count),
 * k = 0..count-1), so a thinned set still spans every chain.
 */
export function selectDraws(fit: FitData, count: number | undefined): Int32Array {
  const S = fit.totalDraws;
  if (count === undefined) return Int32Array.from({ length: S }, (_, s) => s);
  if (!Number.isInteger(count) || count < 1 || count > S) {
    throw new SpecError(`draws must be an integer from 1 to the ${S} posterior draws of this fit, got ${String(count)}`, 'options.draws');
  }
  return Int32Array.from({ length: count }, (_, k) => Math.floor((k * S) / count));
}
