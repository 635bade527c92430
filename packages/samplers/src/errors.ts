/** Text for an unknown thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A chain failed (model factory, initialisation, adaptation, or a crashed worker). */
export class ChainError extends Error {
  override readonly name = 'ChainError';

  constructor(
    readonly chain: number,
    cause: unknown,
  ) {
    super(`chain ${chain} failed: ${describeError(cause)}`, { cause });
  }
}

/**
 * No starting point with a finite log density and gradient was found. A model problem rather than a
 * sampler bug, so callers can tell the user what to check. Across a worker thread only the name and
 * message survive (comlink), so `reason` is also the tail of the message.
 */
export class InitializationError extends Error {
  override readonly name = 'InitializationError';

  constructor(
    /** Points tried (1 for a user init or radius 0). */
    readonly attempts: number,
    /** Why the last point failed, e.g. "the log density is -Infinity". */
    readonly reason: string,
    /** Where the points came from, e.g. "with uniform(-2, 2) inits". */
    readonly where: string,
    /** The last point tried (unconstrained scale), for diagnosing which observation fails. */
    readonly lastPosition?: Float64Array,
  ) {
    super(`Initialization failed after ${attempts} attempt${attempts === 1 ? '' : 's'} ${where}: ${reason}.`);
  }
}
