/**
 * Population-averaged (marginal) effects of a GLMM. The model's coefficients are conditional
 * (subject-specific): for a logistic model exp(b) is the odds ratio for one subject, r held fixed.
 * The population-averaged mean is E_r[g^-1(X beta + Z r)] with r ~ N(0, Omega), which for a nonlinear
 * link is not g^-1(X beta): odds ratios are not collapsible, and the marginal odds ratio (what a GEE or
 * a pooled logistic regression estimates) lies closer to 1 than the conditional one.
 *
 * The integral over r is Monte Carlo, per posterior draw: `nodes` fresh effects r = diag(tau_s) L_s z
 * (core's groups 'new', seeded), the same ones for every row of the draw (common random numbers, so a
 * contrast between rows carries no extra Monte Carlo noise from different r). The Monte Carlo error
 * of one draw's mean is sd(g^-1(eta + r)) / sqrt(nodes), small next to the posterior sd for the
 * default 1000 nodes.
 */
import { SpecError, type RawTable, type TableInput } from '@strata/core';
import { intervalSummary, type IntervalSummary } from '../stats.js';
import type { FitData } from './fit-data.js';
import { predictorColumns, typicalValue, type CellValue } from './conditional-effects.js';
import { posteriorEpred, posteriorLinpred, type PosteriorDraws } from './posterior-draws.js';
import { checkResultOptions } from './result-options.js';

export interface MarginalOptions {
  /** Monte Carlo draws of the group-level effects per posterior draw (default 1000). */
  nodes?: number;
  /** Seed of the effects' draws (default: the fit's seed). */
  seed?: number;
  /** Posterior draws to use (default all). */
  draws?: number;
}

/** Grouping columns of every group term (a:b gives a and b). */
function groupingColumns(fit: FitData): string[] {
  return [...new Set(fit.model.layout.groups.flatMap((g) => g.design.grouping))];
}

/**
 * Draws (S x N) of the population-averaged E[y | x] = E_r[E[y | theta, x, r]], r ~ N(0, Omega_s);
 * the rows need the predictors only (grouping columns are filled in).
 */
export function posteriorMarginalEpred(fit: FitData, newdata: readonly Record<string, CellValue>[], options: MarginalOptions = {}): PosteriorDraws {
  checkResultOptions('posteriorMarginalEpred', options, { nodes: 'number', seed: 'any', draws: 'any' });
  const nodes = options.nodes ?? 1000;
  if (!Number.isInteger(nodes) || nodes < 1) throw new SpecError(`nodes must be a positive integer, got ${nodes}`, 'options.nodes');
  if (!Array.isArray(newdata) || newdata.length === 0) throw new SpecError('posteriorMarginalEpred needs new data as an array of row objects', 'newdata');
  const grouping = groupingColumns(fit);
  const N = newdata.length;
  const opts = { ...(options.draws !== undefined && { draws: options.draws }), ...(options.seed !== undefined && { seed: options.seed }) };
  if (grouping.length === 0) return posteriorEpred(fit, newdata as unknown as TableInput | RawTable, { ...opts, groups: 'none' });
  // Copy m of every row belongs to the made-up level "marginal m" of every grouping factor.
  const rows = Array.from({ length: nodes }, (_, m) => newdata.map((r) => ({ ...r, ...Object.fromEntries(grouping.map((g) => [g, `marginal ${m}`])) }))).flat();
  const all = posteriorEpred(fit, rows as unknown as TableInput, { ...opts, groups: 'new' });
  const { S } = all;
  const out = new Float64Array(S * N);
  for (let s = 0; s < S; s++) {
    for (let m = 0; m < nodes; m++) for (let i = 0; i < N; i++) out[s * N + i] += all.draws[s * N * nodes + m * N + i];
    for (let i = 0; i < N; i++) out[s * N + i] /= nodes;
  }
  return { S, N, drawIndex: all.drawIndex, draws: out };
}

export interface MarginalEffectOptions extends MarginalOptions {
  /** The two values compared (default: the first two levels of a factor, or mean and mean + 1 of a numeric predictor). */
  values?: [CellValue, CellValue];
  /** Values of the other predictors (default: means and reference levels, as conditionalEffects). */
  conditions?: Record<string, CellValue>;
  /** Central interval probability (default 0.95). */
  prob?: number;
}

