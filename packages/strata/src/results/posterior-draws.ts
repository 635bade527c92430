/**
 * Posterior draws for new data (or the training data), named and meant as brms names them:
 *   posteriorLinpred  the linear predictor eta (link scale; the stage-1 mean for nonlinear models);
 *   posteriorEpred    E[y | theta, x] on the response scale (brms posterior_epred: trials x p for binomial);
 *   posteriorPredict  replicated data y_rep ~ p(y | theta, x), with the residual noise.
 * Each is S draws x N rows, row-major. The linear predictors themselves (X beta + Z r, fresh effects
 * for new levels, the stage-1 expression) are core's (CompiledModel.newData, model/new-data.ts); this
 * module checks options, picks draws and applies the family's mean or random generator. See
 * docs/results.md for `groups` and `allowNewLevels`.
 */
import { SpecError, type GroupEffects, type NewDataPredictor, type RandomSource, type RawTable, type TableInput } from '@strata/core';
import { constrainedDraw, unconstrainedDraw, type FitData } from './fit-data.js';
import { resultsRandom, selectDraws } from './draws-access.js';
import { checkResultOptions } from './result-options.js';
import { truncateRows } from './truncated-predict.js';

export type GroupMode = 'observed' | 'new' | 'none';

export interface DrawOptions {
  /** How group-level effects enter (default 'observed'). */
  groups?: GroupMode;
  /** Use this many evenly spaced posterior draws (default: all). */
  draws?: number;
  /**
   * With groups 'observed': a level not in the training data gets a fresh effect drawn as under 'new'
   * instead of being an error, while seen levels keep their own (brms's allow_new_levels = TRUE).
   */
  allowNewLevels?: boolean;
  /** Seed of the random numbers (fresh effects; posteriorPredict's noise). Default: the fit's seed. */
  seed?: number;
}

/** Draws x rows of one quantity. */
export interface PosteriorDraws {
  /** Number of draws (rows of `draws`) and of observations (columns). */
  S: number;
  N: number;
  /** Pooled (chain-major) index of the posterior draw behind each row. */
  drawIndex: Int32Array;
  /** S x N, row-major. */
  draws: Float64Array;
}

/** posteriorPredict's result: `yrep` is the same array as `draws` (the name of the posterior predictive check). */
export interface PosteriorPrediction extends PosteriorDraws {
  yrep: Float64Array;
}

const DRAW_OPTION_KINDS = { groups: 'any', draws: 'any', allowNewLevels: 'boolean', seed: 'any' } as const;

/** The engine's mode: GroupMode, or 'mixed' = 'observed' with allowNewLevels (seen levels their own effect, unseen ones a fresh one). */
export function checkGroups(groups: unknown, allowNewLevels = false): GroupEffects {
  if (groups !== 'observed' && groups !== 'new' && groups !== 'none') {
    throw new SpecError(`groups must be "observed", "new" or "none", got ${JSON.stringify(groups)}`, 'options.groups');
  }
  if (!allowNewLevels) return groups;
  if (groups !== 'observed') {
    throw new SpecError(`allowNewLevels applies to groups: 'observed' only (with '${groups}' no level uses its training effect)`, 'options.allowNewLevels');
  }
  return 'mixed';
}

/** The family's auxiliary values of a constrained draw, in family.aux order. */
export function auxOf(fit: FitData, row: Float64Array, out: Float64Array): Float64Array {
  const at = fit.model.layout.constrained.aux;
  for (let a = 0; a < at.length; a++) out[a] = row[at[a]];
  return out;
}

/** E[y] and y_rep need every family parameter per row; with dpars formulas those are per observation (not built yet). */
function refuseDpars(fit: FitData, who: string): void {
  if (fit.model.structure.predictors.some((p) => p.dpar !== undefined)) {
    throw new SpecError(`${who}() is not supported yet for models with "dpars" formulas (summary, fixef, ranef, loo and posteriorLinpred are)`, 'spec.dpars');
  }
}

/** What a draw loop needs: the rows' linear predictor per draw and the family's per-row extra (trials, se). */
interface RowSource {
  n: number;
  extra: Float64Array | null;
  eta(s: number, out: Float64Array): void;
}

/**
 * The rows' linear predictor per draw. Training rows with their own effects take the model's fast
 * path; other cases go through core's new-data predictor. `withExtra` reads the trials / se column.
 */
