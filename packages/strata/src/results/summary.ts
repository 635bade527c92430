/**
 * One summary of a run, in one shape, for `Fit.summary()`, `strata fit --summary` and
 * `strata summary` (docs/results.md "The summary"): posterior's columns per variable, Stan's sampler
 * diagnostics and warnings, and the `sampler` block of model-spec.md. JSON.stringify of a summary
 * is that contract's JSON.
 */
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
import { variableDraws, type FitData } from './fit-data.js';
import { checkResultOptions } from './result-options.js';
import { noWarningsLine, summaryNotes } from './summary-notes.js';

/** The `sampler` block: model-spec.md's fields, then E-BFMI, step sizes and whether the run was interrupted. */
export interface SamplerBlock {
  chains: number;
  warmup: number;
  draws: number;
  divergent: number;
  max_treedepth_hits: number;
  /** Every log-density-and-gradient evaluation, warmup included; NaN (null in JSON) where unknown. */
  grad_evals: number;
  /** Wall-clock seconds summed over chains; NaN (null in JSON) where unknown. */
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

/** A summary row of the JSON: { variable, mean, median, ... } with non-finite values as null. */
export type SummaryVariableRow = Record<string, string | number | null>;

/** The JSON shape (model-spec.md "--summary writes JSON", plus warnings and seed). */
export interface SummaryJSON {
  variables: SummaryVariableRow[];
  sampler: Record<string, number | boolean | null | (number | null)[]>;
  warnings: { kind: string; message: string; advice: string }[];
  seed: number | null;
}

export interface FitSummary {
  draws: DrawsSummary;
  sampler: SamplerBlock;
  diagnostics: SamplerDiagnostics;
  warnings: DiagnosticWarning[];
  /** Plain rows, one per variable: { variable, mean, ... } with NaN as null. */
  variables: SummaryVariableRow[];
  /** The run's seed, null where unknown. */
  seed: number | null;
  /** Aligned terminal table with sampler diagnostics and warnings. */
  toString(): string;
  /** The documented JSON shape (what JSON.stringify writes). */
  toJSON(): SummaryJSON;
}

/** What the sampler block says about a run beyond the per-draw stats (sums over chains). */
export interface RunFacts {
  chains: number;
  warmup: number;
  /** Kept draws per chain. */
  draws: number;
  gradEvals: number;
  warmupSeconds: number;
  samplingSeconds: number;
  stepSizes: number[];
  incomplete: boolean;
}

export interface SummaryInput {
  variables: NamedChains[];
  /** Per chain: the sampler's per-draw columns (divergent__, treedepth__, energy__, ...). */
  stats: Record<string, ArrayLike<number>>[];
  maxTreedepth?: number;
  run: RunFacts;
  seed: number | null;
  measures?: readonly string[];
  /** Caveats printed before the table (a stopped run, dropped rows, rescaling: summary-notes.ts). */
  notes?: readonly string[];
  /** The closing line when no diagnostic warns (default: the all-clear). */
  noWarnings?: string;
  /** A stopped run's draws per chain (all chains, in order); the JSON then says incomplete. */
  drawsPerChain?: readonly number[];
}

export function samplerBlock(run: RunFacts, diagnostics: SamplerDiagnostics): SamplerBlock {
  return {
    chains: run.chains,
    warmup: run.warmup,
    draws: run.draws,
    divergent: diagnostics.divergences?.count ?? 0,
    max_treedepth_hits: diagnostics.treedepth?.count ?? 0,
    grad_evals: run.gradEvals,
    warmup_seconds: run.warmupSeconds,
    sampling_seconds: run.samplingSeconds,
    ebfmi: (diagnostics.ebfmi ?? []).map(finiteOrNull),
    step_size: run.stepSizes,
    incomplete: run.incomplete,
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function variableRows(draws: DrawsSummary): SummaryVariableRow[] {
  return draws.rows.map((row) => {
    const out: SummaryVariableRow = { variable: row.variable };
    for (const m of draws.measures) out[m] = finiteOrNull(row.values[m]);
    return out;
  });
}

function samplerJSON(sampler: SamplerBlock): SummaryJSON['sampler'] {
  const out: SummaryJSON['sampler'] = {};
  for (const [key, value] of Object.entries(sampler)) {
    out[key] = typeof value === 'number' ? finiteOrNull(value) : Array.isArray(value) ? value.map((v) => (v === null ? null : finiteOrNull(v))) : value;
  }
  return out;
}

const ALL_CLEAR = "No warnings: R-hat, ESS, divergences, tree depth and E-BFMI are all within Stan's thresholds.";

function summaryText(s: Omit<FitSummary, 'toString' | 'toJSON'>, notes: readonly string[], noWarnings: string): string {
  const { sampler } = s;
  const seconds = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} s` : 'unknown');
  const grads = Number.isFinite(sampler.grad_evals) ? `gradient evaluations ${sampler.grad_evals}; ` : '';
  return [
    ...notes,
    formatSummary(s.draws),
    '',
    formatSamplerDiagnostics(s.diagnostics),
    `${grads}warmup ${seconds(sampler.warmup_seconds)}, sampling ${seconds(sampler.sampling_seconds)} (summed over chains)`,
    s.warnings.length ? `\n${formatWarnings(s.warnings)}` : noWarnings,
  ].join('\n');
}

/** posterior::summarise_draws columns, Stan's sampler diagnostics and warnings, and the sampler block. */
export function assembleSummary(input: SummaryInput): FitSummary {
  const draws = summarizeDraws(input.variables, input.measures ? { measures: input.measures } : {});
  const diagnostics = samplerDiagnostics(input.stats, input.maxTreedepth !== undefined ? { maxTreedepth: input.maxTreedepth } : {});
  const warnings = diagnosticWarnings({ summary: draws, sampler: diagnostics });
  const parts = { draws, sampler: samplerBlock(input.run, diagnostics), diagnostics, warnings, variables: variableRows(draws), seed: input.seed };
  return {
    ...parts,
    toString: () => summaryText(parts, input.notes ?? [], input.noWarnings ?? ALL_CLEAR),
    toJSON: () => ({
      variables: parts.variables,
      sampler: samplerJSON(parts.sampler),
      warnings: warnings.map((w) => ({ kind: w.kind, message: w.message, advice: w.advice })),
      seed: parts.seed,
      ...(input.drawsPerChain && { incomplete: true, draws_per_chain: [...input.drawsPerChain] }),
    }),
  };
}

/** The run facts of a fit: settings and sums over its chains. */
export function fitRunFacts(fit: FitData): RunFacts {
  const chains = fit.run.chains;
  const sum = (f: (c: (typeof chains)[number]) => number) => chains.reduce((s, c) => s + f(c), 0);
  return {
    chains: fit.chains,
    warmup: fit.run.config.warmup,
    draws: fit.iterations,
    gradEvals: sum((c) => c.gradientEvaluations.warmup + c.gradientEvaluations.sampling),
    warmupSeconds: sum((c) => c.seconds.warmup),
    samplingSeconds: sum((c) => c.seconds.sampling),
    stepSizes: chains.map((c) => c.stepSize),
    incomplete: fit.run.incomplete,
  };
}

function fitStats(fit: FitData): Record<string, ArrayLike<number>>[] {
  return fit.run.chains.map((c) => c.stats as unknown as Record<string, ArrayLike<number>>);
}

/** The sampler block of a fit (diagnostics computed when not given). */
export function fitSamplerBlock(fit: FitData, diagnostics?: SamplerDiagnostics): SamplerBlock {
  return samplerBlock(fitRunFacts(fit), diagnostics ?? samplerDiagnostics(fitStats(fit), { maxTreedepth: fit.maxTreeDepth }));
}

/** The summary of a fit (Fit.summary()). */
export function summary(fit: FitData, options: SummaryOptions = {}): FitSummary {
  checkResultOptions('summary', options, { measures: 'string[]', variables: 'string[]' });
  const wanted = options.variables ?? fit.names;
  return assembleSummary({
    variables: wanted.map((name) => ({ name, chains: variableDraws(fit, name) })),
    stats: fitStats(fit),
    maxTreedepth: fit.maxTreeDepth,
    run: fitRunFacts(fit),
    seed: fit.seed,
    ...(options.measures && { measures: options.measures }),
    notes: summaryNotes(fit),
    ...(fit.incomplete && { drawsPerChain: fit.incomplete.drawsPerChain }),
    ...(noWarningsLine(fit) !== undefined && { noWarnings: noWarningsLine(fit) }),
  });
}
