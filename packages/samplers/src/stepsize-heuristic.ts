import type { DensityEvaluator } from './density.js';
import { leapfrog } from './integrator.js';
import type { Metric } from './metric/metric.js';
import { energyOf, hamiltonian, type PhasePoint } from './phase-point.js';
import type { Rng } from './rng.js';
import type { ChainState } from './types.js';

/** The heuristic's fixed acceptance target (not adaptDelta: Stan hard-codes 0.8 here). */
const LOG_TARGET = Math.log(0.8);
const MAX_STEP_SIZE = 1e7;

/**
 * Stan's step-size initialisation: from `state`, with fresh momentum each time, take one leapfrog
 * step; double the step size while a single step is accepted with probability above 0.8 (halve
 * it while below), and return the first step size at which the answer flips. Step sizes of 0 or
 * above 1e7 are returned unchanged (Stan skips the heuristic then).
 */
export function initialStepSize(
  state: ChainState,
  stepSize: number,
  metric: Metric,
  density: DensityEvaluator,
  rng: Rng,
  scratch: PhasePoint,
): number {
  if (!(stepSize > 0 && stepSize <= MAX_STEP_SIZE)) {
    if (Number.isNaN(stepSize)) throw new Error('step size is NaN; the metric or the posterior is broken');
    return stepSize;
  }

  const energyChange = (eps: number): number => {
    scratch.q.set(state.position);
    scratch.grad.set(state.gradient);
    scratch.logDensity = state.logDensity;
    metric.sampleMomentum(rng, scratch.p);
    metric.velocity(scratch.p, scratch.pSharp);
    const h0 = hamiltonian(scratch);
    leapfrog(scratch, eps, metric, density);
    return h0 - energyOf(scratch.kinetic, scratch.logDensity); // NaN cannot occur: energyOf maps it to +Infinity
  };

  let eps = stepSize;
  const direction = energyChange(eps) > LOG_TARGET ? 1 : -1;
  for (;;) {
    const delta = energyChange(eps);
    if (direction === 1 && !(delta > LOG_TARGET)) break;
    if (direction === -1 && !(delta < LOG_TARGET)) break;
    eps = direction === 1 ? 2 * eps : 0.5 * eps;
    if (eps > MAX_STEP_SIZE) {
      throw new Error(
        'Posterior is improper: the step-size heuristic grew the step size past 1e7. Please check your model.',
      );
    }
    if (eps === 0) {
      throw new Error(
        'No acceptably small step size could be found (the heuristic reached 0). Perhaps the posterior is not continuous?',
      );
    }
  }
  return eps;
}
