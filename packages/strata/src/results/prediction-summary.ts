/**
 * The summaries brms prints per row: fitted() (of posterior_epred, or of the linear predictor with
 * scale 'linear'), predict() (of posterior_predict: WITH the residual noise) and residuals() (of
 * y - posterior_epred on the training rows, brms type "ordinary"). Each row: the posterior mean
 * (Estimate), sd (Est.Error) and the central `prob` interval (default 0.95: Q2.5, Q97.5, as brms).
 *
 * Before this module, Fit.predict returned draws of E[y | theta, x] (today's posteriorEpred) as
 * `{ mu, eta, summary }`. The same name now means brms's predict(), which includes the noise; so the
 * old fields and options are refused with a message naming the replacement instead of answering a
 * different question under an old name (docs/results.md, "Migration").
 */
import { SpecError, type RawTable, type TableInput } from '@strata/core';
import { mean, quantileOfSorted, sd, sortedCopy } from '../stats.js';
import type { FitData } from './fit-data.js';
import { posteriorEpred, posteriorLinpred, posteriorPredict, type DrawOptions, type PosteriorDraws } from './posterior-draws.js';
import { checkResultOptions } from './result-options.js';

export interface SummaryDrawOptions extends DrawOptions {
  /** Probability of the central interval (default 0.95, as brms). */
  prob?: number;
}

export interface FittedOptions extends SummaryDrawOptions {
  /** 'response' (default: E[y | theta, x]) or 'linear' (the linear predictor), as brms fitted(scale = ). */
  scale?: 'response' | 'linear';
  /** A family parameter (sigma, shape, ...) instead of the mean, as brms fitted(dpar = ). */
  dpar?: string;
}

/** One row of fitted(), predict() or residuals(), brms's columns. */
export interface PredictionRow {
  /** 1-based row of the data. */
  row: number;
  /** Posterior mean (brms Estimate). */
  estimate: number;
  /** Posterior sd (brms Est.Error). */
  estError: number;
  /** The (1 - prob)/2 and (1 + prob)/2 quantiles (brms Q2.5, Q97.5 for prob 0.95). */
  lower: number;
  upper: number;
}

export interface PredictionSummary {
  kind: 'fitted' | 'predict' | 'residuals';
  prob: number;
  rows: PredictionRow[];
}

const SUMMARY_KINDS = { groups: 'any', draws: 'any', allowNewLevels: 'boolean', seed: 'any', prob: 'number' } as const;

/** Old Fit.predict options and fields, and where their meaning lives now. */
const MOVED: Record<string, string> = {
  eta: 'posteriorLinpred(newdata, options).draws',
  mu: 'posteriorEpred(newdata, options).draws',
  summary: 'fitted(newdata, options).rows',
  S: 'posteriorEpred(...).S',
  N: 'posteriorEpred(...).N',
  drawIndex: 'posteriorEpred(...).drawIndex',
};

function migrationMessage(who: string, key: string): string {
  return (
    `${who}() no longer has "${key}": predict() now includes the residual noise, as brms predict(); ` +
    `E[y | theta, x] draws (the old predict().mu) are ${MOVED[key]}`
  );
}

function refuseOldOptions(who: string, options: object): void {
  for (const key of ['eta', 'summary']) {
    if (Object.hasOwn(options, key)) throw new SpecError(migrationMessage(who, key), `options.${key}`);
  }
}

/** The old fields throw with the replacement's name (non-enumerable: JSON and equality ignore them). */
function withMigrationGuards(summary: PredictionSummary): PredictionSummary {
  for (const key of Object.keys(MOVED)) {
    Object.defineProperty(summary, key, {
      enumerable: false,
      get: () => {
        throw new SpecError(migrationMessage(summary.kind, key), key);
      },
    });
  }
  return summary;
}

function checkProb(prob: unknown): number {
  const p = prob ?? 0.95;
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new SpecError(`prob must be a number between 0 and 1 (exclusive), got ${String(prob)}`, 'options.prob');
  return p;
}

