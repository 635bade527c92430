/**
 * The result of fit(): the fit's data (fit-data.ts) with every answer attached as a method. This is
 * the one file that knows all the answers; each lives in its own module as a function of FitData
 * (summary.ts, estimates.ts, coef.ts, icc.ts, shrinkage.ts, posterior-draws.ts, prediction-summary.ts,
 * fit-loo.ts, ../io/fit-csv.ts), so
 * none of them imports this class.
 */
import { SpecError, type CompiledModel, type RawTable, type TableInput } from '@strata/core';
import type { RunResult } from '@strata/samplers';
import type { SamplerDiagnostics } from '@strata/diagnostics';
import { createFitData, pooledDraws, unconstrainedDraw, variableDraws, type FitData } from './fit-data.js';
import { fitSamplerBlock, summary, type FitSummary, type SamplerBlock, type SummaryOptions } from './summary.js';
import { estimates, fixef, ranef, varCorr, type EstimateRow, type RanefRow, type VarCorr } from './estimates.js';
import { icc, type IccResult } from './icc.js';
import { shrinkage, type ShrinkageResult } from './shrinkage.js';
import { posteriorEpred, posteriorLinpred, posteriorPredict, type DpredOptions, type DrawOptions, type PosteriorDraws, type PosteriorPrediction } from './posterior-draws.js';
import { fitted, predict, posteriorResiduals, residuals, type FittedOptions, type PredictionSummary, type ResidualOptions, type SummaryDrawOptions } from './prediction-summary.js';
import { coef, type CoefRow } from './coef.js';
import { conditionalEffects, type ConditionalEffects, type ConditionalEffectsOptions } from './conditional-effects.js';
import { marginalEffect, posteriorMarginalEpred, type MarginalEffect, type MarginalEffectOptions, type MarginalOptions } from './marginal-effects.js';
import { hypothesis, type HypothesisOptions, type HypothesisRow } from './hypothesis.js';
import { fitBayesR2, fitLoo } from './fit-loo.js';
import type { BayesR2Result, LooResult } from './loo/index.js';
import { fitRecord, type FitRecord } from './fit-record.js';
import { writeFitCsv } from '../io/fit-csv.js';
import { checkResultOptions, describe } from './result-options.js';

// The data fields (model, run, names, seed, chains, iterations, totalDraws, constrained, maxTreeDepth)
// are FitData's, declared once there; this declaration merges them into the class.
export interface Fit extends FitData {}

export class Fit {
  constructor(model: CompiledModel, run: RunResult, options: { maxTreeDepth: number }) {
    Object.assign(this, createFitData(model, run, options));
  }

  /** Draws of one constrained quantity, one Float64Array per chain. */
  draws(name: string): Float64Array[] {
    return variableDraws(this, name);
  }

  /** All draws of one quantity pooled over chains. */
  pooled(name: string): Float64Array {
    return pooledDraws(this, name);
  }

  /** Unconstrained draw s (pooled index, chain-major), as a view. */
  unconstrainedDraw(s: number): Float64Array {
    return unconstrainedDraw(this, s);
  }

  /** posterior::summarise_draws columns, Stan's sampler diagnostics and its warnings. */
  summary(options: SummaryOptions = {}): FitSummary {
    return summary(this, options);
  }

  /** The `sampler` block of the summary JSON. */
  samplerBlock(diagnostics?: SamplerDiagnostics): SamplerBlock {
    return fitSamplerBlock(this, diagnostics);
  }

  /** Posterior mean, sd and 90% interval of quantities. */
  estimates(names: readonly string[]): EstimateRow[] {
    return estimates(this, names);
  }

  /** Fixed effects (population-level coefficients). */
  fixef(): EstimateRow[] {
    return fixef(this);
  }

  /** Group-level effects per grouping factor (as brms): one row per level and coefficient; a nonlinear parameter's coefficients are named nlpar_coef. */
  ranef(): Record<string, RanefRow[]> {
    return ranef(this);
  }

  /** Variance components: group-level sds, correlations and the residual sd (when estimated). */
  varCorr(): VarCorr {
    return varCorr(this);
  }

  /** Spec, data hash, seed, sampler options and package versions (JSON-serialisable). */
  toJSON(): FitRecord {
    return fitRecord(this.model, this.run);
  }

