import type { DensityEvaluator } from '../density.js';
import { setStepSizes, type Metric } from '../metric/metric.js';
import { energyOf, type PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import { SharedPoint, type PointPool } from './point-pool.js';
import { joinNoUTurn } from './uturn.js';

/** Stan's threshold on H - H0 above which a leapfrog step counts as divergent. */
export const MAX_ENERGY_ERROR = 1000;

/** log(exp(a) + exp(b)) without overflow; -Infinity when both are. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Builds subtrees of 2^depth leapfrog steps for one NUTS transition (Stan's build_tree), without
 * recursion. Leaves are integrated one after another; a stack holds the finished subtrees still
 * waiting for their sibling (at most one per size, like the digits of a binary counter), and after
 * leaf n (1-based) one join per trailing zero bit of n merges the two newest. These are the joins
 * of the recursive build in the same order, so the random draws and every sum are the same.
 *
 * Each stack entry holds its first and last state (in build order), its multinomial draw, its
 * momentum sum rho and its log weight. States are pool points shared by reference; rho (an offset
 * in the pool's store) is the state's own momentum for a single leaf, else the entry's own vector.
 *
 * Before a transition call begin(); the running totals (leapfrog count, acceptance sum,
 * divergence) then accumulate over every subtree built, rejected ones included.
 */
export class TreeBuilder {
  private readonly firsts: SharedPoint[];
  private readonly lasts: SharedPoint[];
  private readonly draws: SharedPoint[];
  private readonly rhos: Int32Array;
  private readonly rhoVectors: Int32Array;
  private readonly logWeights: Float64Array;
  /** [half, full] step of the subtree being built. */
  private readonly steps = new Float64Array(2);
  private h0 = 0;
  private metric!: Metric;
  private rng!: Rng;

  /** The subtree built last, valid after build() returned true; the caller then holds its three points. */
  first!: SharedPoint;
  last!: SharedPoint;
  draw!: SharedPoint;
  /** Offset of its momentum sum in the pool's store; overwritten by the next build. */
  rho = 0;
  /** Log of its summed multinomial weights exp(H0 - H). */
  logWeight = -Infinity;

  nLeapfrog = 0;
  /** Sum over new states of min(1, exp(H0 - H)): accept_stat__ = sumAcceptProb / nLeapfrog. */
  sumAcceptProb = 0;
  divergent = false;

  /**
   * maxDepth is the deepest subtree this builder can build (the top level's max depth - 1). The
   * pool must hold pointsNeeded(maxDepth) points for the builder and maxDepth + 1 spare vectors
   * from firstVector on.
   */
  constructor(
    maxDepth: number,
    private readonly density: DensityEvaluator,
    private readonly pool: PointPool,
    firstVector: number,
  ) {
    const slots = maxDepth + 1;
    // Filled with a point from the start: an array that starts out holding small integers changes
    // its elements kind on the first store, and optimised code built for one kernel's arrays would
    // deoptimise on the next kernel's fresh ones.
    const placeholder = new SharedPoint(0);
    this.firsts = new Array<SharedPoint>(slots).fill(placeholder);
    this.lasts = new Array<SharedPoint>(slots).fill(placeholder);
    this.draws = new Array<SharedPoint>(slots).fill(placeholder);
    this.rhoVectors = Int32Array.from({ length: slots }, (_, k) => pool.vectorAt(firstVector + k));
    this.rhos = this.rhoVectors.slice();
    this.logWeights = new Float64Array(slots);
  }

  /** Points the subtrees may hold at once: 3 per stack entry (at most maxDepth + 1), the leaf being integrated and the next one. */
  static pointsNeeded(maxDepth: number): number {
    return 3 * (maxDepth + 1) + 2;
  }

  begin(h0: number, metric: Metric, rng: Rng): void {
    this.h0 = h0;
    this.metric = metric;
    this.rng = rng;
    this.nLeapfrog = 0;
    this.sumAcceptProb = 0;
    this.divergent = false;
    this.logWeight = -Infinity;
  }

  /**
   * Extends the trajectory by 2^depth steps of size `step` (negative = backwards in time) from
   * `from`, the current end on that side (held by the caller, left untouched). Returns false when
   * the subtree is invalid (a divergence or a U-turn inside it): nothing from it may be sampled,
   * and its points are already back in the pool.
   */
  build(depth: number, step: number, from: PhasePoint): boolean {
    const { pool, metric, density, h0 } = this;
    const steps = setStepSizes(this.steps, step);
    const leaves = 1 << depth; // depth <= 30 (options.ts); an exact integer, not through pow
    let top = 0;
    // Leapfrog steps run half a step ahead: a leaf's last half kick and the next leaf's first
    // half kick and drift share one pass over the vectors (wasted when the subtree stops early).
    let next: SharedPoint | null = pool.take();
    metric.kickDrift(from, next, steps);
    for (let n = 1; n <= leaves; n++) {
      const point: SharedPoint = next!;
      density.evaluateAt(point);
      if (n < leaves) {
        next = pool.take();
        metric.kickThenKickDrift(point, next, steps);
      } else {
        next = null;
        metric.kick(point, steps);
      }
      this.nLeapfrog++;

      const h = energyOf(point.kinetic, point.logDensity);
      // One-sided: only an energy increase signals a numerical breakdown.
      if (h - h0 > MAX_ENERGY_ERROR) this.divergent = true;
      const logWeight = h0 - h;
      this.sumAcceptProb += logWeight > 0 ? 1 : Math.exp(logWeight);

      // A one-state subtree: the point is its first state, its last state and its draw.
      pool.retain(pool.retain(point));
      this.firsts[top] = point;
      this.lasts[top] = point;
      this.draws[top] = point;
      this.rhos[top] = point.pAt;
      this.logWeights[top] = logWeight;
      top++;
      if (this.divergent) return this.abandon(top, next);

      for (let m = n; (m & 1) === 0; m >>= 1) {
        top--;
        if (!this.join(top - 1)) return this.abandon(top, next);
      }
    }
    this.first = this.firsts[0];
    this.last = this.lasts[0];
    this.draw = this.draws[0];
    this.rho = this.rhos[0];
    this.logWeight = this.logWeights[0];
    return true;
  }

  /** Merges stack entry a + 1 (built second) into entry a; false on a U-turn. */
  private join(a: number): boolean {
    const b = a + 1;
    const { pool, firsts, lasts, draws, rhos, logWeights } = this;

    // Uniform (weight-proportional) sampling between the two halves.
    const logWeightInit = logWeights[a];
    const logWeightFinal = logWeights[b];
    // logSumExp, written out: called, its double result would be boxed (an allocation per join)
    const logWeightSubtree =
      logWeightInit === -Infinity
        ? logWeightFinal
        : logWeightFinal === -Infinity
          ? logWeightInit
          : logWeightInit > logWeightFinal
            ? logWeightInit + Math.log1p(Math.exp(logWeightFinal - logWeightInit))
            : logWeightFinal + Math.log1p(Math.exp(logWeightInit - logWeightFinal));
    logWeights[a] = logWeightSubtree;
    if (logWeightFinal > logWeightSubtree || this.rng.uniform() < Math.exp(logWeightFinal - logWeightSubtree)) {
      pool.release(draws[a]);
      draws[a] = draws[b];
    } else {
      pool.release(draws[b]);
    }

    const rhoOut = this.rhoVectors[a];
    const persist = joinNoUTurn(pool.store, firsts[a], lasts[a], rhos[a], firsts[b], lasts[b], rhos[b], rhoOut);
    rhos[a] = rhoOut;
    // The states at the join are now inside the merged subtree.
    pool.release(lasts[a]);
    pool.release(firsts[b]);
    lasts[a] = lasts[b];
    return persist;
  }

  /** Returns the points of stack entries 0 .. count - 1, and the step prepared ahead, to the pool; always false. */
  private abandon(count: number, next: SharedPoint | null): false {
    const pool = this.pool;
    for (let k = 0; k < count; k++) {
      pool.release(this.firsts[k]);
      pool.release(this.lasts[k]);
      pool.release(this.draws[k]);
    }
    if (next !== null) pool.release(next);
    return false;
  }
}
