/** The response extras (weights(), cens(), trunc()) wired to the family kernels (families/kernel-likelihood.ts). */
import { SpecError } from '../errors.js';
import type { Likelihood } from '../families/index.js';
import type { ExtLinkName } from '../families/links-ext.js';
import { observationKernel } from '../families/observation-kernels.js';
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
  return new KernelLikelihood(kernel, y, extras);
}
