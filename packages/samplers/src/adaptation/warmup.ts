import { DenseMetric } from '../metric/dense.js';
import { DiagonalMetric } from '../metric/diag.js';
import type { Metric } from '../metric/metric.js';
import type { MetricKind } from '../types.js';
import { DualAveraging } from './dual-averaging.js';
import { DenseWelford, DiagonalWelford } from './welford.js';
import type { WindowSchedule } from './window-schedule.js';

/**
 * Stan's regularisation of a window's estimate: shrink towards 1e-3 (times the identity) with the
 * weight of 5 pseudo-draws, n / (n + 5).
 */
export function regularize(estimate: Float64Array, n: number, kind: MetricKind, dimension: number): Float64Array {
  const keep = n / (n + 5);
  const shrink = 1e-3 * (5 / (n + 5));
  const out = new Float64Array(estimate.length);
  for (let i = 0; i < estimate.length; i++) out[i] = keep * estimate[i];
  if (kind === 'diag') {
    for (let i = 0; i < dimension; i++) out[i] += shrink;
  } else {
    for (let i = 0; i < dimension; i++) out[i * dimension + i] += shrink;
  }
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new Error(
        'Numerical overflow in metric adaptation: the draws of a warmup window have a non-finite variance. ' +
          'This happens when the sampler meets extreme values on the unconstrained scale; the posterior may be too wide or improper.',
      );
    }
  }
  return out;
}

/**
 * The warmup program over a precomputed window schedule: dual averaging of the step size every
 * iteration, and a metric estimated from each window's draws. It never runs the sampler itself:
 * when a window closes, update() returns true and the caller re-runs the step-size heuristic with
 * the new metric and hands the result to restartStepSize().
 */
export class WarmupAdapter {
  /** The step size for the next transition. */
  stepSize: number;
  metric: Metric;
  private readonly dualAveraging: DualAveraging;
  private readonly diagEstimator: DiagonalWelford | null;
  private readonly denseEstimator: DenseWelford | null;
  private windowIndex = 0;

  constructor(
    readonly schedule: WindowSchedule,
    readonly metricKind: MetricKind,
    readonly dimension: number,
    adaptDelta: number,
    /** The user's step size: the first dual-averaging phase shrinks towards log(10 * this). */
    userStepSize: number,
    /** The step size the heuristic found from userStepSize at the initial point. */
    initialStepSize: number,
    initialMetric: Metric,
  ) {
    this.metric = initialMetric;
    this.dualAveraging = new DualAveraging(adaptDelta);
    this.dualAveraging.restart(userStepSize);
    this.stepSize = initialStepSize;
    this.diagEstimator = metricKind === 'diag' ? new DiagonalWelford(dimension) : null;
    this.denseEstimator = metricKind === 'dense' ? new DenseWelford(dimension) : null;
  }

  /**
   * Learns from warmup iteration `iteration` (0-based): its acceptance statistic and its draw.
   * Returns true when this iteration closed a metric window (the metric has changed).
   */
  update(iteration: number, acceptStat: number, position: Float64Array): boolean {
    this.stepSize = this.dualAveraging.learn(acceptStat);
    const window = this.schedule.windows[this.windowIndex];
    if (window === undefined || iteration < window.start) return false;
    const estimator = this.diagEstimator ?? this.denseEstimator!;
    estimator.add(position);
    if (iteration < window.end) return false;

    const n = estimator.count;
    if (this.diagEstimator) {
      this.metric = new DiagonalMetric(regularize(this.diagEstimator.variance(), n, 'diag', this.dimension));
    } else {
      const covariance = regularize(this.denseEstimator!.covariance(), n, 'dense', this.dimension);
      this.metric = new DenseMetric(covariance, this.dimension);
    }
    estimator.restart();
    this.windowIndex++;
    return true;
  }

  /** After a metric change: continue from the heuristic's step size, restart dual averaging. */
  restartStepSize(stepSize: number): void {
    this.stepSize = stepSize;
    this.dualAveraging.restart(stepSize);
  }

  /** Ends warmup: the step size becomes exp(x_bar). */
  finish(): number {
    this.stepSize = this.dualAveraging.finalStepSize;
    return this.stepSize;
  }
}
