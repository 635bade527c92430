/**
 * The result of fit(): constrained draws per chain and the summaries users read first (posterior
 * summary with sampler diagnostics and warnings, fixed effects, group-level effects, variance
 * components). Further answers (icc, shrinkage, predictions, LOO) live in their own modules and take
 * a Fit.
 */
import { SpecError, type CompiledModel, type RawTable, type TableInput } from '@strata/core';
import type { RunResult } from '@strata/samplers';
import {
  diagnosticWarnings,
  formatSamplerDiagnostics,
  formatSummary,
  formatWarnings,
  samplerDiagnostics,
  summarizeDraws,
  type DiagnosticWarning,
  type DrawsSummary,
  type NamedChains,
  type SamplerDiagnostics,
} from '@strata/diagnostics';
import { icc, type IccResult } from './icc.js';
import { shrinkage, type ShrinkageResult } from './shrinkage.js';
import { predict, posteriorPredict, type PosteriorPredictOptions, type PosteriorPrediction, type PredictOptions, type Prediction } from './predict.js';
import { fitBayesR2, fitLoo } from './fit-loo.js';
import type { BayesR2Result, LooResult } from './loo/index.js';
import { fitRecord, type FitRecord } from './fit-record.js';
import { writeFitCsv } from '../io/fit-csv.js';
import { checkResultOptions, describe } from './result-options.js';
import { keepDraws, type IncompleteRun } from './incomplete.js';
import { noWarningsLine, summaryNotes } from './summary-notes.js';

export interface SamplerBlock {
  chains: number;
  warmup: number;
  draws: number;
  divergent: number;
  max_treedepth_hits: number;
  grad_evals: number;
  warmup_seconds: number;
  sampling_seconds: number;
  ebfmi: (number | null)[];
  step_size: number[];
  incomplete: boolean;
}

export interface SummaryOptions {
  /** Columns after `variable` (posterior's names; default mean, median, sd, mad, q5, q95, rhat, ess_bulk, ess_tail). */
  measures?: readonly string[];
  /** Restrict to these variables (default: all). */
  variables?: readonly string[];
}

export interface FitSummary {
  draws: DrawsSummary;
  sampler: SamplerBlock;
  diagnostics: SamplerDiagnostics;
  warnings: DiagnosticWarning[];
  /** Plain rows, one per variable: { variable, mean, ... } with NaN as null. */
  variables: Record<string, string | number | null>[];
  /** Aligned terminal table with sampler diagnostics and warnings. */
  toString(): string;
}

/** A row of fixef() / ranef() / varCorr(): posterior mean, sd and 90% interval. */
export interface EstimateRow {
  name: string;
  mean: number;
  sd: number;
  q5: number;
  q95: number;
}

export class Fit {
  readonly model: CompiledModel;
  readonly run: RunResult;
  /** Names of the constrained quantities (brms names), the columns of `constrained`. */
  readonly names: readonly string[];
  readonly seed: number;
  readonly chains: number;
  /** Kept draws per chain. */
  readonly iterations: number;
  /** Per chain: iterations x names.length, row-major. */
  readonly constrained: Float64Array[];
  readonly maxTreeDepth: number;
  /** For a run stopped early: what each chain holds (see incomplete.ts); null for a finished run. */
  readonly incomplete: IncompleteRun | null;
  private readonly index: Map<string, number>;

  constructor(model: CompiledModel, run: RunResult, options: { maxTreeDepth: number }) {
    this.model = model;
    const d = model.dimension;
    ({ run: this.run, incomplete: this.incomplete } = keepDraws(run, d));
    this.names = model.constrainedNames;
    this.seed = run.seed;
    this.chains = this.run.chains.length;
    this.maxTreeDepth = options.maxTreeDepth;
    // A stopped run's chains differ in length: each keeps all its draws; summaries use the common part.
    this.iterations = Math.min(...this.run.chains.map((c) => c.draws.length / d));
    const k = this.names.length;
    this.constrained = this.run.chains.map((c) => {
      const n = c.draws.length / d;
      const out = new Float64Array(n * k);
      for (let i = 0; i < n; i++) model.constrain(c.draws.subarray(i * d, (i + 1) * d), out.subarray(i * k, (i + 1) * k));
      return out;
    });
    this.index = new Map(this.names.map((n, i) => [n, i]));
  }

  /** Draws of one constrained quantity, one Float64Array per chain. */
  draws(name: string): Float64Array[] {
    const j = this.index.get(name);
    if (j === undefined) throw new RangeError(`no variable "${name}" in this fit; variables start with ${this.names.slice(0, 6).join(', ')}, ...`);
    const k = this.names.length;
    return this.constrained.map((c) => {
      const out = new Float64Array(this.iterations);
      for (let i = 0; i < this.iterations; i++) out[i] = c[i * k + j];
      return out;
    });
  }

  /** All draws of one quantity pooled over chains. */
  pooled(name: string): Float64Array {
    const parts = this.draws(name);
    const out = new Float64Array(parts.length * this.iterations);
    parts.forEach((p, c) => out.set(p, c * this.iterations));
    return out;
  }

  /** Unconstrained draw s (pooled index, chain-major), as a view. */
  unconstrainedDraw(s: number): Float64Array {
    const d = this.model.dimension;
    const c = Math.floor(s / this.iterations);
    const i = s % this.iterations;
    return this.run.chains[c].draws.subarray(i * d, (i + 1) * d);
  }

  get totalDraws(): number {
    return this.chains * this.iterations;
  }

