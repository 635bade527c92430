/**
 * The Extensions' language and data side: response extras, offsets, group IDs, dpars, autocor,
 * error, links, new families and priors are parsed into the structure's typed pieces, their bad
 * inputs are one-line errors naming the column/row/term, and compile refuses each feature the
 * kernels lack with "... is not supported yet" (model/unsupported.ts).
 */
import { describe, expect, it } from 'vitest';
import { compile, DataError, FormulaError, SpecError } from '../../src/index.js';
import { parseFormula } from '../../src/formula/index.js';
import { parseAutocor } from '../../src/formula/autocor.js';
import { buildStructure } from '../../src/model/structure.js';
import { validateSpec } from '../../src/model/spec.js';
import { autocorStructure } from '../../src/model/autocor-data.js';
import { responseExtrasData } from '../../src/model/response-extras.js';
import { checkResponseKind } from '../../src/families/response-checks.js';
import { familyInfo } from '../../src/families/catalog.js';
import { prepareTable, toRawTable } from '../../src/data/index.js';
import { thrown } from '../data/expect-error.js';

const data = {
  y: [1.5, 2.5, 0.5, 3.5, 2, 1, 4, 2.25],
  c: ['none', 'left', 'right', 'interval', 'none', 'none', 'left', 'none'],
  hi: [9, 9, 9, 5, 9, 9, 9, 9],
  w: [1, 2, 1, 0.5, 1, 1, 1, 3],
  t: [1, 2, 3, 1, 2, 3, 4, 5],
  x: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  g: ['a', 'a', 'a', 'b', 'b', 'b', 'b', 'b'],
  h: ['u', 'v', 'u', 'v', 'u', 'v', 'u', 'v'],
};
const table = (cols: Record<string, (string | number)[]>, numeric: string[], any: string[] = [], factor: string[] = []) =>
  prepareTable(toRawTable(cols), { numeric, any, factor }).table;

describe('response extras', () => {
  it('parses cens, trunc and weights combined with +', () => {
    expect(parseFormula('y | cens(c, hi) + trunc(lb = 0, ub = 10) + weights(w) ~ 1').response).toEqual({
      column: 'y', cens: { column: 'c', y2: 'hi' }, trunc: { lb: 0, ub: 10 }, weights: 'w',
    });
    expect(parseFormula('y | trunc(ub = -1.5) + se(s) ~ 1').response).toEqual({ column: 'y', se: 's', trunc: { ub: -1.5 } });
    expect(parseFormula('y | trunc(lo, 3) ~ 1').response?.trunc).toEqual({ lb: 'lo', ub: 3 });
    expect(thrown(FormulaError, () => parseFormula('y | trunc(lb = 5, ub = 1) ~ 1')).message).toMatch(/lower bound 5 is not below the upper bound 1/);
    expect(thrown(FormulaError, () => parseFormula('y | trunc(mid = 5) ~ 1')).position).toBe(10);
  });

  it('codes censoring from text or brms numbers into an Int8Array, with y2', () => {
    const tb = table(data, ['y', 'hi'], ['c']);
    const r = responseExtrasData(parseFormula('y | cens(c, hi) ~ 1').response!, tb.columns.get('y')!.kind === 'numeric' ? (tb.columns.get('y') as { values: Float64Array }).values : new Float64Array(), tb, familyInfo('gaussian'))!;
    expect([...r.cens!]).toEqual([0, -1, 1, 2, 0, 0, -1, 0]);
    expect(r.y2![3]).toBe(5);
    const numeric = table({ y: [1, 2], c: [-1, 1] }, ['y'], ['c']);
    expect([...responseExtrasData({ column: 'y', cens: { column: 'c' } }, Float64Array.from([1, 2]), numeric, familyInfo('gaussian'))!.cens!]).toEqual([-1, 1]);
  });

  it('data errors name the column and the row', () => {
    const bad = (cols: Record<string, (string | number)[]>, formula: string) => thrown(DataError, () => compile({ formula }, cols));
    const e1 = bad({ ...data, c: ['none', 'lft', 'none', 'none', 'none', 'none', 'none', 'none'] }, 'y | cens(c) ~ 1');
    expect([e1.column, e1.row, e1.message]).toEqual(['c', 2, `column 'c' has censoring code "lft" at row 2; codes are left, none, right, interval or -1, 0, 1, 2`]);
    expect(bad(data, 'y | cens(c) ~ 1').row).toBe(4); // interval without y2
    const e3 = bad({ ...data, hi: [9, 9, 9, 3, 9, 9, 9, 9] }, 'y | cens(c, hi) ~ 1');
    expect([e3.column, e3.row]).toEqual(['hi', 4]);
    const e4 = bad({ ...data, w: [1, 1, -2, 1, 1, 1, 1, 1] }, 'y | weights(w) ~ 1');
    expect([e4.column, e4.row]).toEqual(['w', 3]);
    const e5 = bad(data, 'y | trunc(ub = 3) ~ 1');
    expect([e5.column, e5.row]).toEqual(['y', 4]);
  });

  it('compile once the data are valid; cens() only for the families brms allows', () => {
    for (const formula of ['y | cens(c, hi) ~ 1', 'y | trunc(lb = 0) ~ 1', 'y | weights(w) ~ 1']) expect(compile({ formula }, data).dimension).toBe(2);
    expect(() => compile({ formula: 'y | cens(c) ~ 1', family: 'bernoulli' }, { y: [0, 1], c: [0, 0] })).toThrow(/cens\(\) is not available for the bernoulli family/);
  });
});

