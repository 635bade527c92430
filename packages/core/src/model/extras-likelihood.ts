/** The response extras (weights(), cens(), trunc()) wired to the family kernels (families/kernel-likelihood.ts). */
import { SpecError } from '../errors.js';
import type { FusedLikelihoodCode, Likelihood } from '../families/index.js';
import type { ExtLinkName } from '../families/links-ext.js';
import { observationKernel, type ObservationKernel } from '../families/observation-kernels.js';
import { formatNumber } from '../codegen/format.js';
import { KernelLikelihood } from '../families/kernel-likelihood.js';
import type { ResponseExtrasData } from './response-extras.js';

/**
 * The likelihood the model is fitted with: the family's own (with its fused loop) without response
 * extras, so existing models keep their kernels and draws; the generic per-observation one with them.
 */
export function withResponseExtras(base: Likelihood, family: string, link: ExtLinkName, y: Float64Array, extras: ResponseExtrasData | undefined, data: { trials: Float64Array | null; se: Float64Array | null }): Likelihood {
  if (!extras) return base;
  if (data.se) throw new SpecError('weights(), cens() or trunc() together with se() is not supported yet', 'spec.formula');
  const kernel = observationKernel(family, link, { trials: data.trials });
  if (!kernel) throw new SpecError(`weights(), cens() or trunc() with the ${family} family is not supported yet`, 'spec.formula');
  const onlyWeights = extras.weights !== null && !extras.cens && !extras.lb && !extras.ub && !extras.y2;
  if (onlyWeights && family === 'gaussian' && link === 'identity') return new WeightedGaussianLikelihood(kernel, y, extras);
  return new KernelLikelihood(kernel, y, extras);
}

/**
 * gaussian with weights(w) only, with fused code: sum_i w_i log N(y_i | m_i, sigma) =
 * -(log(2 pi)/2 + log sigma) sum w - (1/2) sum w_i z_i^2, d/dm_i = w_i z_i / sigma,
 * d/dsigma = (sum w_i z_i^2 - sum w) / sigma (zero weights drop out, as in the kernel path).
 */
class WeightedGaussianLikelihood extends KernelLikelihood {
  readonly fused: FusedLikelihoodCode;

  constructor(kernel: ObservationKernel, y: Float64Array, extras: ResponseExtrasData) {
    super(kernel, y, extras);
    const w = extras.weights!;
    let sumW = 0;
    for (let i = 0; i < w.length; i++) sumW += w[i];
    this.fused = {
      before: 'if (!(a0 > 0 && a0 < Infinity)) return;\nconst winv = 1 / a0;\nlet wss = 0;',
      perObservation: 'const wz = (y - m) * winv;\nconst wzw = V0[i] * wz;\nwss += wzw * wz;\nconst d = wzw * winv;',
      after: `lp = -${formatNumber(sumW)} * (${formatNumber(0.5 * Math.log(2 * Math.PI))} + Math.log(a0)) - 0.5 * wss;\ndAux[0] = (wss - ${formatNumber(sumW)}) * winv;`,
      arrays: { V0: w },
    };
  }
}
