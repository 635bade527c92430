import type { Metric } from './metric/metric.js';
import type { Rng } from './rng.js';
import type { ChainState, TransitionInfo } from './types.js';

/** The tuning a kernel runs with; warmup changes it between transitions. */
export interface KernelParams {
  stepSize: number;
  metric: Metric;
}

export interface Transition {
  /** A fresh state: the input state is never modified. */
  state: ChainState;
  info: TransitionInfo;
}

/**
 * One Markov transition, BlackJAX style: state in, new state and info out. Kernels own
 * preallocated scratch, so one kernel instance must not run two transitions at once.
 */
export type Kernel = (rng: Rng, state: ChainState, params: KernelParams) => Transition;

export function copyState(state: ChainState): ChainState {
  return {
    position: Float64Array.from(state.position),
    logDensity: state.logDensity,
    gradient: Float64Array.from(state.gradient),
  };
}