  /** posterior::summarise_draws columns, Stan's sampler diagnostics and its warnings. */
  summary(options: SummaryOptions = {}): FitSummary {
    checkResultOptions('summary', options, { measures: 'string[]', variables: 'string[]' });
    const wanted = options.variables ?? this.names;
    const input: NamedChains[] = wanted.map((name) => ({ name, chains: this.draws(name) }));
    const draws = summarizeDraws(input, options.measures ? { measures: options.measures } : {});
    const stats = this.run.chains.map((c) => c.stats as unknown as Record<string, ArrayLike<number>>);
    const diagnostics = samplerDiagnostics(stats, { maxTreedepth: this.maxTreeDepth });
    const warnings = diagnosticWarnings({ summary: draws, sampler: diagnostics });
    const sampler = this.samplerBlock(diagnostics);
    const variables = draws.rows.map((row) => {
      const out: Record<string, string | number | null> = { variable: row.variable };
      for (const m of draws.measures) out[m] = Number.isFinite(row.values[m]) ? row.values[m] : null;
      return out;
    });
    return {
      draws,
      sampler,
      diagnostics,
      warnings,
      variables,
      toString: () =>
        [
          ...summaryNotes(this),
          formatSummary(draws),
          '',
          formatSamplerDiagnostics(diagnostics),
          `gradient evaluations ${sampler.grad_evals}; warmup ${sampler.warmup_seconds.toFixed(2)} s, sampling ${sampler.sampling_seconds.toFixed(2)} s (summed over chains)`,
          warnings.length ? `\n${formatWarnings(warnings)}` : noWarningsLine(this),
        ].join('\n'),
    };
  }

  /** The `sampler` block of the command line's summary JSON. */
  samplerBlock(diagnostics?: SamplerDiagnostics): SamplerBlock {
    const diag = diagnostics ?? samplerDiagnostics(this.run.chains.map((c) => c.stats as unknown as Record<string, ArrayLike<number>>), { maxTreedepth: this.maxTreeDepth });
    const sum = (f: (c: RunResult['chains'][number]) => number) => this.run.chains.reduce((s, c) => s + f(c), 0);
    return {
      chains: this.chains,
      warmup: this.run.config.warmup,
      draws: this.iterations,
      divergent: diag.divergences?.count ?? 0,
      max_treedepth_hits: diag.treedepth?.count ?? 0,
      grad_evals: sum((c) => c.gradientEvaluations.warmup + c.gradientEvaluations.sampling),
      warmup_seconds: sum((c) => c.seconds.warmup),
      sampling_seconds: sum((c) => c.seconds.sampling),
      ebfmi: (diag.ebfmi ?? []).map((v) => (Number.isFinite(v) ? v : null)),
      step_size: this.run.chains.map((c) => c.stepSize),
      incomplete: this.run.incomplete,
    };
  }

  /** Posterior mean, sd and 90% interval of quantities. */
  estimates(names: readonly string[]): EstimateRow[] {
    return names.map((name) => {
      const x = Float64Array.from(this.pooled(name)).sort();
      const n = x.length;
      let mean = 0;
      for (const v of x) mean += v;
      mean /= n;
      let ss = 0;
      for (const v of x) ss += (v - mean) * (v - mean);
      return { name, mean, sd: Math.sqrt(ss / (n - 1)), q5: quantile7(x, 0.05), q95: quantile7(x, 0.95) };
    });
  }

  /** Fixed effects (population-level coefficients). */
  fixef(): EstimateRow[] {
    return this.estimates(this.names.filter((n) => n.startsWith('b_')));
  }

  /** Group-level effects per grouping factor (as brms): one row per level and coefficient; a nonlinear parameter's coefficients are named nlpar_coef. */
  ranef(): Record<string, (EstimateRow & { level: string; coef: string })[]> {
    const out: Record<string, (EstimateRow & { level: string; coef: string })[]> = {};
    for (const name of this.names) {
      const m = /^r_(.+)\[(.*),([^,\]]+)\]$/.exec(name);
      if (!m) continue;
      const [, term, level, coef] = m;
      // As brms: keyed by the grouping factor; a nonlinear parameter's effects (r_Tree__Asym[...])
      // are that factor's coefficients named nlpar_coef (Asym_Intercept).
      const split = term.indexOf('__');
      const group = split < 0 ? term : term.slice(0, split);
      const nlpar = split < 0 ? '' : term.slice(split + 2);
      (out[group] ??= []).push({ ...this.estimates([name])[0], level, coef: nlpar ? `${nlpar}_${coef}` : coef });
    }
    return out;
  }

  /** Variance components: group-level sds, correlations and the residual sd (when estimated). */
  varCorr(): { sd: EstimateRow[]; cor: EstimateRow[]; sigma: EstimateRow | null } {
    return {
      sd: this.estimates(this.names.filter((n) => n.startsWith('sd_'))),
      cor: this.estimates(this.names.filter((n) => n.startsWith('cor_'))),
      sigma: this.index.has('sigma') ? this.estimates(['sigma'])[0] : null,
    };
  }

  // Further answers, each in its own module under results/ (see docs/results.md).

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

  /** Posterior draws of E[y | theta, x] (and eta) for new data, or the training data when omitted. */
  predict(newdata?: TableInput | RawTable, options?: PredictOptions): Prediction {
    return predict(this, newdata, options);
  }

  /** Replicated data per posterior draw, for the training data or new data. */
  posteriorPredict(newdata?: TableInput | RawTable, options?: PosteriorPredictOptions): PosteriorPrediction {
    return posteriorPredict(this, newdata, options);
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

/** R's type-7 quantile of sorted values. */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
