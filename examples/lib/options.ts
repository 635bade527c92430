/** Options every example's run() takes, and how they become fit() options. */
import type { FitOptions } from '@strata/strata';
import { DEFAULT_OUT_DIR } from './paths.js';

export interface ExampleOptions {
  /** Chains per fit (default 4). */
  chains?: number;
  /** Warmup iterations per chain (default 1000). */
  warmup?: number;
  /** Kept draws per chain (default 1000). */
  draws?: number;
  /** Seed of the first fit; an example with several fits derives the others from it. */
  seed?: number;
  /** Worker threads (default: fit's default, one per chain up to the number of cores). */
  parallel?: number;
  /** Progress bars (default: fit's default, on when stdout is a terminal). */
  progressBar?: boolean;
  /** Where the SVG plots go (default examples/out). */
  outDir?: string;
  /** Where the text goes (default console.log); pass () => {} to silence an example. */
  log?: (line: string) => void;
}

export interface ResolvedExampleOptions {
  seed: number;
  outDir: string;
  log: (line: string) => void;
  /** Options for fit(); `seedOffset` gives the k-th fit of an example its own seed. */
  fitOptions(seedOffset?: number, extra?: FitOptions): FitOptions;
}

export function resolveOptions(options: ExampleOptions, defaultSeed: number): ResolvedExampleOptions {
  const seed = options.seed ?? defaultSeed;
  return {
    seed,
    outDir: options.outDir ?? DEFAULT_OUT_DIR,
    log: options.log ?? ((line: string) => console.log(line)),
    fitOptions: (seedOffset = 0, extra = {}) => ({
      chains: options.chains ?? 4,
      warmup: options.warmup ?? 1000,
      draws: options.draws ?? 1000,
      seed: seed + seedOffset,
      ...(options.parallel !== undefined && { parallel: options.parallel }),
      ...(options.progressBar !== undefined && { progressBar: options.progressBar }),
      ...extra,
    }),
  };
}
