import cliProgress from 'cli-progress';
import type { Phase, ProgressCallback } from './types.js';

export interface ProgressReporter {
  report(chain: number, iteration: number, total: number, phase: Phase): void;
  stop(): void;
}

/** Bars are for people watching a terminal: off in CI and when stderr is redirected. */
export function barsWanted(explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/**
 * Fans progress out to the user's callback and, when wanted, to one cli-progress bar per chain
 * on stderr.
 */
export function createProgressReporter(
  chains: number,
  total: number,
  callback: ProgressCallback | undefined,
  bars: boolean,
): ProgressReporter {
  let multibar: cliProgress.MultiBar | null = null;
  const chainBars: cliProgress.SingleBar[] = [];
  if (bars && total > 0) {
    multibar = new cliProgress.MultiBar(
      {
        stream: process.stderr,
        format: 'chain {chain} |{bar}| {value}/{total} {phase}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    for (let c = 0; c < chains; c++) chainBars.push(multibar.create(total, 0, { chain: c, phase: 'warmup' }));
  }
  return {
    report(chain, iteration, totalIterations, phase) {
      chainBars[chain]?.update(iteration, { chain, phase });
      callback?.(chain, iteration, totalIterations, phase);
    },
    stop() {
      multibar?.stop();
    },
  };
}
