/**
 * Prior resolution: which prior each parameter slot gets.
 *
 * A user prior matches a slot when its class equals the slot's class and every field it gives
 * (coef, group, nlpar) equals the slot's, and its dpar is the slot's (none for the mean's slots, as
 * brms: a class-b prior without dpar is for the mean only). Among the matching user priors the most specific wins, by
 *   specificity = 4 * [coef given] + 1 * [group given] + 1 * [nlpar given]
 * so coef (4, 5, 6) > group + nlpar (2) > group alone = nlpar alone (1) > class alone (0). Two
 * matching user priors with the same, highest score are ambiguous: PriorError. Slots no user prior
 * matches get the data-scaled default (defaults.ts). Class b covers every fixed effect, Intercept
 * included: there is no hidden centring.
 *
 * Range rule, with D the parameter's natural range (b: real line; sd, sigma, shape: (0, Inf);
 * nu: (1, Inf); or the slot's lower / upper) and S the prior's support:
 *   S contains D:       fine; the prior is truncated to D (a half-normal on sigma) and logTruncation
 *                       = -log P(D) makes it normalised. P(D) < 1e-8 is a PriorError (no mass there).
 *   S lies inside D:    the parameter is sampled on S instead (bounds = S), as a Stan declaration
 *                       <lower=, upper=> would do: uniform(0, 10) on sigma, lognormal(..) on an nlpar.
 *   otherwise:          PriorError (uniform(-1, 1) on sigma: neither covers (0, Inf) nor lies in it).
 * lkj is the only prior for class cor, and only valid there.
 */
import { PriorError } from '../errors.js';
import type { DataScale, Prior, PriorClass, PriorSlot, PriorSpec, ResolvedPrior, Support } from './types.js';
import { parsePrior } from './parse.js';
import { defaultPrior } from './defaults.js';

export const priorClasses: readonly PriorClass[] = ['b', 'sd', 'cor', 'sigma', 'nu', 'shape', 'sigma_prop', 'ar', 'car1', 'phi', 'zi', 'hu'];

/** Smallest prior mass on the parameter's range we accept before calling the prior a mistake. */
const MIN_MASS = 1e-8;

/** Natural range of a parameter of a class (cor is handled by its own transform). */
export function naturalBounds(slot: PriorSlot): Support {
  const byClass: Record<PriorClass, Support> = {
    b: { lower: -Infinity, upper: Infinity },
    sd: { lower: 0, upper: Infinity },
    sigma: { lower: 0, upper: Infinity },
    shape: { lower: 0, upper: Infinity },
    nu: { lower: 1, upper: Infinity },
    phi: { lower: 0, upper: Infinity },
    zi: { lower: 0, upper: 1 },
    hu: { lower: 0, upper: 1 },
    cor: { lower: -1, upper: 1 },
    sigma_prop: { lower: 0, upper: Infinity },
    ar: { lower: -1, upper: 1 },
    car1: { lower: 0, upper: 1 },
  };
  const base = byClass[slot.class];
  return { lower: slot.lower ?? base.lower, upper: slot.upper ?? base.upper };
}

/** Which optional fields a class accepts in a user prior. */
const ALLOWED_FIELDS: Record<PriorClass, { coef: boolean; group: boolean; nlpar: boolean; dpar?: boolean }> = {
  b: { coef: true, group: false, nlpar: true, dpar: true },
  sd: { coef: true, group: true, nlpar: true, dpar: true },
  cor: { coef: false, group: true, nlpar: true, dpar: true },
  sigma: { coef: false, group: false, nlpar: false },
  nu: { coef: false, group: false, nlpar: false },
  shape: { coef: false, group: false, nlpar: false },
  sigma_prop: { coef: false, group: false, nlpar: false },
  ar: { coef: false, group: false, nlpar: false },
  car1: { coef: false, group: false, nlpar: false },
  phi: { coef: false, group: false, nlpar: false },
  zi: { coef: false, group: false, nlpar: false },
  hu: { coef: false, group: false, nlpar: false },
};

interface NormalisedSpec {
  index: number;
  class: PriorClass;
  coef?: string;
  group?: string;
  nlpar?: string;
  dpar?: string;
  prior: Prior;
  label: string; // 'class=b, coef=Days'
  text: string;
}

