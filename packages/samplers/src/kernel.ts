import type { Metric } from './metric/metric.js';
import type { Rng } from './rng.js';
import type { ChainState, TransitionInfo } from './types.js';

/** The tuning a kernel runs with; warmup changes it between transitions. */
export interface KernelParams {
  stepSize: number;
  metric: Metric;
}

export interface Transition {
  /** The new state: `out` when the caller passed one, else fresh arrays. The input state is never modified. */
  state: ChainState;
  info: TransitionInfo;
}

/**
 * One Markov transition, BlackJAX style: state in, new state and info out. Kernels own
 * preallocated scratch, so one kernel instance must not run two transitions at once.
 */
/**
 * One transition. `out`, when given, is caller-owned storage for the new state (it must not be the
 * input state): a chain alternates two buffers so that transitions allocate no arrays.
 */
export type Kernel = (rng: Rng, state: ChainState, params: KernelParams, out?: ChainState) => Transition;

/** Writes position, log density and gradient into `out` (or fresh arrays) and returns it. */
export function writeState(q: Float64Array, logDensity: number, grad: Float64Array, out?: ChainState): ChainState {
  if (!out) return { position: Float64Array.from(q), logDensity, gradient: Float64Array.from(grad) };
  const { position, gradient } = out;
  for (let i = 0; i < q.length; i++) {
    position[i] = q[i];
    gradient[i] = grad[i];
  }
  out.logDensity = logDensity;
  return out;
}

export function copyState(state: ChainState): ChainState {
  return {
    position: Float64Array.from(state.position),
    logDensity: state.logDensity,
    gradient: Float64Array.from(state.gradient),
  };
}
