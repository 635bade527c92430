import type { SamplerDiagnostics } from './sampler.js';
import type { DrawsSummary, SummaryRow } from './summary.js';

/** Stan's thresholds for its diagnostic warnings. */
export interface Thresholds {
  /** Warn when R-hat exceeds this. */
  readonly rhat: number;
  /** Warn when bulk or tail ESS is below this many per chain. */
  readonly essPerChain: number;
  /** Warn when a chain's E-BFMI is below this. */
  readonly ebfmi: number;
}

export const STAN_THRESHOLDS: Thresholds = Object.freeze({ rhat: 1.01, essPerChain: 100, ebfmi: 0.3 });

export type WarningKind = 'divergences' | 'treedepth' | 'ebfmi' | 'rhat' | 'ess_bulk' | 'ess_tail';

export interface DiagnosticWarning {
  readonly kind: WarningKind;
  /** What was found, with numbers. */
  readonly message: string;
  /** What to try next. */
  readonly advice: string;
  /** Offending variables (rhat / ESS warnings), worst first. */
  readonly variables?: readonly string[];
  /** Offending chains, 1-based (E-BFMI, divergences, tree depth). */
  readonly chains?: readonly number[];
}

export interface WarningInput {
  readonly summary?: DrawsSummary;
  readonly sampler?: SamplerDiagnostics;
}

const MAX_LISTED = 5;

/**
 * Stan's warnings: any divergence, any draw at the maximum tree depth, E-BFMI below 0.3, R-hat above
 * 1.01, bulk or tail ESS below 100 per chain. Each says what to try next. R-hat and ESS warnings need
 * those columns in the summary; NaN values (constant or non-finite draws) are not flagged.
 */
export function diagnosticWarnings(input: WarningInput, thresholds: Thresholds = STAN_THRESHOLDS): DiagnosticWarning[] {
  const warnings: DiagnosticWarning[] = [];
  const { sampler, summary } = input;

  if (sampler?.divergences && sampler.divergences.count > 0) {
    const d = sampler.divergences;
    warnings.push({
      kind: 'divergences',
      message: `${d.count} of ${d.draws} draws (${percent(d.share)}) ended with a divergent transition.`,
      advice:
        'Divergences mean the sampler could not follow the posterior\'s curvature, so the draws may be biased. ' +
        'Raise adapt_delta (e.g. 0.95 or 0.99) for smaller steps; if they persist, reparameterise ' +
        '(e.g. a non-centred parameterisation of hierarchical effects) or use more informative priors.',
      chains: chainsWith(d.perChain),
    });
  }

  if (sampler?.treedepth && sampler.treedepth.count > 0) {
    const t = sampler.treedepth;
    warnings.push({
      kind: 'treedepth',
      message: `${t.count} of ${t.draws} draws (${percent(t.share)}) reached the maximum tree depth of ${t.maxDepth}.`,
      advice:
        'An efficiency concern, not a validity one: trajectories were cut short. Increase max_treedepth, ' +
        'or reparameterise / rescale parameters so that the posterior is less correlated and easier to traverse.',
      chains: chainsWith(t.perChain),
    });
  }

  if (sampler?.ebfmi) {
    const low = sampler.ebfmi.flatMap((value, c) => (value < thresholds.ebfmi ? [c + 1] : []));
    if (low.length > 0) {
      const values = low.map((c) => `${c}: ${sampler.ebfmi![c - 1].toFixed(2)}`).join(', ');
      warnings.push({
        kind: 'ebfmi',
        message: `E-BFMI below ${thresholds.ebfmi} in ${low.length} chain(s) (${values}).`,
        advice:
          'The momentum resampling explores the energy distribution poorly, often because of heavy tails or ' +
          'funnel-shaped posteriors. Reparameterise (non-centred forms, tighter priors on scales) and run longer warmup.',
        chains: low,
      });
    }
  }

  if (summary) {
    const rhat = offenders(summary, 'rhat', (v) => v > thresholds.rhat, (a, b) => b - a);
    if (rhat.length > 0) {
      warnings.push({
        kind: 'rhat',
        message:
          `${rhat.length} variable(s) have R-hat above ${thresholds.rhat} ` +
          `(${listed(rhat, (v) => v.toFixed(3))}): the chains have not mixed.`,
        advice:
          'Do not use these draws for inference yet. Run longer chains (more warmup and iterations); if R-hat ' +
          'stays high, look for multimodality or poorly identified parameters and reparameterise or add prior information.',
        variables: rhat.map((o) => o.variable),
      });
    }
    for (const kind of ['ess_bulk', 'ess_tail'] as const) {
      // the limit scales with each variable's number of chains
      const low = offenders(summary, kind, (v, row) => v < thresholds.essPerChain * row.chains, (a, b) => a - b);
      if (low.length === 0) continue;
      const chainCounts = [...new Set(summary.rows.map((row) => row.chains))];
      const limit =
        chainCounts.length === 1
          ? `${thresholds.essPerChain * chainCounts[0]} for ${chainCounts[0]} chains`
          : `${thresholds.essPerChain} x chains`;
      const which = kind === 'ess_bulk' ? 'Bulk' : 'Tail';
      const affects = kind === 'ess_bulk' ? 'posterior means and medians' : 'posterior intervals and tail quantiles';
      warnings.push({
        kind,
        message:
          `${which} ESS below ${thresholds.essPerChain} per chain (${limit}) for ` +
          `${low.length} variable(s) (${listed(low, (v) => v.toFixed(0))}): ${affects} may be unreliable.`,
        advice:
          'Run longer chains (more iterations per chain) for more effective draws; if the sampler mixes slowly, ' +
          'reparameterise to reduce posterior correlation.',
        variables: low.map((o) => o.variable),
      });
    }
  }
  return warnings;
}

interface Offender {
  readonly variable: string;
  readonly value: number;
}

function offenders(
  summary: DrawsSummary,
  measure: string,
  flagged: (v: number, row: SummaryRow) => boolean,
  worstFirst: (a: number, b: number) => number,
): Offender[] {
  if (!summary.measures.includes(measure)) return [];
  return summary.rows
    .filter((row) => !Number.isNaN(row.values[measure]) && flagged(row.values[measure], row))
    .map((row) => ({ variable: row.variable, value: row.values[measure] }))
    .sort((a, b) => worstFirst(a.value, b.value));
}

function listed(offenders: readonly Offender[], format: (v: number) => string): string {
  const shown = offenders.slice(0, MAX_LISTED).map((o) => `${o.variable} ${format(o.value)}`);
  const more = offenders.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function chainsWith(perChain: readonly number[]): number[] {
  return perChain.flatMap((count, c) => (count > 0 ? [c + 1] : []));
}

function percent(share: number): string {
  return `${(100 * share).toFixed(share < 0.01 ? 2 : 1)}%`;
}
