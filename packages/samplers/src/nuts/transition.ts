import type { DensityEvaluator } from '../density.js';
import { writeState, type Kernel, type KernelParams } from '../kernel.js';
import { Candidate, hamiltonian, kineticEnergy, PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import type { ChainState } from '../types.js';
import { logSumExp, TreeBuilder } from './tree.js';
import { noUTurn, noUTurnSum } from './uturn.js';

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
  const tree = new TreeBuilder(d, maxTreeDepth - 1, density);

  // The two ends of the trajectory, integrated in place as it grows.
  const forward = new PhasePoint(d);
  const backward = new PhasePoint(d);
  const selected = new Candidate(d);
  const proposal = new Candidate(d);
  // Momentum sums: of the whole trajectory, and of its forward and backward parts around the
  // latest join.
  const rho = new Float64Array(d);
  const rhoFwd = new Float64Array(d);
  const rhoBck = new Float64Array(d);
  // Momenta and velocities at the outer and inner (join-side) ends of each part.
  const pFwdFwd = new Float64Array(d);
  const sharpFwdFwd = new Float64Array(d);
  const pFwdBck = new Float64Array(d);
  const sharpFwdBck = new Float64Array(d);
  const pBckFwd = new Float64Array(d);
  const sharpBckFwd = new Float64Array(d);
  const pBckBck = new Float64Array(d);
  const sharpBckBck = new Float64Array(d);

  return function nutsTransition(rng: Rng, state: ChainState, params: KernelParams, out?: ChainState) {
    const { stepSize, metric } = params;

    copy(forward.q, state.position);
    copy(forward.grad, state.gradient);
    forward.logDensity = state.logDensity;
    metric.sampleMomentum(rng, forward.p);
    metric.velocity(forward.p, forward.pSharp);
    backward.copyFrom(forward);

    const h0 = hamiltonian(forward);
    selected.takeFrom(forward, kineticEnergy(forward));
    // Every end is the starting point; rho counts its momentum once.
    const p0 = forward.p;
    const s0 = forward.pSharp;
    for (let i = 0; i < d; i++) {
      rho[i] = pFwdFwd[i] = pFwdBck[i] = pBckFwd[i] = pBckBck[i] = p0[i];
      sharpFwdFwd[i] = sharpFwdBck[i] = sharpBckFwd[i] = sharpBckBck[i] = s0[i];
    }

    tree.begin(h0, metric, rng);
    let logSumWeight = 0; // the initial point's weight exp(H0 - H0)
    let depth = 0;

    while (depth < maxTreeDepth) {
      for (let i = 0; i < d; i++) rhoFwd[i] = rhoBck[i] = 0;
      let valid: boolean;
      if (rng.uniform() > 0.5) {
        // Grow forward: the old trajectory becomes the backward part.
        for (let i = 0; i < d; i++) {
          rhoBck[i] = rho[i];
          pBckFwd[i] = pFwdFwd[i];
          sharpBckFwd[i] = sharpFwdFwd[i];
        }
        valid = tree.build(depth, stepSize, forward, proposal, rhoFwd, pFwdBck, sharpFwdBck, pFwdFwd, sharpFwdFwd);
      } else {
        // Grow backward: the old trajectory becomes the forward part.
        for (let i = 0; i < d; i++) {
          rhoFwd[i] = rho[i];
          pFwdBck[i] = pBckBck[i];
          sharpFwdBck[i] = sharpBckBck[i];
        }
        valid = tree.build(depth, -stepSize, backward, proposal, rhoBck, pBckFwd, sharpBckFwd, pBckBck, sharpBckBck);
      }
      if (!valid) break;
      depth++;

      // Biased progressive sampling: move to the new subtree with probability min(1, w_new / w_old).
      const logWeightSubtree = tree.logWeight;
      if (logWeightSubtree > logSumWeight || rng.uniform() < Math.exp(logWeightSubtree - logSumWeight)) {
        selected.copyFrom(proposal);
      }
      logSumWeight = logSumExp(logSumWeight, logWeightSubtree);

      for (let i = 0; i < d; i++) rho[i] = rhoBck[i] + rhoFwd[i];
      const persist =
        noUTurn(sharpBckBck, sharpFwdFwd, rho) &&
        noUTurnSum(sharpBckBck, sharpFwdBck, rhoBck, pFwdBck) &&
        noUTurnSum(sharpBckFwd, sharpFwdFwd, rhoFwd, pBckFwd);
      if (!persist) break;
    }

    return {
      state: writeState(selected.q, selected.logDensity, selected.grad, out),
      info: {
        acceptStat: tree.nLeapfrog > 0 ? tree.sumAcceptProb / tree.nLeapfrog : 0,
        treeDepth: depth,
        nLeapfrog: tree.nLeapfrog,
        divergent: tree.divergent,
        energy: selected.energy,
      },
    };
  };
}

/** Plain loop: TypedArray.prototype.set is a builtin call that costs more on short vectors. */
function copy(to: Float64Array, from: Float64Array): void {
  for (let i = 0; i < to.length; i++) to[i] = from[i];
}
