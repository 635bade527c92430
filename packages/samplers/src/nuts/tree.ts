import type { DensityEvaluator } from '../density.js';
import { leapfrog } from '../integrator.js';
import type { Metric } from '../metric/metric.js';
import { Candidate, energyOf, kineticEnergy, type PhasePoint } from '../phase-point.js';
import type { Rng } from '../rng.js';
import { noUTurnSum } from './uturn.js';

/** Stan's threshold on H - H0 above which a leapfrog step counts as divergent. */
export const MAX_ENERGY_ERROR = 1000;

/** log(exp(a) + exp(b)) without overflow; -Infinity when both are. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** The scratch one recursion level needs for its two halves; one set per depth, reused. */
class LevelScratch {
  readonly rhoInit: Float64Array;
  readonly pInitEnd: Float64Array;
  readonly sharpInitEnd: Float64Array;
  readonly rhoFinal: Float64Array;
  readonly pFinalBegin: Float64Array;
  readonly sharpFinalBegin: Float64Array;
  readonly candidateFinal: Candidate;

  constructor(d: number) {
    this.rhoInit = new Float64Array(d);
    this.pInitEnd = new Float64Array(d);
    this.sharpInitEnd = new Float64Array(d);
    this.rhoFinal = new Float64Array(d);
    this.pFinalBegin = new Float64Array(d);
    this.sharpFinalBegin = new Float64Array(d);
    this.candidateFinal = new Candidate(d);
  }
}

/**
 * Builds subtrees of 2^depth leapfrog steps for one NUTS transition (Stan's build_tree). All
 * memory is allocated at construction, one scratch set per depth level, so building a tree
 * allocates nothing.
 *
 * Before a transition call begin(); the running totals (leapfrog count, acceptance sum,
 * divergence) then accumulate over every subtree built, rejected ones included.
 */
export class TreeBuilder {
  private readonly levels: LevelScratch[] = [];
  private h0 = 0;
  private step = 0;
  private metric!: Metric;
  private rng!: Rng;

  /** Log of the summed multinomial weights exp(H0 - H) of the subtree built last. */
  logWeight = -Infinity;
  nLeapfrog = 0;
  /** Sum over new states of min(1, exp(H0 - H)): accept_stat__ = sumAcceptProb / nLeapfrog. */
  sumAcceptProb = 0;
  divergent = false;

  /** maxDepth is the deepest subtree this builder can build (the top level's max depth - 1). */
  constructor(
    readonly dimension: number,
    maxDepth: number,
    private readonly density: DensityEvaluator,
  ) {
    for (let depth = 0; depth <= maxDepth; depth++) this.levels.push(new LevelScratch(dimension));
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
   * `walker`, which ends at the new extremity. Writes the subtree's multinomial draw into
   * `candidate`, its momenta sum added into `rho`, and the momentum and velocity of its first and
   * last new states into pBegin/sharpBegin and pEnd/sharpEnd. Returns false when the subtree is
   * invalid (a divergence or a U-turn inside it); then nothing from it may be sampled.
   */
  build(
    depth: number,
    step: number,
    walker: PhasePoint,
    candidate: Candidate,
    rho: Float64Array,
    pBegin: Float64Array,
    sharpBegin: Float64Array,
    pEnd: Float64Array,
    sharpEnd: Float64Array,
  ): boolean {
    this.step = step;
    return this.buildLevel(depth, walker, candidate, rho, pBegin, sharpBegin, pEnd, sharpEnd);
  }

  private buildLevel(
    depth: number,
    walker: PhasePoint,
    candidate: Candidate,
    rho: Float64Array,
    pBegin: Float64Array,
    sharpBegin: Float64Array,
    pEnd: Float64Array,
    sharpEnd: Float64Array,
  ): boolean {
    if (depth === 0) return this.buildLeaf(walker, candidate, rho, pBegin, sharpBegin, pEnd, sharpEnd);

    const s = this.levels[depth];
    zero(s.rhoInit);
    if (!this.buildLevel(depth - 1, walker, candidate, s.rhoInit, pBegin, sharpBegin, s.pInitEnd, s.sharpInitEnd)) {
      return false;
    }
    const logWeightInit = this.logWeight;

    zero(s.rhoFinal);
    if (
      !this.buildLevel(depth - 1, walker, s.candidateFinal, s.rhoFinal, s.pFinalBegin, s.sharpFinalBegin, pEnd, sharpEnd)
    ) {
      return false;
    }
    const logWeightFinal = this.logWeight;

    // Uniform (weight-proportional) sampling between the two halves.
    const logWeightSubtree = logSumExp(logWeightInit, logWeightFinal);
    this.logWeight = logWeightSubtree;
    if (logWeightFinal > logWeightSubtree || this.rng.uniform() < Math.exp(logWeightFinal - logWeightSubtree)) {
      candidate.copyFrom(s.candidateFinal);
    }

    const { rhoInit, rhoFinal } = s;
    for (let i = 0; i < rho.length; i++) rho[i] += rhoInit[i] + rhoFinal[i];

    // The merged subtree, then the two checks across the join: the first half plus the first
    // state of the second, and the second half plus the last state of the first.
    return (
      noUTurnSum(sharpBegin, sharpEnd, rhoInit, rhoFinal) &&
      noUTurnSum(sharpBegin, s.sharpFinalBegin, rhoInit, s.pFinalBegin) &&
      noUTurnSum(s.sharpInitEnd, sharpEnd, rhoFinal, s.pInitEnd)
    );
  }

  private buildLeaf(
    walker: PhasePoint,
    candidate: Candidate,
    rho: Float64Array,
    pBegin: Float64Array,
    sharpBegin: Float64Array,
    pEnd: Float64Array,
    sharpEnd: Float64Array,
  ): boolean {
    leapfrog(walker, this.step, this.metric, this.density);
    this.nLeapfrog++;

    const kinetic = kineticEnergy(walker);
    const h = energyOf(kinetic, walker.logDensity);
    // One-sided: only an energy increase signals a numerical breakdown.
    if (h - this.h0 > MAX_ENERGY_ERROR) this.divergent = true;

    const logWeight = this.h0 - h;
    this.logWeight = logWeight;
    this.sumAcceptProb += logWeight > 0 ? 1 : Math.exp(logWeight);

    candidate.takeFrom(walker, kinetic);
    const { p, pSharp } = walker;
    for (let i = 0; i < rho.length; i++) {
      const pi = p[i];
      const si = pSharp[i];
      pBegin[i] = pi;
      pEnd[i] = pi;
      sharpBegin[i] = si;
      sharpEnd[i] = si;
      rho[i] += pi;
    }
    return !this.divergent;
  }
}

/** Plain loop: cheaper than TypedArray.prototype.fill on short vectors. */
function zero(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = 0;
}
