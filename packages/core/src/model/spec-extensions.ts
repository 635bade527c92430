/**
 * Validation of the spec fields of the contract's "Extensions" (link, dpars, autocor, error, levels,
 * a prior's dpar) against the family table (families/catalog.ts). Shape and family checks only: the
 * formulas themselves are parsed with the rest of the model (structure.ts, autocor.ts).
 */
import { SpecError } from '../errors.js';
import { familyDpar, familyInfo, familyLink } from '../families/catalog.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function validateExtensions(input: Record<string, unknown>): void {
  const { family, link, dpars, autocor, error, levels, nl, priors } = input;
  const info = familyInfo(family ?? 'gaussian');
  familyLink(info, link);
  if (dpars !== undefined) {
    if (!isRecord(dpars) || Object.keys(dpars).length === 0) {
      throw new SpecError('"dpars" must be an object mapping each distributional parameter to its formula, e.g. {"sigma": "1 + x"}', 'spec.dpars');
    }
    for (const [name, f] of Object.entries(dpars)) {
      familyDpar(info, name);
      if (typeof f !== 'string' || f.trim() === '') throw new SpecError(`the formula of distributional parameter "${name}" must be a non-empty string such as "1 + x"`, `spec.dpars.${name}`);
      if (isRecord(nl) && Object.prototype.hasOwnProperty.call(nl, name)) {
        throw new SpecError(`"${name}" is both a nonlinear parameter in "nl" and a distributional parameter in "dpars"; rename the nonlinear parameter`, `spec.dpars.${name}`);
      }
    }
  }
  if (autocor !== undefined) {
    if (typeof autocor !== 'string' || autocor.trim() === '') throw new SpecError('"autocor" must be a string such as "ar(time = t, gr = g, p = 1)" or "car1(time = t, gr = g)"', 'spec.autocor');
    if (!info.residuals) {
      throw new SpecError(`autocor on a family without residuals: the ${info.name} family has none (autocor needs gaussian or student)`, 'spec.autocor');
    }
  }
  if (error !== undefined) {
    if (error !== 'additive' && error !== 'combined') throw new SpecError('"error" must be "additive" or "combined"', 'spec.error');
    if (error === 'combined' && (info.name !== 'gaussian' || nl === undefined)) {
      throw new SpecError(`"error": "combined" (additive + proportional) is for nonlinear gaussian models (with "nl"), not a ${nl === undefined ? 'linear ' : ''}${info.name} model`, 'spec.error');
    }
  }
  if (levels !== undefined) {
    if (!isRecord(levels)) throw new SpecError('"levels" must be an object mapping a factor column to its levels, e.g. {"Sex": ["Female", "Male"]}', 'spec.levels');
    for (const [name, list] of Object.entries(levels)) {
      if (!Array.isArray(list) || list.length === 0 || list.some((l) => typeof l !== 'string')) {
        throw new SpecError(`the levels of column '${name}' must be a non-empty array of strings, the reference level first`, `spec.levels.${name}`);
      }
    }
  }
  if (Array.isArray(priors)) {
    priors.forEach((p, i) => {
      if (!isRecord(p) || typeof p.dpar !== 'string') return;
      if (!isRecord(dpars) || !Object.prototype.hasOwnProperty.call(dpars, p.dpar)) {
        const given = isRecord(dpars) ? Object.keys(dpars).join(', ') : 'none';
        throw new SpecError(`dpar "${p.dpar}" has no formula in "dpars" (given: ${given})`, `spec.priors[${i}]`);
      }
    });
  }
}
