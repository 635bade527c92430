/**
 * The one place where compile refuses what the language accepts but the kernels do not fit yet, so
 * that nothing is silently fitted as another model. Each check is one block; delete a block when its
 * feature is implemented (and this module when none is left).
 */
import { SpecError } from '../errors.js';
import type { ModelStructure } from './structure-types.js';

/** Prior classes of the contract that no implemented parameter has yet. */
const NEW_PRIOR_CLASSES = new Set(['ar', 'car1', 'sigma_prop']);

export type StructureFeatures = Pick<ModelStructure, 'spec' | 'predictors' | 'contract' | 'dpars' | 'autocor' | 'error' | 'groupIds'>;

export function unsupportedFeatures(s: StructureFeatures): void {
  const refuse = (what: string, path: string): never => {
    throw new SpecError(`${what} is not supported yet`, path);
  };
  if (s.contract && !s.contract.family.implemented) refuse(`the ${s.contract.family.name} family`, 'spec.family');
  const shared = s.groupIds?.find((b) => b.terms.length > 1);
  if (shared) refuse(`a group-term ID shared by several terms ('${shared.id}' of '${shared.group}': one correlated block across formulas)`, 'spec.formula');
  if (s.dpars && s.dpars.length > 0) refuse(`a formula for distributional parameter "${s.dpars[0].dpar}" (dpars)`, `spec.dpars.${s.dpars[0].dpar}`);
  if (s.autocor) refuse(`autocor ${s.autocor.kind}()`, 'spec.autocor');
  if (s.error === 'combined') refuse('"error": "combined"', 'spec.error');
  (s.spec.priors ?? []).forEach((p, i) => {
    if (p.dpar !== undefined) refuse(`a prior with "dpar"`, `spec.priors[${i}]`);
    if (NEW_PRIOR_CLASSES.has(p.class)) refuse(`a prior of class ${p.class}`, `spec.priors[${i}]`);
  });
}
