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
import { SpecError, applyLinkExt, familyInfo, type DparInfo, type Family, type GroupEffects, type NewDataPredictor, type RandomSource, type RawTable, type TableInput } from '@strata/core';
import { constrainedDraw, unconstrainedDraw, type FitData } from './fit-data.js';
import { resultsRandom, selectDraws } from './draws-access.js';
import { checkResultOptions } from './result-options.js';
import { truncateRows, type TruncBounds } from './truncated-predict.js';

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

/** posteriorLinpred / posteriorEpred options: `dpar` asks for a family parameter instead of the mean (brms's dpar). */
export interface DpredOptions extends DrawOptions {
  /**
   * A distributional parameter of the family (sigma, nu, shape, phi, zi, hu): its value per row
   * (posteriorEpred) or on its link scale (posteriorLinpred), from its dpars formula or, without one,
   * its scalar repeated (as brms's posterior_epred(dpar = )).
   */
  dpar?: string;
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
const DPRED_OPTION_KINDS = { ...DRAW_OPTION_KINDS, dpar: 'string' } as const;

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

/** The family's scalar auxiliary values of a constrained draw, in family.aux order (models without dpars formulas). */
export function auxOf(fit: FitData, row: Float64Array, out: Float64Array): Float64Array {
  const at = fit.model.layout.constrained.familyAux;
  for (let a = 0; a < at.length; a++) out[a] = row[at[a]];
  return out;
}

/**
 * What a draw loop needs: the rows' linear predictor per draw, the family's per-row extra (trials,
 * se), and the family's parameters (all of family.aux) of one row of the last draw.
 */
interface RowSource {
  n: number;
  extra: Float64Array | null;
  /** True when some family parameter has a dpars formula: call `parameters` per row. */
  rowVarying: boolean;
  eta(s: number, out: Float64Array): void;
  /** The family's parameters of row i for draw s (after eta(s)), family.aux order. */
  parameters(s: number, i: number, out: Float64Array): void;
  /** After eta(s): the link-scale predictor of the dpars formula of family.aux[auxIndex], or null without one. */
  dparEta(auxIndex: number): Float64Array | null;
}

/**
 * The rows' linear predictor per draw. Training rows with their own effects take the model's fast
 * path (unless dpars formulas make the family's parameters per row: those come from core's new-data
 * predictor, which computes every linear predictor); other cases go through the new-data predictor.
 * `withExtra` reads the trials / se column.
 */
function rowSource(fit: FitData, newdata: TableInput | RawTable | undefined, groups: GroupEffects, rng: () => RandomSource, withExtra: boolean): RowSource {
  const scalarParameters = (s: number, _i: number, out: Float64Array) => void auxOf(fit, constrainedDraw(fit, s), out);
  const hasDpars = fit.model.structure.predictors.some((p) => p.dpar !== undefined);
  if (newdata === undefined && (groups === 'observed' || groups === 'mixed') && !hasDpars) {
    const { response } = fit.model;
    return {
      n: fit.model.nobs,
      extra: response.trials ?? response.se,
      rowVarying: false,
      eta: (s, out) => fit.model.linearPredictor(unconstrainedDraw(fit, s), out),
      parameters: scalarParameters,
      dparEta: () => null,
    };
  }
  const fresh = groups === 'new' || groups === 'mixed' ? rng() : null;
  const predictor: NewDataPredictor = fit.model.newData(newdata, { groups, rng: fresh, withExtra });
  return {
    n: predictor.n,
    extra: predictor.extra,
    rowVarying: predictor.rowVaryingParameters,
    eta: (s, out) => predictor.run(constrainedDraw(fit, s), unconstrainedDraw(fit, s), out),
    parameters: predictor.rowVaryingParameters ? (s, i, out) => predictor.familyParameters(constrainedDraw(fit, s), i, out) : scalarParameters,
    dparEta: (a) => predictor.dparLinearPredictor(a),
  };
}

type Transform = 'linpred' | 'epred';

/** The family.aux index and link of the `dpar` option, checked. */
function dparOption(fit: FitData, dpar: string): { auxIndex: number; link: DparInfo['link'] } {
  const info = familyInfo(fit.model.family.name);
  const found = info.dpars.find((d) => d.name === dpar);
  const auxIndex = fit.model.family.aux.findIndex((a) => a.name === dpar);
  if (!found || auxIndex < 0) {
    const known = info.dpars.filter((d) => fit.model.family.aux.some((a) => a.name === d.name)).map((d) => d.name);
    throw new SpecError(
      `dpar ${JSON.stringify(dpar)} is not a parameter of this ${fit.model.family.name} model; ${known.length > 0 ? `its distributional parameters: ${known.join(', ')}` : 'it has none besides the mean'}`,
      'options.dpar',
    );
  }
  return { auxIndex, link: found.link };
}

function linpredOrEpred(fit: FitData, who: string, newdata: TableInput | RawTable | undefined, options: DpredOptions, transform: Transform): PosteriorDraws {
  checkResultOptions(who, options, DPRED_OPTION_KINDS);
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  const drawIndex = selectDraws(fit, options.draws);
  const family = fit.model.family;
  const dpar = options.dpar === undefined ? null : dparOption(fit, options.dpar);
  // E[y] of a binomial row is trials x p (as brms), so its new data need the trials column.
  const binomial = transform === 'epred' && dpar === null && family.needsTrials;
  const source = rowSource(fit, newdata, groups, () => resultsRandom(options.seed ?? fit.seed, 1), binomial);
  const S = drawIndex.length;
  const N = source.n;
  const out = new Float64Array(S * N);
  const buf = new Float64Array(N);
  const aux = new Float64Array(family.aux.length);
  const trials = binomial ? source.extra : null;
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    source.eta(s, buf);
    const row = out.subarray(d * N, (d + 1) * N);
    if (dpar) {
      dparRow(source, s, dpar, transform, aux, row);
      continue;
    }
    if (transform === 'linpred') {
      row.set(buf);
      continue;
    }
    if (!source.rowVarying) source.parameters(s, 0, aux);
    for (let i = 0; i < N; i++) {
      if (source.rowVarying) source.parameters(s, i, aux);
      row[i] = family.mean(buf[i], aux, trials ? trials[i] : 1);
    }
  }
  return { S, N, drawIndex, draws: out };
}

