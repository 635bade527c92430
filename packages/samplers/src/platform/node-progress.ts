import cliProgress from 'cli-progress';
import type { ProgressBars } from './types.js';

/** One cli-progress bar per chain on stderr. */
export function terminalBars(chains: number, total: number): ProgressBars {
  const multibar = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: 'chain {chain} |{bar}| {value}/{total} {phase}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = Array.from({ length: chains }, (_, c) => multibar.create(total, 0, { chain: c, phase: 'warmup' }));
  return {
    update: (chain, iteration, phase) => bars[chain]?.update(iteration, { chain, phase }),
    stop: () => multibar.stop(),
  };
}
