/**
 * Ctrl-C and SIGTERM during `strata fit`, as CmdStan treats them: the first stops the chains, which
 * return the draws they have, so the run can still write them (marked incomplete) and exit 130 / 143.
 * A second signal exits at once (after removing temporary files, the chains' streamed CSVs included),
 * for a user who will not wait.
 */
import { removePendingTemporaryFiles } from '../io/index.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The shell's exit status for a process ended by the signal (128 + its number). */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export interface Interruption {
  signal: AbortSignal;
  /** The first signal received, or null. */
  received(): StopSignal | null;
  /** Removes the handlers (the default behaviour, ending the process, returns). */
  dispose(): void;
}

export function watchInterruptions(onFirst: (signal: StopSignal) => void): Interruption {
  const controller = new AbortController();
  let first: StopSignal | null = null;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (first !== null) {
        removePendingTemporaryFiles();
        process.exit(SIGNAL_EXIT[name]);
      }
      first = name;
      onFirst(name);
      controller.abort();
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    signal: controller.signal,
    received: () => first,
    dispose: () => handlers.forEach((off) => off()),
  };
}
