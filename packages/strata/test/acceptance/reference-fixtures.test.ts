/**
 * The committed Stan reference posteriors (reference/<model>.json, made by reference/run.R from
 * reference/<model>/{model.stan, spec.json, model.R}) are well-formed, so that the tests of issues 12
 * and 13 that compare against them compare against something sound:
 * - the JSON carries the spec and Stan program exactly as committed in the model's folder, a data
 *   file that exists and has the spec's response and grouping columns, and the draws description;
 * - every parameter has a finite mean, sd > 0, mcse, ordered quantiles, R-hat < 1.01 and bulk ESS
 *   >= 2000 (4 x 10000 draws);
 * - every parameter name is one the contract (docs: ../shared/design/model-spec.md, "Extensions")
 *   gives this spec, brms style, and has an explicit, proper prior in the spec.
 * The checker is also run on broken copies of a fixture: each defect must be reported.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const refDir = join(root, 'reference');

interface Prior {
  prior: string;
  class: string;
  coef?: string;
  group?: string;
  nlpar?: string;
  dpar?: string;
}
interface Spec {
  formula: string;
  family?: string;
  nl?: Record<string, string>;
  dpars?: Record<string, string>;
  autocor?: string;
  error?: string;
  priors: Prior[];
}
const STAT_KEYS = ['mean', 'sd', 'q5', 'q50', 'q95', 'mcse_mean', 'rhat', 'ess_bulk', 'ess_tail'] as const;

/** What a parameter name says: its prior class and the fields a prior may be set by. */
interface NameParts {
  class: string;
  group?: string;
  nlpar?: string;
  dpar?: string;
  coef?: string;
}

/** Family parameters other than the mean, as brms names them (the contract's list). */
const FAMILY_AUX: Record<string, string[]> = {
  gaussian: ['sigma'],
  student: ['sigma', 'nu'],
  lognormal: ['sigma'],
  gamma: ['shape'],
  weibull: ['shape'],
  beta: ['phi'],
  negbinomial: ['shape'],
  poisson: [],
  bernoulli: [],
  binomial: [],
  exponential: [],
  zero_inflated_poisson: ['zi'],
  zero_inflated_negbinomial: ['zi', 'shape'],
  hurdle_poisson: ['hu'],
  hurdle_negbinomial: ['hu', 'shape'],
  hurdle_lognormal: ['hu', 'sigma'],
  cumulative: [],
};
const PROPER_PRIOR = /^(normal|student_t|cauchy|exponential|gamma|lognormal|uniform|lkj)\(\s*-?[\d.]+(\s*,\s*-?[\d.]+)*\s*\)$/;
const COEF = '[A-Za-z][A-Za-z0-9_.:]*';

/** Grouping factors named in a formula's group terms: `(… | g)`, `(… || g)`, `(… | ID | g)`. */
function groupsOf(formula: string): string[] {
  return [...formula.matchAll(/\|\s*([A-Za-z.][A-Za-z0-9_.]*)\s*\)/g)].map((m) => m[1] as string);
}

function formulasOf(spec: Spec): string[] {
  return [spec.formula, ...Object.values(spec.nl ?? {}), ...Object.values(spec.dpars ?? {})];
}

/** A coefficient name with an optional nonlinear/distributional prefix: `x`, `lKa_Intercept`. */
function splitPrefixed(text: string, spec: Spec): { nlpar?: string; dpar?: string; coef: string } | undefined {
  for (const nlpar of Object.keys(spec.nl ?? {}))
    if (text.startsWith(`${nlpar}_`)) return { nlpar, coef: text.slice(nlpar.length + 1) };
  for (const dpar of Object.keys(spec.dpars ?? {}))
    if (text.startsWith(`${dpar}_`)) return { dpar, coef: text.slice(dpar.length + 1) };
  if (spec.nl) return undefined; // a nonlinear model's coefficients all belong to a parameter
  return new RegExp(`^${COEF}$`).test(text) ? { coef: text } : undefined;
}

