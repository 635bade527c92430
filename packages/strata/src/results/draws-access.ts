/**
 * Where each model quantity sits in a fit's constrained draws, and small helpers the results modules
 * share (posterior means, a seeded random source, which draws to use).
 */
import { SpecError, type CompiledModel, type GroupBlock, type RandomSource } from '@strata/core';
import { isSeedWord, seededRandom, UINT32_MAX } from '../random.js';
import type { FitData } from './fit-data.js';

/** A group term's layout block with its positions in the constrained vector (core's layout.constrained). */
export interface GroupIndex {
  block: GroupBlock;
  /** Constrained index of each coefficient's sd. */
  sd: number[];
  /** Constrained index of r[level 0, coef 0]; the block is levels x q, level-major (as the model stores it). */
  r: number;
}

export interface ParamIndex {
  /** Per linear predictor (layout.fixed order): constrained index of each fixed coefficient. */
  beta: number[][];
  /** Per family.aux entry (sigma, nu, shape), family order: its constrained index, or -1 when a dpars formula models it. */
  aux: number[];
  groups: GroupIndex[];
}

/** Core's constrained positions, each group term paired with its layout block. */
export function paramIndex(model: CompiledModel): ParamIndex {
  const { layout } = model;
  const c = layout.constrained;
  return { beta: c.beta, aux: c.familyAux, groups: layout.groups.map((block, t) => ({ block, sd: c.groups[t].sd, r: c.groups[t].r })) };
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
