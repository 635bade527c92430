import type { DensityEvaluator } from './density.js';
import { InitializationError } from './errors.js';
import type { Rng } from './rng.js';
import type { ChainState } from './types.js';

export const MAX_INIT_TRIES = 100;

export interface InitOptions {
  /** Coordinates are drawn uniform(-radius, radius); 0 means all zeros. */
  radius: number;
  /** A full user-supplied starting point (unconstrained scale); tried once. */
  init?: Float64Array;
  /** Names for error messages; defaults to theta[i] (0-based). */
  parameterNames?: readonly string[];
}

/**
 * Finds a starting point where the log density and its gradient are finite, as Stan does: random
 * uniform(-radius, radius) coordinates, up to 100 tries (one when the point is user-supplied or
 * the radius is 0, since a retry would test the same point).
 */
export function initialize(density: DensityEvaluator, rng: Rng, options: InitOptions): ChainState {
  const d = density.dimension;
  const { radius, init } = options;
  if (init !== undefined && init.length !== d) {
    throw new RangeError(`init has length ${init.length} but the model's dimension is ${d}`);
  }
  const tries = init !== undefined || radius === 0 ? 1 : MAX_INIT_TRIES;
  const name = (i: number) => options.parameterNames?.[i] ?? `theta[${i}]`;
  let lastProblem = '';
  let lastPosition: Float64Array | undefined;

  for (let attempt = 0; attempt < tries; attempt++) {
    const position = new Float64Array(d);
    if (init !== undefined) position.set(init);
    else if (radius > 0) for (let i = 0; i < d; i++) position[i] = radius * (2 * rng.uniform() - 1);
    lastPosition = position;
    const gradient = new Float64Array(d);
    density.lastFailure = undefined;
    const logDensity = density.evaluate(position, gradient);

    if (logDensity === -Infinity) {
      const failure = density.lastFailure;
      lastProblem =
        failure instanceof Error
          ? `the log density threw: ${failure.message}`
          : `the log density is ${String(failure ?? -Infinity)}`;
      continue;
    }
    const bad: string[] = [];
    for (let i = 0; i < d; i++) if (!Number.isFinite(gradient[i])) bad.push(name(i));
    if (bad.length > 0) {
      lastProblem = `the gradient is not finite for ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ` and ${bad.length - 10} more` : ''}`;
      continue;
    }
    return { position, logDensity, gradient };
  }

  const where =
    init !== undefined ? 'at the user-supplied init' : radius === 0 ? 'at zero' : `with uniform(-${radius}, ${radius}) inits`;
  throw new InitializationError(tries, lastProblem, where, lastPosition);
}