/** The parts of a population-level, sd, cor or auxiliary name, or undefined if the spec cannot have it. */
export function parseName(name: string, spec: Spec): NameParts | undefined {
  const family = spec.family ?? 'gaussian';
  const groups = new Set(formulasOf(spec).flatMap(groupsOf));
  const threshold = /^b_Intercept\[(\d+)\]$/.exec(name);
  if (threshold) return family === 'cumulative' ? { class: 'b', coef: `Intercept[${threshold[1]}]` } : undefined;
  if (name.startsWith('b_')) {
    const parts = splitPrefixed(name.slice(2), spec);
    if (!parts || (family === 'cumulative' && parts.coef === 'Intercept' && !parts.dpar)) return undefined;
    return { class: 'b', ...parts };
  }
  const sd = /^sd_([A-Za-z.][A-Za-z0-9_.]*?)__(.+)$/.exec(name);
  if (sd) {
    const [, group, rest] = sd as unknown as [string, string, string];
    const parts = splitPrefixed(rest, spec);
    return groups.has(group) && parts ? { class: 'sd', group, ...parts } : undefined;
  }
  const cor = /^cor_([A-Za-z.][A-Za-z0-9_.]*?)__(.+)__(.+)$/.exec(name);
  if (cor) {
    const [, group, a, b] = cor as unknown as [string, string, string, string];
    return groups.has(group) && splitPrefixed(a, spec) && splitPrefixed(b, spec) ? { class: 'cor', group } : undefined;
  }
  const aux = new Set((FAMILY_AUX[family] ?? []).filter((p) => !(spec.dpars && p in spec.dpars)));
  if (spec.error === 'combined') aux.add('sigma_prop');
  if (spec.autocor?.startsWith('car1(')) aux.add('car1');
  if (spec.autocor?.startsWith('ar(') && /^ar\[1\]$/.test(name)) return { class: 'ar' };
  return aux.has(name) ? { class: name } : undefined;
}

/** The spec's priors that apply to a parameter: same class, and every field they set matches. */
function priorsFor(parts: NameParts, spec: Spec): Prior[] {
  const fields = ['group', 'nlpar', 'dpar', 'coef'] as const;
  return spec.priors.filter(
    (p) => p.class === parts.class && fields.every((f) => p[f] === undefined || p[f] === parts[f]),
  );
}

