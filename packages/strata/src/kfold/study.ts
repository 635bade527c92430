/**
 * K-fold cross-validation as jobs: job k fits the model without fold k's rows and scores each
 * held-out row by its log predictive density, log mean_s p(y_i | theta_s), over the posterior draws.
 * Held-out rows of a level the training data does not have (always so for grouped folds) get fresh
 * group effects from the fitted population distribution (predict's allowNewLevels, as brms's kfold
 * with allow_new_levels = TRUE).
 */
import { compile } from '@strata/core';
import { fit } from '../fit.js';
import type { Columns } from '../simulate/design.js';
import type { FitSettings } from '../simulate/simfit.js';
import { replicationSeed } from '../sbc/run.js';
import { assignFolds, FoldError } from './folds.js';

export interface KfoldStudy {
  kind: 'kfold';
  spec: unknown;
  data: Columns;
  K: number;
  /** Grouping column for grouped folds. */
  group?: string;
  seed: number;
  fit: FitSettings;
}

export interface KfoldJobResult {
  fold: number;
  /** 0-based rows held out in this fold. */
  rows: number[];
  /** elpd of each held-out row, in `rows` order. */
  elpd: number[];
}

export function studyFolds(study: KfoldStudy): number[] {
  const n = Object.values(study.data)[0]?.length ?? 0;
  let groups: (string | number)[] | undefined;
  if (study.group !== undefined) {
    groups = study.data[study.group];
    if (!groups) throw new FoldError(`grouped folds: the data has no column "${study.group}" (columns: ${Object.keys(study.data).join(', ')})`);
  }
  return assignFolds(n, study.K, study.seed, groups);
}

function pick(data: Columns, rows: number[]): Columns {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, rows.map((i) => v[i])]));
}

/** log mean exp of one column of an S x N row-major matrix. */
function logMeanExp(m: Float64Array, S: number, N: number, i: number): number {
  let max = -Infinity;
  for (let s = 0; s < S; s++) max = Math.max(max, m[s * N + i]);
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (let s = 0; s < S; s++) sum += Math.exp(m[s * N + i] - max);
  return max + Math.log(sum / S);
}

export async function runKfoldJob(study: KfoldStudy, fold: number): Promise<KfoldJobResult> {
  const folds = studyFolds(study);
  const test = folds.flatMap((f, i) => (f === fold ? [i] : []));
  const train = folds.flatMap((f, i) => (f === fold ? [] : [i]));
  const seed = replicationSeed(study.seed, fold);
  const result = await fit(study.spec, pick(study.data, train), {
    chains: study.fit.chains,
    warmup: study.fit.warmup,
    draws: study.fit.draws,
    seed,
    parallel: 1,
    progressBar: false,
    ...(study.fit.adaptDelta !== undefined && { adaptDelta: study.fit.adaptDelta }),
  });
  const heldOut = pick(study.data, test);
  const pred = result.posteriorLinpred(heldOut, { allowNewLevels: true, seed });
  // The held-out rows' response (and trials / se) as the model reads them, bound to the family's likelihood.
  const s = compile(study.spec, heldOut).structure;
  const likelihood = result.model.family.bind({ y: s.y, ...(s.trials && { trials: s.trials }), ...(s.se && { se: s.se }) });
  const auxNames = result.model.layout.aux.map((p) => p.name);
  const auxDraws = auxNames.map((a) => result.pooled(a));
  const S = pred.S;
  const N = pred.N;
  const ll = new Float64Array(S * N);
  const aux = new Float64Array(auxNames.length);
  for (let k = 0; k < S; k++) {
    const d = pred.drawIndex[k];
    for (let a = 0; a < aux.length; a++) aux[a] = auxDraws[a][d];
    likelihood.pointwise(pred.draws.subarray(k * N, (k + 1) * N), aux, ll.subarray(k * N, (k + 1) * N));
  }
  return { fold, rows: test, elpd: test.map((_, i) => logMeanExp(ll, S, N, i)) };
}

export interface KfoldResult {
  K: number;
  grouped: string | null;
  /** Sum of the pointwise elpd. */
  elpd_kfold: number;
  /** sqrt(N var(pointwise)), as loo's se_elpd_loo. */
  se: number;
  /** Per data row (0-based order): its fold and elpd. */
  pointwise: { fold: number; elpd: number }[];
}

export function combineKfold(study: KfoldStudy, results: KfoldJobResult[]): KfoldResult {
  const folds = studyFolds(study);
  const elpd = new Array<number>(folds.length).fill(Number.NaN);
  for (const r of results) r.rows.forEach((row, i) => (elpd[row] = r.elpd[i]));
  const n = elpd.length;
  const total = elpd.reduce((a, b) => a + b, 0);
  const mean = total / n;
  const variance = elpd.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (n - 1);
  return { K: study.K, grouped: study.group ?? null, elpd_kfold: total, se: Math.sqrt(n * variance), pointwise: folds.map((fold, i) => ({ fold, elpd: elpd[i] })) };
}