/** One draw of a family parameter per row: its value, or its link-scale predictor (the scalar's link without a formula). */
function dparRow(source: RowSource, s: number, dpar: { auxIndex: number; link: DparInfo['link'] }, transform: Transform, aux: Float64Array, out: Float64Array): void {
  const eta = source.dparEta(dpar.auxIndex);
  if (transform === 'linpred' && eta) {
    out.set(eta);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    if (i === 0 || source.rowVarying) source.parameters(s, i, aux);
    out[i] = transform === 'linpred' ? applyLinkExt(dpar.link, aux[dpar.auxIndex]) : aux[dpar.auxIndex];
  }
}

/** brms posterior_linpred: draws of the linear predictor eta (link scale), S x N. */
export function posteriorLinpred(fit: FitData, newdata?: TableInput | RawTable, options: DpredOptions = {}): PosteriorDraws {
  return linpredOrEpred(fit, 'posteriorLinpred', newdata, options, 'linpred');
}

/**
 * brms posterior_epred: draws of E[y | theta, x] on the response scale, S x N: the inverse link of eta
 * (gaussian, student, poisson, negbinomial, bernoulli: the probability), trials x p for binomial, and
 * exp(eta + sigma^2 / 2) for lognormal. No residual noise: see posteriorPredict.
 */
export function posteriorEpred(fit: FitData, newdata?: TableInput | RawTable, options: DpredOptions = {}): PosteriorDraws {
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
  const aux = new Float64Array(family.aux.length);
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    source.eta(s, eta);
    const out = yrep.subarray(d * N, (d + 1) * N);
    if (source.rowVarying) {
      simulateByRow(family, source, s, eta, aux, rng, out, bounds);
      continue;
    }
    source.parameters(s, 0, aux);
    family.simulate(eta, aux, source.extra, rng, out);
    if (bounds) truncateRows(family, eta, aux, source.extra, rng, out, bounds);
  }
  return { S, N, drawIndex, draws: yrep, yrep };
}

/**
 * y_rep of one draw when the family's parameters vary by row (dpars formulas): one row at a time, each
 * truncated as drawn, or all rows at once where they depend on each other (family.simulateRows:
 * autocorrelated residuals).
 */
function simulateByRow(family: Family, source: RowSource, s: number, eta: Float64Array, aux: Float64Array, rng: RandomSource, out: Float64Array, bounds: TruncBounds | null): void {
  if (family.simulateRows) {
    const width = aux.length;
    const params = new Float64Array(out.length * width);
    for (let i = 0; i < out.length; i++) source.parameters(s, i, params.subarray(i * width, (i + 1) * width));
    family.simulateRows(eta, params, source.extra, rng, out);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    source.parameters(s, i, aux);
    const e = eta.subarray(i, i + 1);
    const x = source.extra ? source.extra.subarray(i, i + 1) : null;
    const y = out.subarray(i, i + 1);
    family.simulate(e, aux, x, rng, y);
    if (bounds) truncateRows(family, e, aux, x, rng, y, { lb: bounds.lb.subarray(i, i + 1), ub: bounds.ub.subarray(i, i + 1) });
  }
}
