import type { DensityEvaluator } from './density.js';
import { setStepSizes, type Metric } from './metric/metric.js';
import type { PhasePoint } from './phase-point.js';

/** Scratch for leapfrog's step sizes (it runs to completion before anyone else can use it). */
const STEPS = new Float64Array(2);

/**
 * One leapfrog step of size eps (negative to go back in time) from `point` into `out` (by default
 * in place), allocation-free: half kick, drift, new gradient, half kick; out.kinetic is computed
 * with the last kick. The gradient stored is that of log p, so the kicks add it (dV/dq = -grad).
 * A failed density leaves logDensity = -Infinity (H = +Infinity). Writing into a fresh point lets
 * NUTS keep trajectory states by reference instead of copying them.
 */
export function leapfrog(
  point: PhasePoint,
  eps: number,
  metric: Metric,
  density: DensityEvaluator,
  out: PhasePoint = point,
): void {
  // The metrics' loops run over their own dimension and index the points' stores directly.
  if (metric.dimension !== point.dimension || out.dimension !== point.dimension) {
    throw new RangeError(`leapfrog: metric dimension ${metric.dimension}, points ${point.dimension} and ${out.dimension}`);
  }
  const steps = setStepSizes(STEPS, eps);
  metric.kickDrift(point, out, steps);
  density.evaluateAt(out);
  metric.kick(out, steps);
}
