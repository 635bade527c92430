/**
 * Diagnostics of the sampler itself from its per-draw statistics (Stan's sampler_params):
 * divergent transitions, saturation of the maximum tree depth, and E-BFMI per chain.
 */

/** One chain's per-draw sampler statistics, as Stan names them; any other arrays are ignored. */
export interface SamplerStats {
  readonly divergent__?: ArrayLike<number>;
  readonly treedepth__?: ArrayLike<number>;
  readonly energy__?: ArrayLike<number>;
  readonly [name: string]: ArrayLike<number> | undefined;
}

/** Count and share of draws with some property, in total and per chain. */
export interface DrawCount {
  readonly count: number;
  /** count / total draws (NaN when there are no draws). */
  readonly share: number;
  readonly perChain: readonly number[];
  readonly draws: number;
}

export interface SamplerDiagnostics {
  readonly chains: number;
  /** null when no chain reports divergent__. */
  readonly divergences: DrawCount | null;
  /** null when no chain reports treedepth__. */
  readonly treedepth: (DrawCount & { readonly maxDepth: number }) | null;
  /** E-BFMI per chain; null when no chain reports energy__. */
  readonly ebfmi: readonly number[] | null;
}

export interface SamplerDiagnosticsOptions {
  /** The sampler's max_treedepth (Stan's default 10). */
  readonly maxTreedepth?: number;
}

/**
 * Energy Bayesian fraction of missing information of one chain, as Stan computes it:
 * sum of squared successive energy differences / sum of squared deviations from the mean energy.
 * NaN for fewer than two draws, non-finite energies, or constant energy.
 */
export function ebfmi(energy: ArrayLike<number>): number {
  const n = energy.length;
  if (n < 2) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += energy[i];
  const centre = sum / n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const d = energy[i] - centre;
    denominator += d * d;
    if (i > 0) {
      const step = energy[i] - energy[i - 1];
      numerator += step * step;
    }
  }
  return denominator > 0 && Number.isFinite(numerator) ? numerator / denominator : NaN;
}

/** Draws flagged divergent (divergent__ > 0). */
export function countDivergences(stats: readonly SamplerStats[]): DrawCount {
  return countDraws(stats, 'divergent__', (v) => v > 0);
}

/** Draws whose tree depth reached maxDepth (treedepth__ >= maxDepth). */
export function countTreedepthSaturation(stats: readonly SamplerStats[], maxDepth: number): DrawCount {
  if (!(maxDepth > 0)) throw new RangeError(`maxTreedepth must be positive (got ${maxDepth})`);
  return countDraws(stats, 'treedepth__', (v) => v >= maxDepth);
}

function countDraws(stats: readonly SamplerStats[], key: string, flagged: (v: number) => boolean): DrawCount {
  const perChain: number[] = [];
  let draws = 0;
  stats.forEach((chain, c) => {
    const values = requireStat(chain, key, c);
    let count = 0;
    for (let i = 0; i < values.length; i++) if (flagged(values[i])) count++;
    perChain.push(count);
    draws += values.length;
  });
  const count = perChain.reduce((a, b) => a + b, 0);
  return { count, share: draws > 0 ? count / draws : NaN, perChain, draws };
}

function requireStat(chain: SamplerStats, key: string, index: number): ArrayLike<number> {
  const values = chain?.[key];
  if (values == null || typeof values.length !== 'number') {
    throw new TypeError(`chain ${index + 1} has no ${key} array (other chains report it)`);
  }
  return values;
}

function reported(stats: readonly SamplerStats[], key: string): boolean {
  return stats.some((chain) => chain?.[key] != null);
}

/**
 * All sampler diagnostics for per-chain statistics. A statistic missing from every chain gives null
 * (e.g. no treedepth__ for static HMC); missing from only some chains is an error.
 */
export function samplerDiagnostics(
  stats: readonly SamplerStats[],
  options: SamplerDiagnosticsOptions = {},
): SamplerDiagnostics {
  if (!Array.isArray(stats)) throw new TypeError('sampler statistics must be an array with one object per chain');
  const maxDepth = options.maxTreedepth ?? 10;
  return {
    chains: stats.length,
    divergences: reported(stats, 'divergent__') ? countDivergences(stats) : null,
    treedepth: reported(stats, 'treedepth__')
      ? { ...countTreedepthSaturation(stats, maxDepth), maxDepth }
      : null,
    ebfmi: reported(stats, 'energy__') ? stats.map((chain, c) => ebfmi(requireStat(chain, 'energy__', c))) : null,
  };
}
