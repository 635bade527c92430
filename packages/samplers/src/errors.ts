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