describe('offset()', () => {
  it('is carried per predictor as the summed per-observation values', () => {
    const spec = validateSpec({ formula: 'y ~ 1 + x', nl: undefined });
    expect(spec.formula).toBe('y ~ 1 + x');
    expect(parseFormula('y ~ x + offset(log(w)) + offset(t)').rhs.offsets?.map((o) => o.text)).toEqual(['log(w)', 't']);
    expect(thrown(FormulaError, () => parseFormula('y ~ (1 + offset(t) | g)')).message).toMatch(/an offset cannot be in a group term/);
    expect(thrown(FormulaError, () => parseFormula('y ~ x - offset(t)')).message).toMatch(/cannot be removed/);
    expect(compile({ formula: 'y ~ 1 + offset(log(w))' }, data).dimension).toBe(2);
    expect(() => compile({ formula: 'y ~ 1 + offset(y)' }, data)).toThrow(/response 'y' also appears on the right-hand side, in term 'offset\(y\)'/);
  });
});

describe('group-term IDs', () => {
  const nl = { formula: 'y ~ A * exp(-k * t)', priors: [{ prior: 'normal(1, 1)', class: 'b', nlpar: 'A' }, { prior: 'normal(0, 1)', class: 'b', nlpar: 'k' }] };
  it('parses (terms | id | g); an ID after || is an error', () => {
    expect(parseFormula('y ~ (1 + x | p | g)').rhs.groups[0]).toMatchObject({ correlated: true, grouping: ['g'], id: 'p' });
    expect(thrown(FormulaError, () => parseFormula('y ~ (1 || p | g)')).message).toMatch(/an ID cannot follow '\|\|'/);
  });
  it('an ID shared across grouping factors names both terms; within one it joins the terms into one block', () => {
    const e = thrown(SpecError, () => compile({ ...nl, nl: { A: '1 + (1 | p | g)', k: '1 + (1 | p | h)' } }, data));
    expect(e.message).toBe("spec.nl.k: ID 'p' is shared by (1 | p | g) in nl.A and (1 | p | h) in nl.k, whose grouping factors differ ('g', 'h'); an ID joins terms of one grouping factor");
    expect(compile({ ...nl, nl: { A: '1 + (1 | p | g)', k: '1 + (1 | p | g)' } }, data).layout.joint.map((b) => b.Q)).toEqual([2]);
  });
});