/** Per column of an S x N matrix: mean, sd and the central prob interval (type-7 quantiles). */
export function summariseDrawColumns(m: PosteriorDraws, prob: number): PredictionRow[] {
  const { S, N, draws } = m;
  const col = new Float64Array(S);
  return Array.from({ length: N }, (_, i) => {
    for (let s = 0; s < S; s++) col[s] = draws[s * N + i];
    const sorted = sortedCopy(col);
    const est = mean(col);
    return { row: i + 1, estimate: est, estError: sd(col, est), lower: quantileOfSorted(sorted, (1 - prob) / 2), upper: quantileOfSorted(sorted, (1 + prob) / 2) };
  });
}

/** The options the draws functions take (undefined values are skipped by their checks). */
function drawOptions({ groups, draws, allowNewLevels, seed }: SummaryDrawOptions): DrawOptions {
  return { groups, draws, allowNewLevels, seed };
}

/** brms fitted(): per row, the summary of posterior_epred (or, scale 'linear', of posterior_linpred). */
export function fitted(fit: FitData, newdata?: TableInput | RawTable, options: FittedOptions = {}): PredictionSummary {
  if (options && typeof options === 'object') refuseOldOptions('fitted', options);
  checkResultOptions('fitted', options, { ...SUMMARY_KINDS, scale: 'string', dpar: 'string' });
  const prob = checkProb(options.prob);
  const scale = options.scale ?? 'response';
  if (scale !== 'response' && scale !== 'linear') throw new SpecError(`scale must be "response" or "linear", got ${JSON.stringify(scale)}`, 'options.scale');
  const o = { ...drawOptions(options), dpar: options.dpar };
  const m = scale === 'linear' ? posteriorLinpred(fit, newdata, o) : posteriorEpred(fit, newdata, o);
  return withMigrationGuards({ kind: 'fitted', prob, rows: summariseDrawColumns(m, prob) });
}

/**
 * brms predict(): per row, the summary of posterior_predict, i.e. of new observations WITH the
 * residual noise (its sd exceeds fitted()'s by about sigma for a gaussian model).
 */
export function predict(fit: FitData, newdata?: TableInput | RawTable, options: SummaryDrawOptions = {}): PredictionSummary {
  if (options && typeof options === 'object') refuseOldOptions('predict', options);
  checkResultOptions('predict', options, SUMMARY_KINDS);
  const prob = checkProb(options.prob);
  return withMigrationGuards({ kind: 'predict', prob, rows: summariseDrawColumns(posteriorPredict(fit, newdata, drawOptions(options)), prob) });
}

/** residuals()' options: as fitted()'s (groups, draws, allowNewLevels, seed, prob). */
export type ResidualOptions = SummaryDrawOptions;

/** The response column of new data (a one-line DataError naming it when absent), or the training response. */
function responseOf(fit: FitData, newdata: TableInput | RawTable | undefined): Float64Array {
  if (newdata === undefined) return fit.model.response.y;
  // groups 'none': only the response column is read here; posteriorEpred checks the predictors' columns
  return fit.model.newData(newdata, { groups: 'none', withResponse: true }).response!;
}

/**
 * Draws of y_i - E[y_i | theta_s] (brms residuals(summary = FALSE), type "ordinary"): on the training
 * rows, or on new data that holds the response column (its E[y] built as posteriorEpred builds it).
 */
export function posteriorResiduals(fit: FitData, newdata?: TableInput | RawTable, options: ResidualOptions = {}): PosteriorDraws {
  checkResultOptions('residuals', options, SUMMARY_KINDS);
  const y = responseOf(fit, newdata);
  const m = posteriorEpred(fit, newdata, drawOptions(options));
  const out = new Float64Array(m.draws.length);
  for (let s = 0; s < m.S; s++) for (let i = 0; i < m.N; i++) out[s * m.N + i] = y[i] - m.draws[s * m.N + i];
  return { ...m, draws: out };
}

/** brms residuals(): per row (training, or new data with the response column), the summary of y - posterior_epred. */
export function residuals(fit: FitData, newdata?: TableInput | RawTable, options: ResidualOptions = {}): PredictionSummary {
  const prob = checkProb(options?.prob);
  return withMigrationGuards({ kind: 'residuals', prob, rows: summariseDrawColumns(posteriorResiduals(fit, newdata, options), prob) });
}
