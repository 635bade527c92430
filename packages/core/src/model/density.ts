/**
 * The log density on the unconstrained scale (Jacobians included) and its gradient, written by hand:
 * a forward pass (parameters -> constrained values -> group effects -> linear predictors -> stage-1
 * mean -> likelihood) and the reverse pass through the same steps. All buffers are allocated once
 * here; a gradient evaluation allocates nothing.
 */
import type { DistributionalLikelihood, Likelihood } from '../families/index.js';
import { lkjCholeskyLogDensity } from '../priors/index.js';
import { choleskyCorrConstrain, choleskyCorrGradient } from '../transforms/index.js';
import type { NonlinearModel } from '../expr/index.js';
import { centredEffectsBackward, centredEffectsForward, groupEffectKernels, type GroupBackward, type GroupForward } from './group-effects.js';
import type { FixedBlock, GroupBlock, JointBlock, Layout } from './layout.js';
import type { PredictorTerm } from '../codegen/predictor.js';
import { LinearPredictor, type FusedKernel } from './linear-predictor.js';
import { generateNonlinearFusedKernel, type NonlinearFusedKernel } from './nonlinear-kernel.js';
import { dparsKernelFor } from './dpars-kernel.js';
import { generateParameterKernels, type ParameterKernels } from './parameter-kernels.js';

/**
 * -Infinity as a typed-array element: optimised code reads it as a raw double. A literal is a
 * boxed constant (and `-Infinity` an operation that needs type feedback), and a value that is
 * either it or a computed double is boxed too: an allocation per evaluation.
 */
const NEGATIVE_INFINITY = Float64Array.of(-Infinity);
import type { ModelStructure } from './structure.js';

interface GroupState {
  block: GroupBlock;
  tau: Float64Array;
  dTau: Float64Array;
  L: Float64Array | null;
  dL: Float64Array | null;
  w: Float64Array;
  term: PredictorTerm;
  /** Null for a term of a shared block (its block's passes write r and read dr). */
  kernels: { forward: GroupForward; backward: GroupBackward } | null;
}

/** A block shared by several terms (one Omega): owns L, z and the full r; its terms read slices. */
interface JointState {
  block: JointBlock;
  tau: Float64Array;
  dTau: Float64Array;
  L: Float64Array;
  dL: Float64Array;
  w: Float64Array;
  r: Float64Array;
  dr: Float64Array;
  /** Each term's effects and their first coefficient in the block. */
  slices: { term: PredictorTerm; start: number; q: number }[];
  forward: GroupForward;
  backward: GroupBackward;
}

interface PredictorState {
  fixed: FixedBlock;
  beta: Float64Array;
  dBeta: Float64Array;
  linear: LinearPredictor;
  eta: Float64Array;
  dEta: Float64Array;
}

export class ModelDensity {
  readonly dimension: number;
  readonly n: number;
  private readonly likelihood: Likelihood;
  /** With dpars formulas: the likelihood that reads their predictors (the density uses it, not `likelihood`). */
  private readonly distributional: DistributionalLikelihood | null;
  /** The dpars predictors' eta and dEta, in the likelihood's order. */
  private readonly dparEta: Float64Array[];
  private readonly dparDEta: Float64Array[];
  private readonly predictors: PredictorState[];
  private readonly groups: GroupState[];
  private readonly joint: JointState[];
  private readonly auxValues: Float64Array;
  private readonly dAux: Float64Array;
  private readonly nonlinear: { model: NonlinearModel; covariates: Float64Array[]; phi: Float64Array[]; dmu: Float64Array[]; paramOrder: number[] } | null;
  /** Linear predictor the likelihood sees (the stage-1 mean for nonlinear models). */
  private readonly eta: Float64Array;
  private readonly dEta: Float64Array;
  private readonly scratchGrad: Float64Array;
  /** One-pass likelihood loop (linear models whose likelihood has fused code); null otherwise. */
  private readonly fused: FusedKernel | null;
  /** The same for nonlinear models: expression, likelihood and backward pass in one loop. */
  private readonly fusedNonlinear: NonlinearFusedKernel | null;
  /** The fused code's per-evaluation preparation from the aux values (FusedLikelihoodCode.prepare), if any. */
  private readonly fusedPrepare: ((aux: Float64Array) => void) | null;
  /** One pass for dpars models whose family has FusedDparsCode (dpars-kernel.ts); null otherwise. */
  private readonly fusedDpars: NonlinearFusedKernel | null;
  private readonly fusedDparsPrepare: ((aux: Float64Array) => void) | null;
  private readonly betaList: Float64Array[];
  /** Fixed effects, auxiliary parameters and group sds: transforms, priors, Jacobians. */
  private readonly scalars: ParameterKernels;
  private readonly scalarLp = new Float64Array(1);
  private readonly likelihoodLp = new Float64Array(1);
  private readonly groupLp = new Float64Array(1);
  private readonly parameterLp = new Float64Array(1);
  private readonly result = new Float64Array(1);
  private readonly dBetaList: Float64Array[];