/** Every problem of one fixture, as one line each (empty when it is sound). */
export function fixtureProblems(model: string, fixture: Record<string, unknown>, fileExists: (p: string) => boolean): string[] {
  const problems: string[] = [];
  const spec = fixture.spec as Spec | undefined;
  if (fixture.model !== model) problems.push(`model is ${String(fixture.model)}, not ${model}`);
  if (!spec || typeof spec.formula !== 'string' || !Array.isArray(spec.priors)) return [...problems, 'no spec with formula and priors'];
  if (typeof fixture.stan !== 'string' || !/model\s*\{/.test(fixture.stan)) problems.push('no Stan program');
  if (typeof fixture.draws !== 'string' || !fixture.draws.includes('4 chains x 10000 draws')) problems.push('draws description missing');
  if (typeof fixture.divergent !== 'number') problems.push('divergent count missing');
  if (typeof fixture.data !== 'string' || !fileExists(fixture.data)) problems.push(`data file ${String(fixture.data)} missing`);
  for (const p of spec.priors) if (!PROPER_PRIOR.test(p.prior)) problems.push(`prior ${p.prior} is not a proper prior`);
  const params = fixture.parameters as Record<string, Record<string, unknown>> | undefined;
  if (!params || Object.keys(params).length === 0) return [...problems, 'no parameters'];
  if (!Object.keys(params).some((n) => n.startsWith('b_'))) problems.push('no population-level parameter');
  for (const [name, stats] of Object.entries(params)) {
    if (stats.variable !== name) problems.push(`${name}: variable is ${String(stats.variable)}`);
    for (const key of STAT_KEYS)
      if (typeof stats[key] !== 'number' || !Number.isFinite(stats[key])) problems.push(`${name}: ${key} not finite`);
    const s = stats as Record<(typeof STAT_KEYS)[number], number>;
    if (!(s.sd > 0) || !(s.mcse_mean > 0)) problems.push(`${name}: sd or mcse_mean not positive`);
    if (!(s.q5 <= s.q50 && s.q50 <= s.q95)) problems.push(`${name}: quantiles out of order`);
    if (!(s.rhat < 1.01)) problems.push(`${name}: rhat ${s.rhat} >= 1.01`);
    if (!(s.ess_bulk >= 2000)) problems.push(`${name}: ess_bulk ${s.ess_bulk} < 2000`);
    const parts = parseName(name, spec);
    if (!parts) problems.push(`${name}: not a parameter name this spec has (model-spec.md, Extensions)`);
    else if (parts.class !== 'cor' && priorsFor(parts, spec).length === 0) problems.push(`${name}: no explicit prior`);
  }
  return problems;
}

function csvHeader(path: string): string[] {
  return (readFileSync(path, 'utf8').split('\n')[0] ?? '').split(',').map((h) => h.trim());
}

const models = readdirSync(refDir).filter((d) => existsSync(join(refDir, d, 'model.stan')));
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('reference fixtures', () => {
  it('there are fixtures, each with its JSON', () => {
    expect(models.length).toBeGreaterThanOrEqual(5);
    for (const m of models) expect(existsSync(join(refDir, `${m}.json`)), `reference/${m}.json`).toBe(true);
  });

  for (const model of models) {
    it(`${model}: well-formed, and the same spec, program and data as its folder`, () => {
      const fixture = readJson(join(refDir, `${model}.json`));
      expect(fixtureProblems(model, fixture, (p) => existsSync(join(root, p)))).toEqual([]);
      expect(fixture.spec).toEqual(readJson(join(refDir, model, 'spec.json')));
      expect(fixture.stan).toBe(readFileSync(join(refDir, model, 'model.stan'), 'utf8').replace(/\n$/, ''));
      expect(fixture.data).toBe(`reference/${model}/data.csv`);
      const spec = fixture.spec as Spec;
      const header = csvHeader(join(root, fixture.data as string));
      const response = (spec.formula.split('~')[0] as string).split('|')[0]?.trim() as string;
      for (const column of [response, ...formulasOf(spec).flatMap(groupsOf)]) expect(header, column).toContain(column);
    });
  }

  describe('the checker reports a broken fixture', () => {
    const model = models[0] as string;
    const good = readJson(join(refDir, `${model}.json`));
    const exists = (p: string) => existsSync(join(root, p));
    const firstName = Object.keys(good.parameters as object)[0] as string;
    const withParam = (name: string, patch: Record<string, unknown>) => {
      const params = structuredClone(good.parameters) as Record<string, Record<string, unknown>>;
      const stats = { ...params[firstName], ...patch, variable: name };
      delete params[firstName];
      return { ...good, parameters: { ...params, [name]: stats } };
    };
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no spec', { ...good, spec: undefined }, /no spec/],
      ['missing data file', { ...good, data: 'reference/nowhere.csv' }, /data file/],
      ['no Stan program', { ...good, stan: '' }, /Stan program/],
      ['NaN mean', withParam(firstName, { mean: Number.NaN }), /mean not finite/],
      ['rhat 1.05', withParam(firstName, { rhat: 1.05 }), /rhat/],
      ['low ESS', withParam(firstName, { ess_bulk: 150 }), /ess_bulk/],
      ['Stan-style name', withParam('beta[1]', {}), /not a parameter name/],
      ['unknown grouping factor', withParam('sd_Nowhere__Intercept', {}), /not a parameter name/],
      ['a parameter without a prior', { ...good, spec: { ...(good.spec as Spec), priors: [] } }, /no explicit prior/],
      ['improper prior', { ...good, spec: { ...(good.spec as Spec), priors: [{ prior: 'flat()', class: 'b' }] } }, /proper prior/],
    ];
    for (const [what, broken, message] of cases)
      it(what, () => expect(fixtureProblems(model, broken, exists).join('\n')).toMatch(message));
  });

  it('parses the contract names', () => {
    const pk: Spec = {
      formula: 'conc ~ SSfol(Dose, Time, lKe, lKa, lCl)',
      nl: { lKe: '1', lKa: '1 + (1 | p | Subject)', lCl: '1 + (1 | p | Subject)' },
      error: 'combined',
      priors: [],
    };
    expect(parseName('b_lKa_Intercept', pk)).toEqual({ class: 'b', nlpar: 'lKa', coef: 'Intercept' });
    expect(parseName('sd_Subject__lCl_Intercept', pk)).toEqual({ class: 'sd', group: 'Subject', nlpar: 'lCl', coef: 'Intercept' });
    expect(parseName('cor_Subject__lKa_Intercept__lCl_Intercept', pk)).toEqual({ class: 'cor', group: 'Subject' });
    expect(parseName('sigma_prop', pk)).toEqual({ class: 'sigma_prop' });
    expect(parseName('b_Intercept', pk)).toBeUndefined();
    const ordinal: Spec = { formula: 'y ~ 1 + x + (1 | g)', family: 'cumulative', priors: [] };
    expect(parseName('b_Intercept[2]', ordinal)).toEqual({ class: 'b', coef: 'Intercept[2]' });
    expect(parseName('b_Intercept', ordinal)).toBeUndefined();
    expect(parseName('sigma', ordinal)).toBeUndefined();
    const dist: Spec = { formula: 'y ~ 1 + x + (1 | g)', dpars: { sigma: '1 + x + (1 | g)' }, autocor: 'ar(time = t, gr = g, p = 1)', priors: [] };
    expect(parseName('b_sigma_x', dist)).toEqual({ class: 'b', dpar: 'sigma', coef: 'x' });
    expect(parseName('sd_g__sigma_Intercept', dist)).toEqual({ class: 'sd', group: 'g', dpar: 'sigma', coef: 'Intercept' });
    expect(parseName('sigma', dist)).toBeUndefined();
    expect(parseName('ar[1]', dist)).toEqual({ class: 'ar' });
  });
});
