import type { ChainState, DensityEvaluator, Kernel, KernelParams, Rng, TransitionInfo } from '../../src/index.js';

export function stateAt(density: DensityEvaluator, position: ArrayLike<number>): ChainState {
  const q = Float64Array.from(position);
  const gradient = new Float64Array(q.length);
  return { position: q, logDensity: density.evaluate(q, gradient), gradient };
}

/** n transitions of a kernel with fixed tuning; draws row-major. */
export function iterate(
  kernel: Kernel,
  rng: Rng,
  start: ChainState,
  params: KernelParams,
  n: number,
): { draws: Float64Array; infos: TransitionInfo[]; last: ChainState } {
  const d = start.position.length;
  const draws = new Float64Array(n * d);
  const infos: TransitionInfo[] = [];
  let state = start;
  for (let i = 0; i < n; i++) {
    const t = kernel(rng, state, params);
    state = t.state;
    draws.set(state.position, i * d);
    infos.push(t.info);
  }
  return { draws, infos, last: state };
}
