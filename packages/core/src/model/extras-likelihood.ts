/**
 * The likelihood of a response with extras (weights(), cens(), trunc()) or of a family or link
 * without a closed-form fused loop: per observation, the family's kernel (families/observation-kernels.ts)
 * picks its case from the censoring code, subtracts the truncation's log normaliser with its
 * derivatives, and is multiplied by the observation's weight, as brms writes it in Stan:
 *   none:     w * (log p(y) - log Z)          left:     w * (log P(Y <= y) - log Z)
 *   right:    w * (log P(Y >= y) - log Z)     interval: w * (log P(y <= Y <= y2) - log Z)
 * with log Z = log P(lb <= Y <= ub) (for a continuous family the inequalities are strict; for a
 * count family "Y >= y" is P(Y > y - 1)). The pointwise log-likelihood (for loo) is weighted too, as
 * brms's log_lik. Allocates nothing per evaluation.
 */
import { SpecError } from '../errors.js';
import type { Likelihood } from '../families/index.js';
import type { ExtLinkName } from '../families/links-ext.js';
import { observationKernel, type ObservationKernel } from '../families/observation-kernels.js';
import { CENSORING, type ResponseExtrasData } from './response-extras.js';

export class ExtrasLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  private readonly slots: number;
  private readonly out: Float64Array;
  private readonly norm: Float64Array;

  constructor(
    private readonly kernel: ObservationKernel,
    y: Float64Array,
    private readonly extras: ResponseExtrasData | null,
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
  private observation(i: number, eta: number, aux: Float64Array, out: Float64Array): void {
    const { kernel, extras } = this;
    const y = this.y[i];
    const code = extras?.cens ? extras.cens[i] : CENSORING.none;
    const below = kernel.discrete ? 1 : 0;
    if (code === CENSORING.none) kernel.lpdf(y, eta, aux, i, out);
    else if (code === CENSORING.left) kernel.logInterval!(-Infinity, y, eta, aux, i, out);
    else if (code === CENSORING.right) kernel.logInterval!(y - below, Infinity, eta, aux, i, out);
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
    const { n, out } = this;
    const weights = this.extras?.weights ?? null;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      if (w === 0) {
        result[i] = 0;
        continue;
      }
      this.observation(i, eta[i], aux, out);
      const v = w * out[0];
      result[i] = v === v ? v : -Infinity;
    }
  }
}

/**
 * The likelihood the model is fitted with: the family's own (with its fused loop) without response
 * extras, so existing models keep their kernels and draws; the generic per-observation one with them.
 */
export function withResponseExtras(base: Likelihood, family: string, link: ExtLinkName, y: Float64Array, extras: ResponseExtrasData | undefined, data: { trials: Float64Array | null; se: Float64Array | null }): Likelihood {
  if (!extras) return base;
  if (data.se) throw new SpecError('weights(), cens() or trunc() together with se() is not supported yet', 'spec.formula');
  const kernel = observationKernel(family, link, { trials: data.trials });
  if (!kernel) throw new SpecError(`weights(), cens() or trunc() with the ${family} family is not supported yet`, 'spec.formula');
  return new ExtrasLikelihood(kernel, y, extras);
}