  /** The priors alone (brms sample_prior = "only"): the likelihood is left out of the density. */
  private readonly priorOnly: boolean;

  /** options.fused = false forces the three-pass path (tests compare the two); options.priorOnly drops the likelihood. */
  constructor(structure: ModelStructure, layout: Layout, options: { fused?: boolean; priorOnly?: boolean } = {}) {
    this.priorOnly = options.priorOnly === true;
    const n = structure.n;
    this.n = n;
    this.dimension = layout.dimension;
    this.likelihood = structure.likelihood;
    this.auxValues = new Float64Array(layout.aux.length);
    this.dAux = new Float64Array(layout.aux.length);
    this.scratchGrad = new Float64Array(layout.dimension);

    const jointTau = layout.joint.map((b) => ({ tau: new Float64Array(b.Q), dTau: new Float64Array(b.Q) }));
    this.groups = layout.groups.map((block) => {
      const { q, levels } = block;
      const hasCor = block.corOffset >= 0;
      const shared = block.joint ? jointTau[block.joint.block] : null;
      const start = block.joint?.start ?? 0;
      return {
        block,
        // a shared block's terms own slices of its tau (the sds' kernel writes them there)
        tau: shared ? shared.tau.subarray(start, start + q) : new Float64Array(q),
        dTau: shared ? shared.dTau.subarray(start, start + q) : new Float64Array(q),
        L: hasCor ? new Float64Array(q * q) : null,
        dL: hasCor ? new Float64Array(q * q) : null,
        w: new Float64Array(levels * q),
        term: { q, index: block.design.index, Z: block.design.Z, r: new Float64Array(levels * q), dr: new Float64Array(levels * q) },
        kernels: block.joint ? null : groupEffectKernels(q, levels, hasCor, block.zOffset),
      };
    });
    this.joint = layout.joint.map((block, u) => {
      const { Q, levels } = block;
      return {
        block,
        ...jointTau[u],
        L: new Float64Array(Q * Q),
        dL: new Float64Array(Q * Q),
        w: new Float64Array(levels * Q),
        r: new Float64Array(levels * Q),
        dr: new Float64Array(levels * Q),
        slices: block.terms.map((t) => ({ term: this.groups[t].term, start: layout.groups[t].joint!.start, q: layout.groups[t].q })),
        ...groupEffectKernels(Q, levels, true, block.zOffset),
      };
    });
    this.predictors = structure.predictors.map((p, k) => {
      const terms = this.groups.filter((g) => g.block.predictor === k).map((g) => g.term);
      const { X, p: nCoef } = p.design.fixed;
      const eta = new Float64Array(n);
      return {
        fixed: layout.fixed[k],
        beta: new Float64Array(nCoef),
        dBeta: new Float64Array(nCoef),
        linear: new LinearPredictor(n, nCoef, X, terms, p.design.offset),
        eta,
        dEta: new Float64Array(n),
      };
    });
    this.distributional = structure.distributional ?? null;
    const dparStates = this.predictors.filter((_, k) => structure.predictors[k].dpar !== undefined);
    this.dparEta = dparStates.map((p) => p.eta);
    this.dparDEta = dparStates.map((p) => p.dEta);
    if (structure.nonlinear) {
      const { model, covariates, paramOrder } = structure.nonlinear;
      this.nonlinear = {
        model,
        covariates,
        paramOrder,
        phi: paramOrder.map((k) => this.predictors[k].eta),
        dmu: paramOrder.map(() => new Float64Array(n)),
      };
      this.eta = new Float64Array(n);
      this.dEta = new Float64Array(n);
    } else {
      this.nonlinear = null;
      this.eta = this.predictors[0].eta;
      this.dEta = this.predictors[0].dEta;
    }
    const code = structure.likelihood.fused;
    this.fused =
      code && options.fused !== false && !this.priorOnly && !structure.nonlinear && this.predictors.length === 1
        ? this.predictors[0].linear.fusedKernel(structure.y, layout.aux.length, code)
        : null;
    this.scalars = generateParameterKernels([
      ...this.predictors.map((p) => ({ params: p.fixed.params, values: p.beta, gradients: p.dBeta })),
      { params: layout.aux, values: this.auxValues, gradients: this.dAux },
      ...this.groups.map((g) => ({ params: g.block.sd, values: g.tau, gradients: g.dTau })),
    ]);
    this.betaList = this.predictors.map((p) => p.beta);
    this.dBetaList = this.predictors.map((p) => p.dBeta);
    const nl = structure.nonlinear;
    this.fusedNonlinear =
      code && options.fused !== false && !this.priorOnly && nl && !this.distributional
        ? generateNonlinearFusedKernel(
            n,
            this.predictors.map((p) => ({ plan: p.linear.plan, terms: p.linear.terms })),
            nl.model,
            nl.paramOrder,
            nl.covariates,
            structure.y,
            layout.aux.length,
            code,
          )
        : null;
    this.fusedPrepare = (this.fused || this.fusedNonlinear) && code?.prepare ? code.prepare : null;
    const dparsCode = structure.distributional?.fusedDpars;
    this.fusedDpars = dparsCode && options.fused !== false && !this.priorOnly ? dparsKernelFor(structure, this.predictors.map((p) => ({ plan: p.linear.plan, terms: p.linear.terms })), dparsCode) : null;
    this.fusedDparsPrepare = this.fusedDpars && dparsCode?.prepare ? dparsCode.prepare : null;
  }

