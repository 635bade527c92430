/**
 * The likelihood of a family written as a per-observation kernel (./observation-kernels.ts): the new
 * families, the links without closed-form fused code, and any family with response extras
 * (weights(), cens(), trunc()). Per observation it picks the case from the censoring code, subtracts
 * the truncation's log normaliser with its derivatives, and multiplies by the weight, as brms writes
 * it in Stan:
 *   none:     w * (log p(y) - log Z)          left:     w * (log P(Y <= y) - log Z)
 *   right:    w * (log P(Y >= y) - log Z)     interval: w * (log P(y <= Y <= y2) - log Z)
 * with log Z = log P(lb <= Y <= ub) (for a continuous family the inequalities are strict; for a
 * count family "Y >= y" is P(Y > y - 1)). The pointwise log-likelihood (for loo) is weighted too, as
 * brms's log_lik. Allocates nothing per evaluation.
 */
import type { DistributionalLikelihood, FusedDparsCode, Likelihood } from './types.js';
import type { ObservationKernel } from './observation-kernels.js';
import { invLinkFunction } from './links-ext.js';

/** Per-observation extras (model/response-extras.ts builds them; codes as brms: -1 left, 0 none, 1 right, 2 interval). */
export interface KernelExtras {
  cens: Int8Array | null;
  y2: Float64Array | null;
  lb: Float64Array | null;
  ub: Float64Array | null;
  weights: Float64Array | null;
}

const NONE = 0;
const LEFT = -1;
const RIGHT = 1;

export class KernelLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  protected readonly slots: number;
  protected readonly out: Float64Array;
  private readonly norm: Float64Array;

  constructor(
    private readonly kernel: ObservationKernel,
    y: Float64Array,
    protected readonly extras: KernelExtras | null,
  ) {
    this.n = y.length;
    this.y = Float64Array.from(y);
    this.slots = 2 + kernel.nAux;
    this.out = new Float64Array(this.slots);
    this.norm = new Float64Array(this.slots);
    const needsInterval = extras !== null && (extras.cens !== null || extras.lb !== null);
    if (needsInterval && !kernel.logInterval) throw new Error('internal: cens()/trunc() with a family kernel that has no logInterval');
  }

  /** out = [w_i-free log-likelihood of observation i, d/deta, d/daux...]. */
  protected observation(i: number, eta: number, aux: Float64Array, out: Float64Array): void {
    const { kernel, extras } = this;
    const y = this.y[i];
    const code = extras?.cens ? extras.cens[i] : NONE;
    const below = kernel.discrete ? 1 : 0;
    if (code === NONE) kernel.lpdf(y, eta, aux, i, out);
    else if (code === LEFT) kernel.logInterval!(-Infinity, y, eta, aux, i, out);
    else if (code === RIGHT) kernel.logInterval!(y - below, Infinity, eta, aux, i, out);
    else kernel.logInterval!(y - below, extras!.y2![i], eta, aux, i, out);
    const lb = extras?.lb;
    if (lb && out[0] > -Infinity) {
      const lo = lb[i];
      const hi = extras!.ub![i];
      if (lo === -Infinity && hi === Infinity) return;
      const norm = this.norm;
      kernel.logInterval!(lo === -Infinity ? lo : lo - below, hi, eta, aux, i, norm);
      if (norm[0] === -Infinity) {
        out[0] = -Infinity;
        return;
      }
      for (let k = 0; k < this.slots; k++) out[k] -= norm[k];
    }
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, out, slots } = this;
    const weights = this.extras?.weights ?? null;
    const nAux = slots - 2;
    for (let k = 0; k < nAux; k++) dAux[k] = 0;
    let lp = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      if (w === 0) {
        dEta[i] = 0;
        continue;
      }
      this.observation(i, eta[i], aux, out);
      if (!(out[0] > -Infinity)) {
        for (let j = i; j < n; j++) dEta[j] = 0;
        return -Infinity;
      }
      lp += w * out[0];
      dEta[i] = w * out[1];
      for (let k = 0; k < nAux; k++) dAux[k] += w * out[2 + k];
    }
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, result: Float64Array): void {
    for (let i = 0; i < this.n; i++) result[i] = this.pointwiseAt(i, eta[i], aux);
  }

  /** Observation i's weighted log-likelihood for loo (0 at weight 0; -Infinity, never NaN). */
  protected pointwiseAt(i: number, eta: number, aux: Float64Array): number {
    const weights = this.extras?.weights ?? null;
    const w = weights ? weights[i] : 1;
    if (w === 0) return 0;
    this.observation(i, eta, aux, this.out);
    const v = w * this.out[0];
    return v === v ? v : -Infinity;
  }

}

