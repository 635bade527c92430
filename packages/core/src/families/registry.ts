/** Family lookup by name (the `family` field of a model spec). */
import { SpecError } from '../errors.js';
import type { Family, FamilyName } from './types.js';
import { gaussian, gaussianKnownSe } from './gaussian.js';
import { student } from './student.js';
import { lognormal } from './lognormal.js';
import { bernoulli } from './bernoulli.js';
import { binomial } from './binomial.js';
import { poisson } from './poisson.js';
import { negbinomial } from './negbinomial.js';
import { kernelFamilies } from './kernel-families.js';

/** The cumulative family depends on the number of categories: cumulative-family.ts builds it per model. */
const FAMILIES: Record<Exclude<FamilyName, 'cumulative'>, Family> = {
  gaussian,
  student,
  lognormal,
  bernoulli,
  binomial,
  poisson,
  negbinomial,
  ...kernelFamilies,
};

export const familyNames: readonly FamilyName[] = Object.keys(FAMILIES) as FamilyName[];
type FixedFamilyName = keyof typeof FAMILIES;

export function isFamilyName(name: string): name is FixedFamilyName {
  return Object.prototype.hasOwnProperty.call(FAMILIES, name);
}

export interface FamilyOptions {
  /** The response has `| se(s)`: known per-observation sd (gaussian only; no sigma is estimated). */
  se?: boolean;
}

/**
 * The family called `name`. SpecError listing the valid names for an unknown one, and for se() with
 * a family other than gaussian.
 */
export function getFamily(name: string, options: FamilyOptions = {}): Family {
  if (typeof name !== 'string' || !isFamilyName(name)) {
    throw new SpecError(`unknown family "${String(name)}"; valid families: ${familyNames.join(', ')}`, 'family');
  }
  if (options.se) {
    if (name !== 'gaussian') {
      throw new SpecError(`se() in the response is only supported for the gaussian family, not "${name}"`, 'family');
    }
    return gaussianKnownSe;
  }
  return FAMILIES[name];
}
