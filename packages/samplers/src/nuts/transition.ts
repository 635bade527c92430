import type { DensityEvaluator } from '../density.js';
import { writeState, type Kernel, type KernelParams } from '../kernel.js';
import { energyOf, kineticEnergy } from '../phase-point.js';
import type { Rng } from '../rng.js';
import type { ChainState } from '../types.js';
import { PointPool } from './point-pool.js';
import { logSumExp, TreeBuilder } from './tree.js';
import { joinNoUTurn } from './uturn.js';

export interface NutsOptions {
  /** Maximum number of trajectory doublings (Stan's max_treedepth, default 10). */
  maxTreeDepth?: number;
}

/**
 * Multinomial NUTS as Stan runs it: the trajectory doubles in a random direction until a U-turn
 * (checked on the whole trajectory and across the join), an invalid subtree, or the maximum depth.
 * Between the old trajectory and each new subtree the draw moves with biased progressive sampling
 * (favouring the new subtree); inside subtrees it is weight-proportional.
 */
export function nutsKernel(density: DensityEvaluator, options: NutsOptions = {}): Kernel {
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  if (!Number.isInteger(maxTreeDepth) || maxTreeDepth < 1 || maxTreeDepth > 30) {
    throw new RangeError(`maxTreeDepth must be an integer in [1, 30], got ${maxTreeDepth}`);
  }
  const d = density.dimension;
  // The transition holds at most 3 points (the two ends and the selected draw) besides the tree's,
  // and one vector: the momentum sum of the whole trajectory, both ends included.
  const maxSubtreeDepth = maxTreeDepth - 1;
  const pool = new PointPool(d, 3 + TreeBuilder.pointsNeeded(maxSubtreeDepth), 1 + maxSubtreeDepth + 1);
  const tree = new TreeBuilder(maxSubtreeDepth, density, pool, 1);
  const store = pool.store;
  const rho = pool.vectorAt(0);

  return function nutsTransition(rng: Rng, state: ChainState, params: KernelParams, out?: ChainState) {
    const { stepSize, metric } = params;
    if (metric.dimension !== d) throw new RangeError(`metric has dimension ${metric.dimension}, the density ${d}`);

    const start = pool.take();
    const { q, grad } = start;
    const { position, gradient } = state;
    for (let i = 0; i < d; i++) {
      q[i] = position[i];
      grad[i] = gradient[i];
    }
    start.logDensity = state.logDensity;
    metric.sampleMomentum(rng, start.p);
    metric.velocity(start.p, start.pSharp);
    start.kinetic = kineticEnergy(start);
    const h0 = energyOf(start.kinetic, start.logDensity);
    const p0 = start.pAt;
    for (let i = 0; i < d; i++) store[rho + i] = store[p0 + i];

    // The start is both ends of the trajectory and the selected draw.
    let backward = pool.retain(pool.retain(start));
    let forward = start;
    let selected = start;

    tree.begin(h0, metric, rng);
    let logSumWeight = 0; // the initial point's weight exp(H0 - H0)
    let depth = 0;

    while (depth < maxTreeDepth) {
      const growForward = rng.uniform() > 0.5;
      if (!tree.build(depth, growForward ? stepSize : -stepSize, growForward ? forward : backward)) break;
      depth++;

      // Biased progressive sampling: move to the new subtree with probability min(1, w_new / w_old).
      const logWeightSubtree = tree.logWeight;
      if (logWeightSubtree > logSumWeight || rng.uniform() < Math.exp(logWeightSubtree - logSumWeight)) {
        pool.release(selected);
        selected = tree.draw;
      } else {
        pool.release(tree.draw);
      }
      logSumWeight = logSumExp(logSumWeight, logWeightSubtree);

      // Join in time order: the subtree's first state is next to the old trajectory.
      const { first, last } = tree;
      let persist: boolean;
      if (growForward) {
        persist = joinNoUTurn(store, backward, forward, rho, first, last, tree.rho, rho);
        pool.release(forward);
        forward = last;
      } else {
        persist = joinNoUTurn(store, last, first, tree.rho, backward, forward, rho, rho);
        pool.release(backward);
        backward = last;
      }
      pool.release(first);
      if (!persist) break;
    }

    const result = {
      state: writeState(selected.q, selected.logDensity, selected.grad, out),
      info: {
        acceptStat: tree.nLeapfrog > 0 ? tree.sumAcceptProb / tree.nLeapfrog : 0,
        treeDepth: depth,
        nLeapfrog: tree.nLeapfrog,
        divergent: tree.divergent,
        energy: selected.kinetic - selected.logDensity,
      },
    };
    pool.release(backward);
    pool.release(forward);
    pool.release(selected);
    return result;
  };
}