/**
 * The kernel likelihood with some of the family's parameters given per observation by their own
 * linear predictors (dpars formulas): parameter k of the family is, per observation, either the
 * scalar aux[scalarAt[k]] or g_d^-1(dpars[d][i]) for its link g_d, and its derivative goes to dAux or
 * (times dg^-1/deta) to dDpars[d][i]. Everything else (cens, trunc, weights) as KernelLikelihood.
 */
export class DistributionalKernelLikelihood extends KernelLikelihood implements DistributionalLikelihood {
  /** The family's parameters of one observation, in family.aux order. */
  private readonly row: Float64Array;
  /** Per family parameter: its index in the scalar aux, or -1 when a dpar formula gives it. */
  private readonly scalarAt: Int32Array;
  /** Per dpar formula: its family parameter index and link. */
  private readonly modelled: { auxIndex: number; link: 'log' | 'logit' }[];
  /** dg^-1/deta of each dpar at the current observation. */
  private readonly slope: Float64Array;
  /** Each dpar's inverse link function (chosen once: a switch per call kept it from inlining, and its double argument was boxed). */
  private readonly inverse: ((eta: number, out: Float64Array) => void)[];
  private readonly link = new Float64Array(2);

  constructor(
    kernel: ObservationKernel,
    y: Float64Array,
    extras: KernelExtras | null,
    modelled: { auxIndex: number; link: 'log' | 'logit' }[],
    /** The same density as code for the fused dpars loop, where the family has it. */
    readonly fusedDpars?: FusedDparsCode,
  ) {
    super(kernel, y, extras);
    const nAux = kernel.nAux;
    this.row = new Float64Array(nAux);
    this.modelled = modelled;
    this.slope = new Float64Array(modelled.length);
    this.inverse = modelled.map((m) => invLinkFunction(m.link));
    this.scalarAt = new Int32Array(nAux);
    let next = 0;
    for (let k = 0; k < nAux; k++) this.scalarAt[k] = modelled.some((m) => m.auxIndex === k) ? -1 : next++;
  }

  /** Fills this.row (and this.slope) for observation i; a non-finite value makes the kernel's -Infinity. */
  private fillRow(i: number, aux: Float64Array, dpars: readonly Float64Array[]): void {
    const { row, scalarAt, modelled, link } = this;
    for (let k = 0; k < row.length; k++) if (scalarAt[k] >= 0) row[k] = aux[scalarAt[k]];
    for (let d = 0; d < modelled.length; d++) {
      this.inverse[d](dpars[d][i], link);
      row[modelled[d].auxIndex] = link[0];
      this.slope[d] = link[1];
    }
  }

  logLikDpars(eta: Float64Array, aux: Float64Array, dpars: readonly Float64Array[], dEta: Float64Array, dAux: Float64Array, dDpars: readonly Float64Array[]): number {
    const { n, out, row, scalarAt, modelled, slope } = this;
    const weights = this.extras?.weights ?? null;
    for (let k = 0; k < dAux.length; k++) dAux[k] = 0;
    let lp = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      if (w === 0) {
        dEta[i] = 0;
        for (let d = 0; d < modelled.length; d++) dDpars[d][i] = 0;
        continue;
      }
      this.fillRow(i, aux, dpars);
      this.observation(i, eta[i], row, out);
      if (!(out[0] > -Infinity)) {
        for (let j = i; j < n; j++) {
          dEta[j] = 0;
          for (let d = 0; d < modelled.length; d++) dDpars[d][j] = 0;
        }
        return -Infinity;
      }
      lp += w * out[0];
      dEta[i] = w * out[1];
      for (let k = 0; k < row.length; k++) if (scalarAt[k] >= 0) dAux[scalarAt[k]] += w * out[2 + k];
      for (let d = 0; d < modelled.length; d++) dDpars[d][i] = w * out[2 + modelled[d].auxIndex] * slope[d];
    }
    return lp === lp ? lp : -Infinity;
  }

  pointwiseDpars(eta: Float64Array, aux: Float64Array, dpars: readonly Float64Array[], result: Float64Array): void {
    for (let i = 0; i < this.n; i++) {
      this.fillRow(i, aux, dpars);
      result[i] = this.pointwiseAt(i, eta[i], this.row);
    }
  }

}
