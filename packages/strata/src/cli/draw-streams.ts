/**
 * `strata fit --output`: each chain's CSV written as its draws arrive (CmdStan writes its files as it
 * samples), so a killed run keeps the draws streamed so far in the chain's hidden temporary file, and
 * an interrupted one (Ctrl-C) renames what it has, marked incomplete. Nothing reaches a final name
 * before the chain's file is whole (io/cmdstan-csv-stream.ts).
 */
import type { FitDrawBatch } from '../fit-options.js';
import { CmdStanChainStream, type CmdStanRunInput } from '../io/index.js';

export interface DrawStreams {
  /** The open streams by final path (a path written in place, such as /dev/full, has none). */
  readonly byPath: ReadonlyMap<string, CmdStanChainStream>;
  /** FitOptions.onDraws: appends the batch to its chain's file (a write error stops that stream only). */
  onDraws(batch: FitDrawBatch): void;
  /** Removes the temporary files of streams not finished (chains left out, a run that failed). */
  discardAll(): void;
}

/** Opens one stream per chain file (paths in chain order), before sampling. */
export function openDrawStreams(paths: readonly string[], run: CmdStanRunInput): DrawStreams {
  const streams = paths.map((p) => CmdStanChainStream.open(p, run));
  const byPath = new Map<string, CmdStanChainStream>();
  paths.forEach((p, k) => {
    const s = streams[k];
    if (s) byPath.set(p, s);
  });
  return {
    byPath,
    onDraws(batch) {
      const stream = streams[batch.chain];
      if (!stream) return;
      const a = batch.adaptation;
      stream.append(batch.stats, batch.draws, a && { chainId: batch.chain + 1, stepSize: a.stepSize, invMetric: a.inverseMetric });
    },
    discardAll() {
      for (const s of byPath.values()) s.discard();
    },
  };
}
