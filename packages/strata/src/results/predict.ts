/**
 * Posterior predictions for new data (or the training data): draws of the linear predictor and of
 * E[y | theta, x], and replicated data. See docs/results.md for the exact semantics of `groups`.
 * The linear predictors themselves (X beta + Z r, fresh effects r = diag(tau) L z for new levels,
 * the stage-1 expression of nonlinear models) are core's (CompiledModel.newData, model/new-data.ts);
 * this module checks options, picks draws and applies the family's mean or random generator.
 */
import { SpecError, type GroupEffects, type NewDataPredictor, type RawTable, type TableInput } from '@strata/core';
import { drawSummary } from '../stats.js';
import { constrainedDraw, unconstrainedDraw, type FitData } from './fit-data.js';
import { resultsRandom, selectDraws } from './draws-access.js';
import { checkResultOptions } from './result-options.js';

export type GroupMode = 'observed' | 'new' | 'none';

export interface PredictOptions {
  /** How group-level effects enter (default 'observed'). */
  groups?: GroupMode;
  /** Add per-row summaries of `mu` (mean, sd, median, 90% interval). */
  summary?: boolean;
  /** Use this many evenly spaced posterior draws (default: all). */
  draws?: number;
  /** Also return the link-scale linear predictor `eta`. */
  eta?: boolean;
  /**
   * With groups 'observed': a level not in the training data gets a fresh effect drawn as under 'new'
   * instead of being an error, while seen levels keep their own (brms's allow_new_levels = TRUE).
   */
  allowNewLevels?: boolean;
  /** Seed for the new-level effects of groups: 'new' or allowNewLevels (default: the fit's seed). */
  seed?: number;
}

export interface PredictionSummaryRow {
  /** 1-based row of the new data. */
  row: number;
  mean: number;
  sd: number;
  median: number;
  q5: number;
  q95: number;
}

export interface Prediction {
  /** Number of draws (rows of `mu`) and of new observations (columns). */
  S: number;
  N: number;
  /** Pooled (chain-major) index of the posterior draw behind each row. */
  drawIndex: Int32Array;
  /**
   * S x N, row-major: E[y | theta_s, x_i] per trial on the response scale: the inverse link of eta for
   * gaussian, student, poisson, negbinomial, bernoulli, binomial (the success probability), and
   * exp(eta + sigma^2 / 2) for lognormal.
   */
  mu: Float64Array;
  /** S x N link-scale linear predictor (the stage-1 mean for nonlinear models), when asked for. */
  eta?: Float64Array;
  summary?: PredictionSummaryRow[];
}

export interface PosteriorPredictOptions {
  /** Seed of the random numbers (default: the fit's seed). */
  seed?: number;
  /** How group-level effects enter, as in predict() (default 'observed'); also for the training data. */
  groups?: GroupMode;
  /** As in predict(): with groups 'observed', unseen levels get fresh effects instead of an error. */
  allowNewLevels?: boolean;
  /** Use this many evenly spaced posterior draws (default: all). */
  draws?: number;
}

export interface PosteriorPrediction {
  S: number;
  N: number;
  drawIndex: Int32Array;
  /** S x N replicated data, row-major: y_rep[s, i] ~ p(y | theta_s, x_i). */
  yrep: Float64Array;
}

/** The engine's mode: GroupMode, or 'mixed' = 'observed' with allowNewLevels (seen levels their own effect, unseen ones a fresh one). */
function checkGroups(groups: unknown, allowNewLevels = false): GroupEffects {
  if (groups !== 'observed' && groups !== 'new' && groups !== 'none') {
    throw new SpecError(`groups must be "observed", "new" or "none", got ${JSON.stringify(groups)}`, 'options.groups');
  }
  if (!allowNewLevels) return groups;
  if (groups !== 'observed') {
    throw new SpecError(`allowNewLevels applies to groups: 'observed' only (with '${groups}' no level uses its training effect)`, 'options.allowNewLevels');
  }
  return 'mixed';
}

/** eta of pooled draw s through core's new-data predictor. */
function runDraw(fit: FitData, predictor: NewDataPredictor, s: number, out: Float64Array): void {
  predictor.run(constrainedDraw(fit, s), unconstrainedDraw(fit, s), out);
}