function given(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

function labelOf(spec: { class: string; coef?: string; group?: string; nlpar?: string; dpar?: string }): string {
  const parts = [`class=${spec.class}`];
  if (spec.dpar !== undefined) parts.push(`dpar=${spec.dpar}`);
  if (spec.nlpar !== undefined) parts.push(`nlpar=${spec.nlpar}`);
  if (spec.group !== undefined) parts.push(`group=${spec.group}`);
  if (spec.coef !== undefined) parts.push(`coef=${spec.coef}`);
  return parts.join(', ');
}

function describe(text: string, label: string): string {
  return `prior "${text}" (${label})`;
}

function normaliseSpec(spec: PriorSpec, index: number): NormalisedSpec {
  if (spec === null || typeof spec !== 'object') throw new PriorError(`priors[${index}] is not an object`);
  const text = typeof spec.prior === 'string' ? spec.prior : String(spec.prior);
  const cls = given(spec.class);
  const coef = given(spec.coef);
  const group = given(spec.group);
  const nlpar = given(spec.nlpar);
  const dpar = given(spec.dpar);
  const label = labelOf({ class: cls ?? '?', coef, group, nlpar, dpar });
  if (cls === undefined) {
    throw new PriorError(`${describe(text, label)}: class is missing; valid classes: ${priorClasses.join(', ')}`);
  }
  if (cls === 'Intercept') {
    throw new PriorError(`${describe(text, label)}: there is no class Intercept; use { "class": "b", "coef": "Intercept" }`);
  }
  if (!(priorClasses as readonly string[]).includes(cls)) {
    throw new PriorError(`${describe(text, label)}: unknown class "${cls}"; valid classes: ${priorClasses.join(', ')}`);
  }
  const pc = cls as PriorClass;
  const allowed = ALLOWED_FIELDS[pc];
  for (const [field, value] of [['coef', coef], ['group', group], ['nlpar', nlpar], ['dpar', dpar]] as const) {
    if (value !== undefined && !allowed[field]) {
      throw new PriorError(`${describe(text, label)}: class ${pc} does not take a ${field}`);
    }
  }
  let prior: Prior;
  try {
    prior = parsePrior(text);
  } catch (e) {
    if (e instanceof PriorError) throw new PriorError(`${describe(text, label)}: ${e.message}`);
    throw e;
  }
  return { index, class: pc, coef, group, nlpar, ...(dpar !== undefined ? { dpar } : {}), prior, label, text };
}

function matches(spec: NormalisedSpec, slot: PriorSlot): boolean {
  return (
    spec.class === slot.class &&
    (spec.coef === undefined || spec.coef === slot.coef) &&
    (spec.group === undefined || spec.group === slot.group) &&
    (spec.nlpar === undefined || spec.nlpar === slot.nlpar) &&
    spec.dpar === slot.dpar
  );
}

export function specificity(spec: { coef?: string; group?: string; nlpar?: string }): number {
  return (spec.coef !== undefined ? 4 : 0) + (spec.group !== undefined ? 1 : 0) + (spec.nlpar !== undefined ? 1 : 0);
}

function distinct(values: (string | undefined)[]): string[] {
  return Array.from(new Set(values.filter((v): v is string => v !== undefined)));
}

function list(values: string[]): string {
  return values.length ? values.join(', ') : '(none)';
}

/** Explains which field of a user prior finds nothing to match, listing the valid values. */
function explainNoMatch(spec: NormalisedSpec, slots: PriorSlot[]): string {
  const head = `${describe(spec.text, spec.label)} matches no parameter`;
  const missing = (field: 'dpar' | 'nlpar' | 'group' | 'coef', value: string | undefined, among: PriorSlot[]): string =>
    `${head}: ${field} "${value}" does not exist for class ${spec.class}; ` +
    `valid ${field}s: ${list(distinct(among.map((s) => s[field])))}`;
  let candidates = slots.filter((s) => s.class === spec.class);
  if (candidates.length === 0) {
    return (
      `${head}: this model has no parameters of class ${spec.class}; ` +
      `classes in this model: ${list(distinct(slots.map((s) => s.class)))}`
    );
  }
  // the dpar always narrows (none = the mean's parameters), the other fields only when given
  const ofDpar = candidates.filter((s) => s.dpar === spec.dpar);
  if (ofDpar.length === 0) {
    const dpars = distinct(candidates.map((s) => s.dpar));
    return spec.dpar === undefined
      ? `${head}: the class ${spec.class} parameters of this model belong to distributional parameters (${list(dpars)}); add "dpar"`
      : missing('dpar', spec.dpar, candidates);
  }
  candidates = ofDpar;
  for (const field of ['nlpar', 'group'] as const) {
    if (spec[field] === undefined) continue;
    const next = candidates.filter((s) => s[field] === spec[field]);
    if (next.length === 0) return missing(field, spec[field], candidates);
    candidates = next;
  }
  return missing('coef', spec.coef, candidates);
}

function formatBound(x: number): string {
  return x === Infinity ? 'Inf' : x === -Infinity ? '-Inf' : String(x);
}

/** Applies the range rule; returns the sampling bounds and the truncation constant. */
function fitRange(prior: Prior, slot: PriorSlot, what: string): { bounds: Support; logTruncation: number } {
  if (prior.family === 'lkj' || slot.class === 'cor') {
    if (prior.family === 'lkj' && slot.class === 'cor') return { bounds: naturalBounds(slot), logTruncation: 0 };
    if (prior.family === 'lkj') {
      throw new PriorError(
        `${what}: lkj is a prior for correlation matrices (class cor), not for ${slot.parameter} (class ${slot.class})`,
      );
    }
    throw new PriorError(`${what}: correlations (class cor, ${slot.parameter}) need an lkj(eta) prior`);
  }
  const d = naturalBounds(slot);
  const s = prior.support;
  const range = `(${formatBound(d.lower)}, ${formatBound(d.upper)})`;
  if (s.lower <= d.lower && s.upper >= d.upper) {
    const mass =
      d.lower === -Infinity
        ? d.upper === Infinity
          ? 1
          : prior.cdf(d.upper)
        : d.upper === Infinity
          ? prior.ccdf(d.lower)
          : prior.cdf(d.upper) - prior.cdf(d.lower);
    if (!(mass >= MIN_MASS)) {
      throw new PriorError(
        `${what}: the prior puts almost no probability (${mass.toPrecision(3)}) on the range ${range} of ${slot.parameter}`,
      );
    }
    return { bounds: d, logTruncation: mass === 1 ? 0 : -Math.log(mass) };
  }
  if (s.lower >= d.lower && s.upper <= d.upper) return { bounds: { lower: s.lower, upper: s.upper }, logTruncation: 0 };
  const support = `[${formatBound(s.lower)}, ${formatBound(s.upper)}]`;
  throw new PriorError(`${what}: its support ${support} neither covers the range ${range} of ${slot.parameter} nor lies inside it`);
}

/**
 * Resolves every slot's prior. PriorError for: unparsable priors, unknown classes or fields, user
 * priors matching no slot (naming what does not exist and listing valid values), ties between
 * equally specific user priors, and priors that do not fit their parameter's range.
 */
export function resolvePriors(user: PriorSpec[], slots: PriorSlot[], scale: DataScale): ResolvedPrior[] {
  const specs = (user ?? []).map(normaliseSpec);
  const used = new Array<boolean>(specs.length).fill(false);
  const interceptIn = new Set(slots.filter((s) => s.class === 'b' && s.coef === 'Intercept').map((s) => s.nlpar ?? s.dpar ?? ''));

  const resolved = slots.map((slot): ResolvedPrior => {
    let best: NormalisedSpec[] = [];
    let bestScore = -1;
    specs.forEach((spec, k) => {
      if (!matches(spec, slot)) return;
      used[k] = true;
      const score = specificity(spec);
      if (score > bestScore) {
        bestScore = score;
        best = [spec];
      } else if (score === bestScore) {
        best.push(spec);
      }
    });
    if (best.length > 1) {
      const texts = best.map((s) => describe(s.text, s.label)).join(' and ');
      throw new PriorError(
        `${texts} are equally specific for ${slot.parameter}; keep one, or give a coef to tell them apart`,
      );
    }
    if (best.length === 1) {
      const spec = best[0];
      const { bounds, logTruncation } = fitRange(spec.prior, slot, describe(spec.text, spec.label));
      return { slot, prior: spec.prior, source: `user (${spec.label})`, bounds, logTruncation };
    }
    const fallback = defaultPrior(slot, scale, interceptIn.has(slot.nlpar ?? slot.dpar ?? ''));
    const prior = parsePrior(fallback.text);
    const { bounds, logTruncation } = fitRange(prior, slot, `default prior "${fallback.text}"`);
    return { slot, prior, source: `default: ${fallback.rule}`, bounds, logTruncation };
  });

  used.forEach((wasUsed, k) => {
    if (!wasUsed) throw new PriorError(explainNoMatch(specs[k], slots));
  });
  return resolved;
}
