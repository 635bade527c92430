/**
 * A Fit of a run stopped early (AbortSignal, Ctrl-C in the CLI): chains stop at different points
 * (in parallel) or not at all (in sequence, the later chains never start). Nothing kept is thrown
 * away: each chain keeps its own draws and the CSV holds them all; the summaries (R-hat, ESS,
 * estimates) need equal lengths and use the draws every chain with draws has, which the summary says
 * in a line starting "INCOMPLETE:" instead of ever saying "No warnings".
 */
import type { RunResult } from '@strata/samplers';

export interface IncompleteRun {
  /** Chains the run was asked for. */
  requestedChains: number;
  /** Saved draws each chain was to keep (draws / thin, rounded up). */
  requestedDraws: number;
  /** Draws each chain holds, in chain order (all chains, those left out included). */
  drawsPerChain: number[];
  /** 1-based numbers of the chains the Fit keeps (those with draws; all when none has any). */
  keptChains: number[];
  /** Draws per chain the summaries use: the shortest kept chain. */
  commonDraws: number;
}

/** The chains a Fit keeps, and what was cut, for a run; `incomplete` is null for a finished run. */
export function keepDraws(run: RunResult, dimension: number): { run: RunResult; incomplete: IncompleteRun | null } {
  if (!run.incomplete) return { run, incomplete: null };
  const counts = run.chains.map((c) => c.draws.length / dimension);
  const withDraws = run.chains.filter((_, k) => counts[k] > 0);
  const kept = withDraws.length > 0 ? withDraws : run.chains;
  const keptCounts = kept.map((c) => c.draws.length / dimension);
  return {
    run: kept.length === run.chains.length ? run : { ...run, chains: kept },
    incomplete: {
      requestedChains: run.chains.length,
      requestedDraws: Math.ceil(run.config.draws / run.config.thin),
      drawsPerChain: counts,
      keptChains: kept.map((c) => c.chain + 1),
      commonDraws: keptCounts.length > 0 ? Math.min(...keptCounts) : 0,
    },
  };
}

/** "1, 2" or "1-4" for chain numbers. */
function chainList(chains: readonly number[]): string {
  const consecutive = chains.every((c, i) => i === 0 || c === chains[i - 1] + 1);
  return chains.length > 2 && consecutive ? `${chains[0]}-${chains[chains.length - 1]}` : chains.join(', ');
}

/** The summary's first line for a stopped run. */
export function incompleteNote(info: IncompleteRun): string {
  const all = info.drawsPerChain.map((_, k) => k + 1);
  const held = `chain${all.length === 1 ? '' : 's'} ${chainList(all)} ${all.length === 1 ? 'holds' : 'hold'} ${info.drawsPerChain.join(', ')} of ${info.requestedDraws} draws`;
  if (info.commonDraws === 0) return `INCOMPLETE: the run was stopped before any draw was kept (${held}); there is nothing to summarise.`;
  const left = all.filter((c) => !info.keptChains.includes(c));
  const leftOut = left.length > 0 ? `; chain${left.length === 1 ? '' : 's'} ${chainList(left)} (no draws) left out` : '';
  const kept = info.keptChains;
  return (
    `INCOMPLETE: the run was stopped early (${held}${leftOut}); the estimates and diagnostics use the first ` +
    `${info.commonDraws} draws of chain${kept.length === 1 ? '' : 's'} ${chainList(kept)}, and the CSV holds every draw.`
  );
}

/** Where a finished run says "No warnings": a stopped run's diagnostics cover only part of a run. */
export const INCOMPLETE_NO_WARNINGS =
  'No diagnostic warnings on the draws kept, but the run did not finish: check again on a complete run.';