function rowSource(fit: FitData, newdata: TableInput | RawTable | undefined, groups: GroupEffects, rng: () => RandomSource, withExtra: boolean): RowSource {
  if (newdata === undefined && (groups === 'observed' || groups === 'mixed')) {
    const { response } = fit.model;
    return { n: fit.model.nobs, extra: response.trials ?? response.se, eta: (s, out) => fit.model.linearPredictor(unconstrainedDraw(fit, s), out) };
  }
  const fresh = groups === 'new' || groups === 'mixed' ? rng() : null;
  const predictor: NewDataPredictor = fit.model.newData(newdata, { groups, rng: fresh, withExtra });
  return { n: predictor.n, extra: predictor.extra, eta: (s, out) => predictor.run(constrainedDraw(fit, s), unconstrainedDraw(fit, s), out) };
}

type Transform = 'linpred' | 'epred';

function linpredOrEpred(fit: FitData, who: string, newdata: TableInput | RawTable | undefined, options: DrawOptions, transform: Transform): PosteriorDraws {
  checkResultOptions(who, options, DRAW_OPTION_KINDS);
  if (transform === 'epred') refuseDpars(fit, who);
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  const drawIndex = selectDraws(fit, options.draws);
  const family = fit.model.family;
  // E[y] of a binomial row is trials x p (as brms), so its new data need the trials column.
  const binomial = transform === 'epred' && family.needsTrials;
  const source = rowSource(fit, newdata, groups, () => resultsRandom(options.seed ?? fit.seed, 1), binomial);
  const S = drawIndex.length;
  const N = source.n;
  const out = new Float64Array(S * N);
  const buf = new Float64Array(N);
  const aux = new Float64Array(fit.model.layout.constrained.aux.length);
  const trials = binomial ? source.extra : null;
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    source.eta(s, buf);
    if (transform === 'linpred') {
      out.set(buf, d * N);
      continue;
    }
    auxOf(fit, constrainedDraw(fit, s), aux);
    for (let i = 0; i < N; i++) out[d * N + i] = family.mean(buf[i], aux, trials ? trials[i] : 1);
  }
  return { S, N, drawIndex, draws: out };
}

/** brms posterior_linpred: draws of the linear predictor eta (link scale), S x N. */
export function posteriorLinpred(fit: FitData, newdata?: TableInput | RawTable, options: DrawOptions = {}): PosteriorDraws {
  return linpredOrEpred(fit, 'posteriorLinpred', newdata, options, 'linpred');
}

/**
 * brms posterior_epred: draws of E[y | theta, x] on the response scale, S x N: the inverse link of eta
 * (gaussian, student, poisson, negbinomial, bernoulli: the probability), trials x p for binomial, and
 * exp(eta + sigma^2 / 2) for lognormal. No residual noise: see posteriorPredict.
 */
export function posteriorEpred(fit: FitData, newdata?: TableInput | RawTable, options: DrawOptions = {}): PosteriorDraws {
  return linpredOrEpred(fit, 'posteriorEpred', newdata, options, 'epred');
}

/**
 * brms posterior_predict: replicated data y_rep ~ p(y | theta_s, x) per draw (family.simulate), with
 * the residual noise. Without newdata: the training data with each observation's own group effects.
 * With newdata: its linear predictor as posteriorEpred builds it (`groups`), and its trials column
 * (binomial) or se column (gaussian with se()).
 */
export function posteriorPredict(fit: FitData, newdata?: TableInput | RawTable, options: DrawOptions = {}): PosteriorPrediction {
  checkResultOptions('posteriorPredict', options, DRAW_OPTION_KINDS);
  refuseDpars(fit, 'posteriorPredict');
  const drawIndex = selectDraws(fit, options.draws);
  const rng = resultsRandom(options.seed ?? fit.seed, 2);
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  if (newdata !== undefined && fit.model.autocorrelated) {
    // the residuals' series and times are the training data's (an autocorrelated draw needs the earlier residuals)
    throw new SpecError('posteriorPredict() with new data is not supported for models with autocor; call it without new data for the training rows', 'newdata');
  }
  // One stream for the fresh effects and the noise, as before the rename (same numbers for a seed).
  const source = rowSource(fit, newdata, groups, () => rng, true);
  const family = fit.model.family;
  // trunc() bounds hold for the training rows (new data carry no bounds)
  const { lb, ub } = fit.model.response;
  const bounds = newdata === undefined && lb && ub ? { lb, ub } : null;
  const S = drawIndex.length;
  const N = source.n;
  const yrep = new Float64Array(S * N);
  const eta = new Float64Array(N);
  const aux = new Float64Array(fit.model.layout.constrained.aux.length);
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    source.eta(s, eta);
    auxOf(fit, constrainedDraw(fit, s), aux);
    const out = yrep.subarray(d * N, (d + 1) * N);
    family.simulate(eta, aux, source.extra, rng, out);
    if (bounds) truncateRows(family, eta, aux, source.extra, rng, out, bounds);
  }
  return { S, N, drawIndex, draws: yrep, yrep };
}
