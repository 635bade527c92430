import type { DensityEvaluator } from './density.js';
import type { Metric } from './metric/metric.js';
import type { PhasePoint } from './phase-point.js';

/**
 * One leapfrog step of size eps (negative to go back in time), in place, allocation-free:
 * half kick, drift, new gradient, half kick. The gradient stored is that of log p, so the kicks
 * add it (dV/dq = -grad). A failed density leaves logDensity = -Infinity (H = +Infinity).
 */
export function leapfrog(point: PhasePoint, eps: number, metric: Metric, density: DensityEvaluator): void {
  const { q, p, pSharp, grad } = point;
  const half = 0.5 * eps;
  metric.kickDrift(p, grad, half, pSharp, q, eps);
  point.logDensity = density.evaluate(q, grad);
  metric.kick(p, grad, half, pSharp);
}
