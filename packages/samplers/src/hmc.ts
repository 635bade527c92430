import type { DensityEvaluator } from './density.js';
import { leapfrog } from './integrator.js';
import { writeState, type Kernel, type KernelParams } from './kernel.js';
import { MAX_ENERGY_ERROR } from './nuts/tree.js';
import { energyOf, hamiltonian, PhasePoint } from './phase-point.js';
import type { Rng } from './rng.js';
import type { ChainState } from './types.js';

export interface HmcOptions {
  /** Leapfrog steps per transition. */
  numSteps: number;
}

/**
 * Static HMC: a fixed number of leapfrog steps, then a Metropolis accept/reject of the end point.
 * A trajectory whose energy error passes Stan's divergence threshold stops early and is rejected.
 */
export function hmcKernel(density: DensityEvaluator, options: HmcOptions): Kernel {
  const { numSteps } = options;
  if (!Number.isInteger(numSteps) || numSteps < 1) {
    throw new RangeError(`numSteps must be a positive integer, got ${numSteps}`);
  }
  const point = new PhasePoint(density.dimension);

  return function hmcTransition(rng: Rng, state: ChainState, params: KernelParams, out?: ChainState) {
    const { stepSize, metric } = params;
    point.q.set(state.position);
    point.grad.set(state.gradient);
    point.logDensity = state.logDensity;
    metric.sampleMomentum(rng, point.p);
    metric.velocity(point.p, point.pSharp);
    const h0 = hamiltonian(point);

    let h = h0;
    let steps = 0;
    let divergent = false;
    while (steps < numSteps) {
      leapfrog(point, stepSize, metric, density);
      steps++;
      h = energyOf(point.kinetic, point.logDensity);
      if (h - h0 > MAX_ENERGY_ERROR) {
        divergent = true;
        break;
      }
    }

    const acceptStat = divergent ? 0 : Math.min(1, Math.exp(h0 - h));
    const accept = !divergent && rng.uniform() < acceptStat;
    const next: ChainState = accept
      ? writeState(point.q, point.logDensity, point.grad, out)
      : writeState(state.position, state.logDensity, state.gradient, out);
    return {
      state: next,
      info: {
        acceptStat,
        treeDepth: 0,
        nLeapfrog: steps,
        divergent,
        energy: accept ? h : h0,
      },
    };
  };
}
