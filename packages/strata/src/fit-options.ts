/**
 * fit() options are checked by name: a misspelt key (`chain` for `chains`) would otherwise be
 * silently ignored and the run would use a default the user did not ask for. Model specs already
 * reject unknown fields; options now do too.
 */
import { StrataError } from '@strata/core';
import type { RunOptions, SamplerStats } from '@strata/samplers';

/**
 * A batch of FitOptions.onDraws: kept draws of one chain as they are drawn, as the Fit will hold
 * them (constrained, columns model.constrainedNames, the CSV's parameter columns).
 */
export interface FitDrawBatch {
  /** 0-based chain index. */
  chain: number;
  /** Index of the batch's first row among the chain's kept draws. */
  start: number;
  rows: number;
  /** rows x constrainedNames.length, row-major; the receiver's own copy. */
  draws: Float64Array;
  stats: SamplerStats;
  /** On a chain's first batch only (0 rows, sent when warmup ends): its adapted step size and inverse metric (as fit.run.chains[k] will hold them). */
  adaptation?: { stepSize: number; inverseMetric: Float64Array };
  /** True on the chain's last batch (which may have 0 rows); a chain stopped during warmup sends none. */
  last: boolean;
}

/** Options of fit() and sampleModel(). */
export interface FitOptions {
  /** Number of chains (default 4). */
  chains?: number;
  /** Warmup iterations per chain (default 1000). */
  warmup?: number;
  /** Kept iterations per chain (default 1000). */
  draws?: number;
  /** Seed for reproducible draws (default: random, reported in the Fit). */
  seed?: number;
  /**
   * Worker threads; 1 runs in this thread. Default: in this thread when a chain is expected to take
   * less than a worker's start-up time (about 0.3 s from the bundle the CLI runs, 2 s from source
   * through tsx; see defaultParallel), else the number of cores (at most chains).
   */
  parallel?: number;
  /** Target acceptance statistic of step-size adaptation (default 0.8). */
  adaptDelta?: number;
  /** NUTS maximum tree depth (default 10). */
  maxTreeDepth?: number;
  /** 'diag' (default) or 'dense' metric. */
  metric?: 'diag' | 'dense';
  /** Random inits uniform(-initRadius, initRadius) on the unconstrained scale (default 2). */
  initRadius?: number;
  /**
   * Starting values on the constrained scale by brms name, e.g. { b_Intercept: 1, sigma: 0.5 } (as
   * Stan's init): one object for every chain, or an array of one per chain. Parameters not named start
   * at random as without init. Group-level effects (r_) and correlations cannot be given.
   */
  init?: Readonly<Record<string, number>> | readonly Readonly<Record<string, number>>[];
  /** Keep every thin-th draw (default 1). */
  thin?: number;
  /** Progress bars on an interactive terminal (default true there, never in CI). */
  progressBar?: boolean;
  /** Called as iterations complete. */
  onProgress?: RunOptions['onProgress'];
  /**
   * Each chain's kept draws in batches as they are drawn (the adaptation as warmup ends, then about
   * every 100 draws or 0.5 s, then a last batch), constrained; concatenated they are the Fit's draws. The CLI streams them to its CSV
   * files with it. A throw stops the run, which then rejects.
   */
  onDraws?: (batch: FitDrawBatch) => void;
  /** Stop early: the Fit holds the draws so far and is marked incomplete. */
  signal?: AbortSignal;
  /**
   * Draw from the priors alone (brms sample_prior = "only"): the likelihood is left out. For prior
   * predictive checks, posteriorPredict() of such a fit gives data sets the priors imply.
   */
  priorOnly?: boolean;
  /**
   * Where the chains' worker script is, when parallel > 1. In a browser: the URL of
   * `@strata/strata`'s `lib/browser/worker.mjs` as your page serves it (default: `./worker.mjs`
   * beside the code that calls fit, which a bundler that renames or moves files breaks). In Node: a
   * file: URL of a module exporting createLogDensity (default: this package's own).
   */
  workerUrl?: string | URL;
}

/** A bad options object passed to fit() / sampleModel(); `key` is the offending option. */
export class FitOptionsError extends StrataError {
  constructor(
    message: string,
    readonly key?: string,
  ) {
    super('OPTIONS', message);
  }
}

// A Record over keyof FitOptions, so adding an option to the interface without listing it here fails to type-check.
const KEYS: Record<keyof FitOptions, true> = {
  chains: true,
  warmup: true,
  draws: true,
  seed: true,
  parallel: true,
  adaptDelta: true,
  maxTreeDepth: true,
  metric: true,
  initRadius: true,
  init: true,
  thin: true,
  progressBar: true,
  onProgress: true,
  onDraws: true,
  signal: true,
  priorOnly: true,
  workerUrl: true,
};
export const FIT_OPTION_KEYS = Object.keys(KEYS) as (keyof FitOptions)[];

/** Edit distance (insert, delete, substitute), for suggesting the option meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The valid key closest to `key`, ignoring case, `_` and `-` (so max_treedepth finds maxTreeDepth); null if none is close. */
export function closestOption(key: string): string | null {
  return closestName(key, FIT_OPTION_KEYS);
}

/** The candidate closest to `key` (same rules as closestOption); null if none is close. */
export function closestName(key: string, candidates: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of candidates) {
    const d = distance(norm(key), norm(k));
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

export function checkFitOptions(options: unknown): asserts options is FitOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new FitOptionsError(`fit options must be an object, got ${Array.isArray(options) ? 'an array' : String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (Object.prototype.hasOwnProperty.call(KEYS, key)) continue;
    const hint = closestOption(key);
    throw new FitOptionsError(
      `unknown fit option "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; valid options: ${FIT_OPTION_KEYS.join(', ')}`,
      key,
    );
  }
  const { priorOnly, onDraws, workerUrl } = options as FitOptions;
  if (onDraws !== undefined && typeof onDraws !== 'function') throw new FitOptionsError(`onDraws must be a function, got ${typeof onDraws}`, 'onDraws');
  if (priorOnly !== undefined && typeof priorOnly !== 'boolean') throw new FitOptionsError(`priorOnly must be true or false, got ${String(priorOnly)}`, 'priorOnly');
  if (workerUrl !== undefined && !(workerUrl instanceof URL) && !(typeof workerUrl === 'string' && URL.canParse(workerUrl))) {
    throw new FitOptionsError(`workerUrl must be an absolute URL (a string or a URL), got ${typeof workerUrl === 'string' ? `'${workerUrl}'` : String(workerUrl)}`, 'workerUrl');
  }
}