export interface EffectScale {
  /** E[y] at the two values, their difference and (bernoulli/binomial) odds ratio, summarised over draws. */
  from: IntervalSummary;
  to: IntervalSummary;
  difference: IntervalSummary;
  oddsRatio: IntervalSummary | null;
  draws: { from: Float64Array; to: Float64Array; oddsRatio: Float64Array | null };
}

export interface MarginalEffect {
  variable: string;
  values: [CellValue, CellValue];
  conditions: Record<string, CellValue>;
  /** Subject-specific: group-level effects at 0 (for a logistic model the odds ratio is exp(b)). */
  conditional: EffectScale;
  /** Population-averaged over r ~ N(0, Omega). */
  marginal: EffectScale;
}

/** `logOdds`: the two rows' log odds when known exactly (conditional, logit link), else odds come from the probabilities. */
function scale(from: Float64Array, to: Float64Array, binary: boolean, prob: number, logOdds: [Float64Array, Float64Array] | null = null): EffectScale {
  const odds = (p: number) => p / (1 - p);
  const or = !binary ? null : logOdds ? logOdds[0].map((f, s) => Math.exp(logOdds[1][s] - f)) : from.map((f, s) => odds(to[s]) / odds(f));
  return {
    from: intervalSummary(from, prob),
    to: intervalSummary(to, prob),
    difference: intervalSummary(to.map((t, s) => t - from[s]), prob),
    oddsRatio: or ? intervalSummary(or, prob) : null,
    draws: { from, to, oddsRatio: or },
  };
}

function columnOfDraws(m: PosteriorDraws, i: number): Float64Array {
  return Float64Array.from({ length: m.S }, (_, s) => m.draws[s * m.N + i]);
}

/** The conditional and the population-averaged effect of changing one predictor from one value to another. */
export function marginalEffect(fit: FitData, variable: string, options: MarginalEffectOptions = {}): MarginalEffect {
  checkResultOptions('marginalEffect', options, { values: 'any', conditions: 'any', prob: 'number', nodes: 'number', seed: 'any', draws: 'any' });
  const predictors = predictorColumns(fit);
  const table = fit.model.structure.table;
  const col = table.columns.get(variable);
  if (!col || !predictors.includes(variable)) throw new SpecError(`marginalEffect: "${variable}" is not a predictor of this model; predictors: ${predictors.join(', ')}`, 'variable');
  let values = options.values;
  if (!values) {
    if (col.kind === 'factor' && col.levels.length < 2) throw new SpecError(`marginalEffect: factor "${variable}" has one level only`, 'variable');
    values = col.kind === 'factor' ? [col.levels[0], col.levels[1]] : [typicalValue(table, variable) as number, (typicalValue(table, variable) as number) + 1];
  }
  const conditions: Record<string, CellValue> = {};
  for (const name of predictors) if (name !== variable) conditions[name] = typicalValue(table, name);
  Object.assign(conditions, options.conditions ?? {});
  const family = fit.model.family;
  const trials = fit.model.structure.response.trials;
  if (typeof trials === 'string') conditions[trials] = 1; // per trial: the probability scale
  const rows = values.map((v) => ({ ...conditions, [variable]: v }));
  const prob = options.prob ?? 0.95;
  const draws = options.draws !== undefined ? { draws: options.draws } : {};
  const cond = posteriorEpred(fit, rows as unknown as TableInput, { ...draws, groups: 'none' });
  const marg = posteriorMarginalEpred(fit, rows, { ...draws, ...(options.nodes !== undefined && { nodes: options.nodes }), ...(options.seed !== undefined && { seed: options.seed }) });
  const binary = family.name === 'bernoulli' || family.name === 'binomial';
  // p / (1 - p) loses digits as p nears 1; the conditional odds ratio is exp(eta_to - eta_from) exactly.
  const lin = binary && family.link === 'logit' ? posteriorLinpred(fit, rows as unknown as TableInput, { ...draws, groups: 'none' }) : null;
  return {
    variable,
    values,
    conditions,
    conditional: scale(columnOfDraws(cond, 0), columnOfDraws(cond, 1), binary, prob, lin && [columnOfDraws(lin, 0), columnOfDraws(lin, 1)]),
    marginal: scale(columnOfDraws(marg, 0), columnOfDraws(marg, 1), binary, prob),
  };
}
