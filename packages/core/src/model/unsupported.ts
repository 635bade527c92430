/**
 * The one place where compile refuses what the language accepts but the kernels do not fit yet, so
 * that nothing is silently fitted as another model. Each check is one block; delete a block when its
 * feature is implemented (and this module when none is left).
 */
import { SpecError } from '../errors.js';
import type { ModelStructure } from './structure-types.js';

export type StructureFeatures = Pick<ModelStructure, 'spec' | 'predictors' | 'contract' | 'dpars' | 'autocor'>;

export function unsupportedFeatures(s: StructureFeatures): void {
  const refuse = (what: string, path: string): never => {
    throw new SpecError(`${what} is not supported yet`, path);
  };
  if (s.contract && !s.contract.family.implemented) refuse(`the ${s.contract.family.name} family`, 'spec.family');
  // autocorrelated residuals take a formula for sigma (autocor-likelihood.ts); the family has no other dpar
  if (s.dpars && s.autocor) for (const d of s.dpars) if (d.dpar !== 'sigma') refuse(`a "dpars" formula for ${d.dpar} together with autocor`, `spec.dpars.${d.dpar}`);
  if (s.dpars && s.dpars.length > 0 && s.spec.error === 'combined') refuse(`a "dpars" formula together with "error": "combined"`, `spec.dpars.${s.dpars[0].dpar}`);
  if (s.autocor && s.contract && s.contract.family.name !== 'gaussian') refuse(`autocor with the ${s.contract.family.name} family (gaussian only so far)`, 'spec.autocor');
  if (s.autocor && s.spec.error === 'combined') refuse('autocor with "error": "combined"', 'spec.autocor');
}