  logDensity(theta: Float64Array): number {
    return this.logDensityGradient(theta, this.scratchGrad);
  }

  /** Writes the gradient into grad (caller-owned, length dimension) and returns the log density; -Infinity where undefined. */
  logDensityGradient(theta: Float64Array, grad: Float64Array): number {
    // The work writes its result to a slot and this small method returns it, so V8 can inline the
    // method into the sampler's loop and the double is never returned from a call it does not
    // inline (that would box it: one allocation per gradient).
    this.compute(theta, grad);
    return this.result[0];
  }

  /** logDensityGradient with the result written to out[0]. */
  logDensityGradientInto(theta: Float64Array, grad: Float64Array, out: Float64Array): void {
    this.compute(theta, grad);
    out[0] = this.result[0];
  }

  private compute(theta: Float64Array, grad: Float64Array): void {
    zero(grad);
    this.forwardParameters(theta);
    let lp = this.parameterLp[0];
    const fusedPass = this.fused !== null || this.fusedNonlinear !== null || this.fusedDpars !== null;
    if (this.priorOnly) {
      this.clearLikelihoodGradients();
    } else if (this.fused) {
      if (this.fusedPrepare) this.fusedPrepare(this.auxValues);
      const p = this.predictors[0];
      zero(p.dBeta);
      this.fused(p.beta, this.auxValues, p.dBeta, this.dAux, this.likelihoodLp);
      lp += this.likelihoodLp[0];
    } else if (this.fusedNonlinear) {
      if (this.fusedPrepare) this.fusedPrepare(this.auxValues);
      for (const p of this.predictors) zero(p.dBeta);
      this.fusedNonlinear(this.betaList, this.auxValues, this.dBetaList, this.dAux, this.likelihoodLp);
      lp += this.likelihoodLp[0];
    } else if (this.fusedDpars) {
      if (this.fusedDparsPrepare) this.fusedDparsPrepare(this.auxValues);
      for (const p of this.predictors) zero(p.dBeta);
      this.fusedDpars(this.betaList, this.auxValues, this.dBetaList, this.dAux, this.likelihoodLp);
      lp += this.likelihoodLp[0];
    } else if (this.distributional) {
      this.forwardPredictors();
      lp += this.distributional.logLikDpars(this.eta, this.auxValues, this.dparEta, this.dEta, this.dAux, this.dparDEta);
    } else {
      this.forwardPredictors();
      lp += this.likelihood.logLik(this.eta, this.auxValues, this.dEta, this.dAux);
    }
    // One store of the result for both outcomes: a separate early-return branch, first taken
    // mid-run (an overflow in a trajectory), deoptimised the sampler with it ("insufficient type
    // feedback") and cost a recompile.
    const finite = lp > -Infinity && lp < Infinity;
    if (finite) {
      if (!fusedPass && !this.priorOnly) this.backwardPredictors();
      this.backwardParameters(theta, grad);
    }
    const negativeInfinity = NEGATIVE_INFINITY[0];
    this.result[0] = finite ? lp : negativeInfinity;
  }

  /** What the likelihood would have added to the parameters' gradients, for the priors alone: nothing. */
  private clearLikelihoodGradients(): void {
    for (const p of this.predictors) zero(p.dBeta);
    zero(this.dAux);
    for (const g of this.groups) zero(g.term.dr);
  }

  /** Pointwise log-likelihood of every observation (for LOO). */
  pointwiseLogLik(theta: Float64Array, out: Float64Array): void {
    this.forwardParameters(theta);
    this.forwardPredictors();
    if (this.distributional) this.distributional.pointwiseDpars(this.eta, this.auxValues, this.dparEta, out);
    else this.likelihood.pointwise(this.eta, this.auxValues, out);
  }

  /** The linear predictor (the stage-1 mean for nonlinear models) the likelihood sees at theta. */
  linearPredictor(theta: Float64Array, out: Float64Array): void {
    this.forwardParameters(theta);
    this.forwardPredictors();
    out.set(this.eta.subarray(0, this.n));
  }