/** The family's auxiliary values of a constrained draw, in family.aux order. */
function auxOf(fit: FitData, row: Float64Array, out: Float64Array): Float64Array {
  const at = fit.model.layout.constrained.aux;
  for (let a = 0; a < at.length; a++) out[a] = row[at[a]];
  return out;
}

/** Posterior draws of E[y | theta, x] (and eta) for new data; without newdata, for the training data. */
export function predict(fit: FitData, newdata?: TableInput | RawTable, options: PredictOptions = {}): Prediction {
  checkResultOptions('predict', options, { groups: 'any', summary: 'boolean', draws: 'any', eta: 'boolean', allowNewLevels: 'boolean', seed: 'any' });
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  const drawIndex = selectDraws(fit, options.draws);
  const rng = groups === 'new' || groups === 'mixed' ? resultsRandom(options.seed ?? fit.seed, 1) : null;
  const predictor = fit.model.newData(newdata, { groups, rng });
  const S = drawIndex.length;
  const N = predictor.n;
  const mu = new Float64Array(S * N);
  const eta = options.eta ? new Float64Array(S * N) : null;
  const buf = new Float64Array(N);
  const family = fit.model.family;
  const aux = new Float64Array(fit.model.layout.constrained.aux.length);
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    runDraw(fit, predictor, s, buf);
    auxOf(fit, constrainedDraw(fit, s), aux);
    for (let i = 0; i < N; i++) mu[d * N + i] = family.mean(buf[i], aux, 1);
    if (eta) eta.set(buf, d * N);
  }
  const out: Prediction = { S, N, drawIndex, mu };
  if (eta) out.eta = eta;
  if (options.summary) out.summary = summariseColumns(mu, S, N);
  return out;
}

/**
 * Replicated data y_rep ~ p(y | theta_s, x) per draw (family.simulate). Without newdata: the training
 * data with each observation's own group effects. With newdata: its linear predictor as predict()
 * builds it (`groups`), and its trials column (binomial) or se column (gaussian with se()).
 */
export function posteriorPredict(fit: FitData, newdata?: TableInput | RawTable, options: PosteriorPredictOptions = {}): PosteriorPrediction {
  checkResultOptions('posteriorPredict', options, { seed: 'any', groups: 'any', allowNewLevels: 'boolean', draws: 'any' });
  const drawIndex = selectDraws(fit, options.draws);
  const rng = resultsRandom(options.seed ?? fit.seed, 2);
  const family = fit.model.family;
  const S = drawIndex.length;
  let N: number;
  let etaOf: (s: number, out: Float64Array) => void;
  let extra: Float64Array | null;
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  if (newdata !== undefined && fit.model.structure.autocor) {
    // the residuals' series and times are the training data's (an autocorrelated draw needs the earlier residuals)
    throw new SpecError('posteriorPredict() with new data is not supported for models with autocor; call it without new data for the training rows', 'newdata');
  }
  // The training rows with their own effects take the model's fast path; other `groups` build eta as predict() does.
  if (newdata === undefined && (groups === 'observed' || groups === 'mixed')) {
    const { response } = fit.model;
    N = fit.model.nobs;
    etaOf = (s, out) => fit.model.linearPredictor(unconstrainedDraw(fit, s), out);
    extra = response.trials ?? response.se;
  } else {
    const predictor = fit.model.newData(newdata, { groups, rng: groups === 'new' || groups === 'mixed' ? rng : null, withExtra: true });
    N = predictor.n;
    etaOf = (s, out) => runDraw(fit, predictor, s, out);
    extra = predictor.extra;
  }
  const yrep = new Float64Array(S * N);
  const eta = new Float64Array(N);
  const aux = new Float64Array(fit.model.layout.constrained.aux.length);
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    etaOf(s, eta);
    auxOf(fit, constrainedDraw(fit, s), aux);
    family.simulate(eta, aux, extra, rng, yrep.subarray(d * N, (d + 1) * N));
  }
  return { S, N, drawIndex, yrep };
}

function summariseColumns(x: Float64Array, S: number, N: number): PredictionSummaryRow[] {
  const col = new Float64Array(S);
  return Array.from({ length: N }, (_, i) => {
    for (let s = 0; s < S; s++) col[s] = x[s * N + i];
    const { mean, sd, median, q5, q95 } = drawSummary(col);
    return { row: i + 1, mean, sd, median, q5, q95 };
  });
}
