/**
 * The JSON model spec (../shared/design/model-spec.md) and its validation. A spec is plain data so it
 * can be saved next to results and sent to a worker thread.
 */
import { SpecError } from '../errors.js';
import { validateExtensions } from './spec-extensions.js';

export interface PriorSpecEntry {
  prior: string;
  class: string;
  coef?: string;
  group?: string;
  nlpar?: string;
  /** The distributional parameter whose coefficients the prior is for (brms set_prior(dpar = )). */
  dpar?: string;
}

export interface ModelSpec {
  /** lme4/brms formula; for nonlinear models the right-hand side is an arithmetic expression. */
  formula: string;
  /** Stage-2 formula for each nonlinear parameter, e.g. { Asym: "1 + (1 | Tree)" }. */
  nl?: Record<string, string>;
  /** gaussian (default), student, lognormal, bernoulli, binomial, poisson, negbinomial, and the contract's new ones (families/catalog.ts). */
  family?: string;
  /** The mean's link when not the family's default: bernoulli/binomial logit, probit, cloglog; poisson/negbinomial log, identity. */
  link?: string;
  /** A formula (right-hand side: fixed and group terms) per distributional parameter, e.g. { sigma: "1 + Time + (1 | Chick)" }. */
  dpars?: Record<string, string>;
  /** Residual autocorrelation within a group in time order: "ar(time = t, gr = g, p = 1)" or "car1(time = t, gr = g)". */
  autocor?: string;
  /** "additive" (default) or "combined" (sd = sqrt(sigma^2 + (sigma_prop * f)^2); nonlinear gaussian models). */
  error?: 'additive' | 'combined';
  /** Level order of factor columns, e.g. { Sex: ["Female", "Male"] }: the first is the reference level. */
  levels?: Record<string, string[]>;
  priors?: PriorSpecEntry[];
  /** Columns to treat as factors even when they look numeric. */
  factors?: string[];
  /** "error" (default): a missing value in a used column is an error; "drop": drop those rows. */
  na?: 'error' | 'drop';
  /** Group-level effects parameterisation; "noncentered" (default) or "centered". */
  parameterization?: 'noncentered' | 'centered';
}

const SPEC_KEYS = new Set(['formula', 'nl', 'family', 'link', 'dpars', 'autocor', 'error', 'priors', 'factors', 'levels', 'na', 'parameterization']);
const PRIOR_KEYS = new Set(['prior', 'class', 'coef', 'group', 'nlpar', 'dpar']);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Checks the shape of a spec and returns it typed; SpecError names the offending field. */
export function validateSpec(input: unknown): ModelSpec {
  if (!isRecord(input)) throw new SpecError('a model spec must be a JSON object with at least "formula"', 'spec');
  for (const key of Object.keys(input)) {
    if (!SPEC_KEYS.has(key)) {
      throw new SpecError(`unknown field "${key}" (allowed: ${[...SPEC_KEYS].join(', ')})`, 'spec');
    }
  }
  const { formula, nl, family, priors, factors, na, parameterization } = input;
  validateExtensions(input);
  if (typeof formula !== 'string' || formula.trim() === '') {
    throw new SpecError('"formula" must be a non-empty string such as "y ~ 1 + x + (1 | g)"', 'spec.formula');
  }
  if (nl !== undefined) {
    if (!isRecord(nl) || Object.keys(nl).length === 0) {
      throw new SpecError('"nl" must be an object mapping each nonlinear parameter to its formula', 'spec.nl');
    }
    for (const [name, f] of Object.entries(nl)) {
      if (typeof f !== 'string' || f.trim() === '') {
        throw new SpecError(`the formula of nonlinear parameter "${name}" must be a non-empty string`, `spec.nl.${name}`);
      }
      if (!/^[A-Za-z.][A-Za-z0-9._]*$/.test(name) || name.includes('__')) {
        throw new SpecError(`"${name}" is not a valid nonlinear parameter name`, `spec.nl.${name}`);
      }
    }
  }
  if (family !== undefined && typeof family !== 'string') {
    throw new SpecError('"family" must be a string', 'spec.family');
  }
  if (priors !== undefined) {
    if (!Array.isArray(priors)) throw new SpecError('"priors" must be an array', 'spec.priors');
    priors.forEach((p, i) => {
      const path = `spec.priors[${i}]`;
      if (!isRecord(p)) throw new SpecError('each prior must be an object like {"prior": "normal(0, 5)", "class": "b"}', path);
      for (const key of Object.keys(p)) {
        if (!PRIOR_KEYS.has(key)) throw new SpecError(`unknown field "${key}" (allowed: ${[...PRIOR_KEYS].join(', ')})`, path);
      }
      if (typeof p.prior !== 'string' || p.prior.trim() === '') throw new SpecError('"prior" must be a string such as "normal(0, 5)"', path);
      if (typeof p.class !== 'string' || p.class === '') throw new SpecError('"class" must be a string (b, sd, cor, sigma, nu, shape)', path);
      for (const key of ['coef', 'group', 'nlpar', 'dpar'] as const) {
        if (p[key] !== undefined && typeof p[key] !== 'string') throw new SpecError(`"${key}" must be a string`, path);
      }
    });
  }
  if (factors !== undefined && (!Array.isArray(factors) || factors.some((f) => typeof f !== 'string'))) {
    throw new SpecError('"factors" must be an array of column names', 'spec.factors');
  }
  if (na !== undefined && na !== 'error' && na !== 'drop') {
    throw new SpecError('"na" must be "error" or "drop"', 'spec.na');
  }
  if (parameterization !== undefined && parameterization !== 'noncentered' && parameterization !== 'centered') {
    throw new SpecError('"parameterization" must be "noncentered" or "centered"', 'spec.parameterization');
  }
  return input as unknown as ModelSpec;
}