describe('dpars, error, link, families, priors', () => {
  it('a dpar the family lacks lists the family\'s dpars', () => {
    expect(() => validateSpec({ formula: 'y ~ 1', family: 'poisson', dpars: { sigma: '1' } })).toThrow(/^spec\.dpars\.sigma: "sigma" is not a parameter of the poisson family; it has no distributional parameters besides the mean$/);
    expect(() => validateSpec({ formula: 'y ~ 1', family: 'zero_inflated_negbinomial', dpars: { hu: '1' } })).toThrow(/its distributional parameters: shape, zi$/);
  });
  it('a dpars formula is parsed into its own design and predictor', () => {
    const s = buildStructureOf({ formula: 'y ~ 1 + x', dpars: { sigma: '1 + x + (1 | g)' } }) as { predictors: { nlpar: string | null; dpar?: { name: string } }[] };
    expect(s).not.toBeInstanceOf(SpecError);
    expect(s.predictors.map((p) => p.dpar?.name ?? p.nlpar)).toEqual([null, 'sigma']);
  });
  it('error combined only for nonlinear gaussian models; links per family', () => {
    expect(() => validateSpec({ formula: 'y ~ x', error: 'combined' })).toThrow(/for nonlinear gaussian models \(with "nl"\), not a linear gaussian model/);
    expect(() => validateSpec({ formula: 'y ~ x', family: 'poisson', link: 'logit' })).toThrow(/^spec\.link: the poisson family has no link "logit"; its links: log, identity$/);
    expect(compile({ formula: 'y ~ x', family: 'bernoulli', link: 'probit' }, { y: [0, 1, 1], x: [1, 2, 3] }).family.link).toBe('probit');
  });
  it('new family names pass validation, check their responses, then are refused', () => {
    const beta = thrown(DataError, () => compile({ formula: 'y ~ 1', family: 'beta' }, { y: [0.5, 1.2] }));
    expect([beta.column, beta.row]).toEqual(['y', 2]);
    expect(() => checkResponseKind(familyInfo('gamma'), Float64Array.from([1, -2]), 'y')).toThrow(/gamma family needs a positive response, but 'y' is -2 at row 2/);
    expect(() => checkResponseKind(familyInfo('hurdle_poisson'), Float64Array.from([1, 2.5]), 'y')).toThrow(/a count \(a whole number >= 0\)/);
    expect(() => checkResponseKind(familyInfo('cumulative'), Float64Array.from([1, 2, 4]), 'y')).toThrow(/no observation of category 3/);
    expect(compile({ formula: 'y ~ 1', family: 'cumulative' }, { y: [1, 2, 3] }).dimension).toBe(2);
  });
  it('priors of the new classes and with dpar', () => {
    expect(() => validateSpec({ formula: 'y ~ 1', priors: [{ prior: 'normal(0, 1)', class: 'b', dpar: 'sigma' }] })).toThrow(/dpar "sigma" has no formula in "dpars"/);
    expect(() => compile({ formula: 'y ~ 1', priors: [{ prior: 'normal(0, 0.5)', class: 'ar' }] }, data)).toThrow(/class=ar\) matches no parameter: this model has no parameters of class ar/);
    expect(() => compile({ formula: 'y ~ 1', priors: [{ prior: 'normal(0, 0.5)', class: 'phi' }] }, data)).toThrow(/class=phi\) matches no parameter: this model has no parameters of class phi/);
  });
});

describe('autocor', () => {
  it('parses brms arguments, named and positional, with defaults', () => {
    expect(parseAutocor('ar(time = t, gr = g, p = 1)')).toEqual({ kind: 'ar', time: 't', gr: 'g', p: 1 });
    expect(parseAutocor('ar(t, g)')).toEqual(parseAutocor('ar(time = t, gr = g)'));
    expect(parseAutocor('ar()')).toEqual({ kind: 'ar', time: null, gr: null, p: 1 });
    expect(parseAutocor('car1(t, gr = g)')).toEqual({ kind: 'car1', time: 't', gr: 'g', p: 1 });
    expect(() => parseAutocor('ar(time = t, p = 2)')).toThrow(/only p = 1 is supported/);
    expect(() => parseAutocor('car1(gr = g)')).toThrow(/car1\(\) needs the time column/);
    expect(() => parseAutocor('ma(t)')).toThrow(FormulaError);
  });
  it('only on families with residuals', () => {
    expect(() => validateSpec({ formula: 'y ~ 1', family: 'poisson', autocor: 'ar(t, g)' })).toThrow(/autocor on a family without residuals: the poisson family has none/);
  });
  it('sorts by series then time (a permutation), whatever the data order', () => {
    const tb = table({ t: [3, 1, 2, 2, 1], g: ['a', 'a', 'b', 'a', 'b'] }, ['t'], [], ['g']);
    const a = autocorStructure(parseAutocor('car1(t, g)'), tb);
    expect([...a.order]).toEqual([1, 3, 0, 4, 2]);
    expect([...a.seriesStart]).toEqual([0, 3, 5]);
    expect(a.levels).toEqual(['a', 'b']);
  });
  it('time errors: ties name both rows; text and missing times name the row', () => {
    const ties = thrown(DataError, () => compile({ formula: 'y ~ 1', autocor: 'ar(t, g)' }, { ...data, t: [1, 2, 3, 1, 2, 2, 4, 5] }));
    expect(ties.message).toBe("time 2 of 't' occurs twice in series 'b' of 'g' (rows 5 and 6); autocor needs distinct times within a series");
    const text = thrown(DataError, () => compile({ formula: 'y ~ 1', autocor: 'ar(t, g)' }, { ...data, t: [1, 2, 'x', 1, 2, 3, 4, 5] }));
    expect([text.column, text.row]).toEqual(['t', 3]);
    const missing = thrown(DataError, () => compile({ formula: 'y ~ 1', autocor: 'car1(t, g)' }, { ...data, t: [1, 2, 3, 1, null as unknown as number, 3, 4, 5] }));
    expect([missing.column, missing.row]).toEqual(['t', 5]);
    expect(compile({ formula: 'y ~ 1', autocor: 'ar(t, g)' }, data).constrainedNames).toContain('ar[1]');
  });
});

function buildStructureOf(spec: Record<string, unknown>): unknown {
  try {
    return buildStructure(validateSpec(spec), data);
  } catch (e) {
    return e;
  }
}
