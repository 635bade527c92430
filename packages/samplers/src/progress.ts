import { barsWanted, terminalBars } from '#platform';
import type { ProgressBars } from './platform/types.js';
import type { Phase, ProgressCallback } from './types.js';

export { barsWanted };

export interface ProgressReporter {
  report(chain: number, iteration: number, total: number, phase: Phase): void;
  stop(): void;
}

/**
 * Fans progress out to the user's callback and, when wanted, to the platform's terminal bars (one
 * per chain on stderr under Node).
 */
export function createProgressReporter(
  chains: number,
  total: number,
  callback: ProgressCallback | undefined,
  wanted: boolean,
): ProgressReporter {
  const bars: ProgressBars | null = wanted && total > 0 ? terminalBars(chains, total) : null;
  return {
    report(chain, iteration, totalIterations, phase) {
      bars?.update(chain, iteration, phase);
      callback?.(chain, iteration, totalIterations, phase);
    },
    stop() {
      bars?.stop();
    },
  };
}