  /** Constrained values into the caller's views, for constrain(): beta per predictor, aux, tau, L, r. */
  visitConstrained(
    theta: Float64Array,
    visit: (parts: { betas: Float64Array[]; aux: Float64Array; groups: { tau: Float64Array; L: Float64Array | null; r: Float64Array }[]; joint: Float64Array[] }) => void,
  ): void {
    this.forwardParameters(theta);
    visit({ betas: this.predictors.map((p) => p.beta), aux: this.auxValues, groups: this.groups.map((g) => ({ tau: g.tau, L: g.L, r: g.term.r })), joint: this.joint.map((j) => j.L) });
  }

  /** Priors, Jacobians, constrained values and group effects; their log density goes to parameterLp[0]. */
  private forwardParameters(theta: Float64Array): void {
    this.scalars.forward(theta, this.scalarLp);
    let lp = this.scalarLp[0];
    for (const g of this.groups) {
      const { block, tau } = g;
      if (block.joint) continue; // its shared block's pass below writes its r
      if (g.L !== null && g.dL !== null) {
        lp += choleskyCorrConstrain(theta, block.corOffset, block.q, g.L);
        zero(g.dL);
        lp += lkjCholeskyLogDensity(g.L, block.q, block.corPrior!.eta, g.dL);
      }
      if (block.centred) lp += centredEffectsForward(block.q, block.levels, tau, theta, block.zOffset, g.term.r);
      else {
        g.kernels!.forward(tau, g.L, theta, g.w, g.term.r, this.groupLp);
        lp += this.groupLp[0];
      }
    }
    for (const j of this.joint) {
      const { block } = j;
      lp += choleskyCorrConstrain(theta, block.corOffset, block.Q, j.L);
      zero(j.dL);
      lp += lkjCholeskyLogDensity(j.L, block.Q, block.corPrior.eta, j.dL);
      j.forward(j.tau, j.L, theta, j.w, j.r, this.groupLp);
      lp += this.groupLp[0];
      const Q = block.Q;
      for (const { term, start, q } of j.slices) {
        for (let l = 0; l < block.levels; l++) for (let k = 0; k < q; k++) term.r[l * q + k] = j.r[l * Q + start + k];
      }
    }
    this.parameterLp[0] = lp;
  }

  private forwardPredictors(): void {
    for (const p of this.predictors) p.linear.forward(p.beta, p.eta);
    const nl = this.nonlinear;
    if (nl) nl.model.evaluate(nl.covariates, nl.phi, this.n, this.eta, nl.dmu);
  }

  /** Reverse pass through the stage-1 function and the linear predictors into dBeta and each term's dr. */
  private backwardPredictors(): void {
    const nl = this.nonlinear;
    if (nl) {
      // chain rule through the stage-1 function: d/dphi_k = d/dmu * dmu/dphi_k
      for (let j = 0; j < nl.paramOrder.length; j++) {
        const dPhi = this.predictors[nl.paramOrder[j]].dEta;
        const dmu = nl.dmu[j];
        for (let i = 0; i < this.n; i++) dPhi[i] = this.dEta[i] * dmu[i];
      }
    }
    for (const p of this.predictors) {
      zero(p.dBeta);
      p.linear.backward(p.dEta, p.dBeta);
    }
  }

  /** Reverse pass from dBeta, dAux and dr through priors, group effects and transforms into grad. */
  private backwardParameters(theta: Float64Array, grad: Float64Array): void {
    // group effects first: they give dTau, which the sds' chain rule below reads
    for (const g of this.groups) {
      const { block, tau, dTau } = g;
      if (block.joint) continue;
      zero(dTau);
      if (block.centred) centredEffectsBackward(block.q, block.levels, tau, g.term.r, g.term.dr, dTau, grad, block.zOffset);
      else g.kernels!.backward(tau, g.L, theta, g.w, g.term.dr, dTau, g.dL, grad);
      if (g.L !== null && g.dL !== null) choleskyCorrGradient(theta, block.corOffset, block.q, g.L, g.dL, grad, block.corOffset);
    }
    for (const j of this.joint) {
      const { block } = j;
      const Q = block.Q;
      for (const { term, start, q } of j.slices) {
        for (let l = 0; l < block.levels; l++) for (let k = 0; k < q; k++) j.dr[l * Q + start + k] = term.dr[l * q + k];
      }
      zero(j.dTau);
      j.backward(j.tau, j.L, theta, j.w, j.dr, j.dTau, j.dL, grad);
      choleskyCorrGradient(theta, block.corOffset, Q, j.L, j.dL, grad, block.corOffset);
    }
    this.scalars.backward(theta, grad);
  }
}

/** Plain loop: TypedArray.prototype.fill is a builtin call that costs more than the loop on short arrays. */
function zero(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = 0;
}
