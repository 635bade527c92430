/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari & Gelman 2018): for each
 * replication draw parameters from the prior and data from the model, fit, thin the posterior to L
 * draws and record the rank of each true value among them. If the sampler (and the model's density)
 * are right, every parameter's ranks are uniform on 0..L.
 */
import { essBulk } from '@strata/diagnostics';
import { fit, type FitOptions } from '../fit.js';
import type { SbcModel } from './models.js';
import { sbcRandom } from './random.js';
import { sbcRank, thinDraws } from './ranks.js';

export interface SbcOptions {
  /** How many replications (indices 0..n-1), or which replication indices to run (to share work between processes). */
  replications: number | readonly number[];
  /** Master seed: replication i simulates from stream i and fits with a seed derived from (seed, i). */
  seed?: number;
  /** Thinned draws per replication (ranks are 0..L; default 99, so that L + 1 = 100 splits into 20 or 5 bins). */
  L?: number;
  chains?: number;
  warmup?: number;
  /** Kept draws per chain of the first fit (default 250). */
  draws?: number;
  /** Talts et al.'s check: refit with twice the draws while min bulk ESS < L + 1 (at most this many times; default 2). */
  maxDoublings?: number;
  /** Worker threads per fit (fit()'s `parallel`; default 2). */
  parallel?: number;
  adaptDelta?: number;
  /**
   * Also rank against the draws shifted by these amounts (a deliberately wrong posterior, which a
   * working test must reject). Keyed by parameter name.
   */
  shift?: Record<string, number>;
  /** Called after each replication. */
  onReplication?: (rep: SbcReplication, index: number) => void;
}

export interface SbcReplication {
  index: number;
  fitSeed: number;
  truth: Record<string, number>;
  ranks: Record<string, number>;
  /** Ranks against the shifted draws (only with options.shift). */
  shiftedRanks?: Record<string, number>;
  /** Smallest bulk ESS over the tested parameters in the final fit. */
  minEssBulk: number;
  /** Draws per chain in the final fit (after any doubling). */
  drawsPerChain: number;
  divergent: number;
  gradientEvaluations: number;
  /** Wall seconds for the replication (simulation, fits, ranks). */
  seconds: number;
}

export interface SbcResult {
  model: string;
  L: number;
  parameters: readonly string[];
  replications: SbcReplication[];
  /** Per parameter, the rank of each replication in order. */
  ranks: Record<string, number[]>;
  shiftedRanks?: Record<string, number[]>;
}

/** A 32-bit seed per replication (splitmix-style mixing of the master seed and the index). */
export function replicationSeed(seed: number, index: number): number {
  let z = (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Runs SBC for one model, replication after replication (each fit may use several threads). */
export async function runSbc(model: SbcModel, options: SbcOptions): Promise<SbcResult> {
  const L = options.L ?? 99;
  const seed = options.seed ?? 1;
  const chains = options.chains ?? 4;
  const maxDoublings = options.maxDoublings ?? 2;
  const params = model.parameters;
  const replications: SbcReplication[] = [];
  const indices = typeof options.replications === 'number' ? Array.from({ length: options.replications }, (_, i) => i) : options.replications;
  for (const i of indices) {
    const t0 = performance.now();
    const rng = sbcRandom(seed, i);
    const { truth, data } = model.simulate(rng);
    const fitSeed = replicationSeed(seed, i);
    let draws = options.draws ?? 250;
    let gradientEvaluations = 0;
    let result;
    let minEss = 0;
    for (let attempt = 0; ; attempt++) {
      const fitOptions: FitOptions = {
        chains,
        warmup: options.warmup ?? 500,
        draws,
        seed: fitSeed,
        parallel: options.parallel ?? 2,
        progressBar: false,
        ...(options.adaptDelta !== undefined && { adaptDelta: options.adaptDelta }),
      };
      result = await fit(model.spec, data, fitOptions);
      gradientEvaluations += result.run.chains.reduce((s, c) => s + c.gradientEvaluations.warmup + c.gradientEvaluations.sampling, 0);
      minEss = Math.min(...params.map((p) => essBulk(result!.draws(p))));
      if (!(minEss < L + 1) || attempt >= maxDoublings || chains * draws * 2 > 1e6) break;
      draws *= 2;
    }
    const fitted = result!;
    const ranks: Record<string, number> = {};
    const shiftedRanks: Record<string, number> = {};
    for (const p of params) {
      if (!(p in truth)) throw new Error(`SBC model ${model.name} did not simulate a true value for ${p}`);
      const thinned = thinDraws(fitted.draws(p), L);
      ranks[p] = sbcRank(truth[p], thinned, () => rng.uniform());
      if (options.shift && options.shift[p] !== undefined) {
        const s = options.shift[p];
        shiftedRanks[p] = sbcRank(truth[p], thinned.map((v) => v + s), () => rng.uniform());
      }
    }
    const divergent = fitted.run.chains.reduce((s, c) => s + c.stats.divergent__.reduce((a, b) => a + b, 0), 0);
    const rep: SbcReplication = {
      index: i,
      fitSeed,
      truth: Object.fromEntries(params.map((p) => [p, truth[p]])),
      ranks,
      ...(options.shift && { shiftedRanks }),
      minEssBulk: minEss,
      drawsPerChain: draws,
      divergent,
      gradientEvaluations,
      seconds: (performance.now() - t0) / 1000,
    };
    replications.push(rep);
    options.onReplication?.(rep, i);
  }
  const collect = (key: 'ranks' | 'shiftedRanks') =>
    Object.fromEntries(params.map((p) => [p, replications.map((r) => (r[key] ?? {})[p])])) as Record<string, number[]>;
  return {
    model: model.name,
    L,
    parameters: params,
    replications,
    ranks: collect('ranks'),
    ...(options.shift && { shiftedRanks: collect('shiftedRanks') }),
  };
}