  /** Writes the draws as CmdStan CSV, one file per chain (base_1.csv, ...); returns the paths. */
  writeCmdStanCsv(basePath: string, options: { modelName?: string; dataFile?: string } = {}): string[] {
    // An empty base would write "_1.csv" into the working directory.
    if (typeof basePath !== 'string' || basePath.trim() === '') throw new SpecError(`writeCmdStanCsv needs a file path such as "out/draws.csv", got ${describe(basePath)}`, 'basePath');
    checkResultOptions('writeCmdStanCsv', options, { modelName: 'string', dataFile: 'string' });
    return writeFitCsv(this, basePath, options);
  }

  /** Variance partition (ICC) of a random-intercept model, per group and in total. */
  icc(): IccResult {
    return icc(this);
  }

  /** No-pooling vs partial-pooling estimates and pooling factors per group level (gaussian linear models). */
  shrinkage(): ShrinkageResult {
    return shrinkage(this);
  }

  /** brms coef(): per grouping factor, fixed + group-level coefficient per level, with its draws. */
  coef(): Record<string, CoefRow[]> {
    return coef(this);
  }

  /** brms hypothesis(): "b_Days > 0", "b_a - b_b = 0" on any parameters: estimate, interval, evidence ratio, posterior probability. */
  hypothesis(h: string, options?: HypothesisOptions): HypothesisRow;
  hypothesis(h: readonly string[], options?: HypothesisOptions): HypothesisRow[];
  hypothesis(h: string | readonly string[], options?: HypothesisOptions): HypothesisRow | HypothesisRow[] {
    return typeof h === 'string' ? hypothesis(this, h, options) : hypothesis(this, h, options);
  }

  /** brms conditional_effects(): E[y] along "x" (or "x:by") with the other predictors at their means / reference levels. */
  conditionalEffects(effect: string, options?: ConditionalEffectsOptions): ConditionalEffects {
    return conditionalEffects(this, effect, options);
  }

  /** Conditional (r = 0) and population-averaged (r ~ N(0, Omega)) effect of one predictor; odds ratios for bernoulli/binomial. */
  marginalEffect(variable: string, options?: MarginalEffectOptions): MarginalEffect {
    return marginalEffect(this, variable, options);
  }

  /** Draws (S x N) of the population-averaged E[y | x], integrating the group-level effects over N(0, Omega) by Monte Carlo. */
  posteriorMarginalEpred(newdata: readonly Record<string, number | string>[], options?: MarginalOptions): PosteriorDraws {
    return posteriorMarginalEpred(this, newdata, options);
  }

  /** brms posterior_epred: draws (S x N) of E[y | theta, x] for new data, or the training data when omitted. */
  posteriorEpred(newdata?: TableInput | RawTable, options?: DpredOptions): PosteriorDraws {
    return posteriorEpred(this, newdata, options);
  }

  /** brms posterior_linpred: draws (S x N) of the linear predictor (link scale). */
  posteriorLinpred(newdata?: TableInput | RawTable, options?: DpredOptions): PosteriorDraws {
    return posteriorLinpred(this, newdata, options);
  }

  /** brms posterior_predict: replicated data per posterior draw (with the residual noise), for the training data or new data. */
  posteriorPredict(newdata?: TableInput | RawTable, options?: DrawOptions): PosteriorPrediction {
    return posteriorPredict(this, newdata, options);
  }

  /** brms fitted(): per row, mean, sd and 95% interval of E[y | theta, x] (scale 'linear': of eta). */
  fitted(newdata?: TableInput | RawTable, options?: FittedOptions): PredictionSummary {
    return fitted(this, newdata, options);
  }

  /** brms predict(): per row, mean, sd and 95% interval of a new observation, WITH the residual noise. Not E[y]: see fitted / posteriorEpred. */
  predict(newdata?: TableInput | RawTable, options?: SummaryDrawOptions): PredictionSummary {
    return predict(this, newdata, options);
  }

  /** brms residuals(): per row, mean, sd and 95% interval of y - E[y | theta]; the training rows, or newdata with the response column. */
  residuals(newdata?: TableInput | RawTable, options?: ResidualOptions): PredictionSummary {
    return residuals(this, newdata, options);
  }

  /** Draws (S x N) of y - E[y | theta] on the training rows or on newdata with the response column. */
  posteriorResiduals(newdata?: TableInput | RawTable, options?: ResidualOptions): PosteriorDraws {
    return posteriorResiduals(this, newdata, options);
  }

  /** PSIS-LOO with relative efficiencies from the chains (cached). */
  loo(): LooResult {
    return fitLoo(this);
  }

  /** Bayesian R^2 per draw and its summary. */
  bayesR2(): BayesR2Result {
    return fitBayesR2(this);
  }
}
