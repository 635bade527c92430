import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../src/errors.js';
import type { Rhs, Term } from '../../src/formula/index.js';
import { termLabel } from '../../src/formula/index.js';
import { parseFormula, parseResponse, parseRhs, printFormula, printRhs, splitFormula } from '../../src/formula/index.js';
import { thrown } from '../data/expect-error.js';

/** Terms as 'a:b' labels, for compact assertions. */
const labels = (terms: Term[]): string[] => terms.map(termLabel);
const rhsOf = (text: string): Rhs => parseFormula(text).rhs;
const formulaError = (fn: () => unknown): FormulaError => thrown(FormulaError, fn);

describe('parseFormula: response and intercept', () => {
  it('parses y ~ 1 + x', () => {
    expect(parseFormula('y ~ 1 + x')).toEqual({
      response: { column: 'y' },
      rhs: { intercept: true, terms: [{ factors: [{ kind: 'column', name: 'x' }] }], groups: [] },
    });
  });

  it('has an intercept unless removed with 0 + / - 1 / + 0; the last one written wins', () => {
    expect(rhsOf('y ~ x').intercept).toBe(true);
    expect(rhsOf('y ~ 0 + x').intercept).toBe(false);
    expect(rhsOf('y ~ x - 1').intercept).toBe(false);
    expect(rhsOf('y ~ -1 + x').intercept).toBe(false);
    expect(rhsOf('y ~ x + 0').intercept).toBe(false);
    expect(rhsOf('y ~ 1 + x').intercept).toBe(true);
    expect(rhsOf('y ~ 0 + x + 1').intercept).toBe(true);
    expect(rhsOf('y ~ x - 0').intercept).toBe(true);
    expect(rhsOf('y ~ 1').terms).toEqual([]);
  });

  it('accepts a one-sided formula', () => {
    expect(parseFormula('~ x').response).toBeNull();
  });

  it('parses response extras se() and trials() with a column or a whole number', () => {
    expect(parseFormula('y | se(sigma) ~ 1').response).toEqual({ column: 'y', se: 'sigma' });
    expect(parseFormula('k | trials(n) ~ 1').response).toEqual({ column: 'k', trials: 'n' });
    expect(parseFormula('k | trials(10) ~ 1').response).toEqual({ column: 'k', trials: 10 });
    expect(parseResponse('y | se(s) + trials(n)')).toEqual({ column: 'y', se: 's', trials: 'n' });
    expect(parseResponse('  ')).toBeNull();
  });

  it('rejects bad response extras with their position', () => {
    expect(formulaError(() => parseFormula('y | mi(w) ~ 1')).position).toBe(4);
    expect(formulaError(() => parseFormula('k | trials(2.5) ~ 1')).message).toMatch(/whole number/);
    expect(formulaError(() => parseFormula('y | se(s) + se(t) ~ 1')).message).toMatch(/se\(\) given twice at position 12/);
    const e = formulaError(() => parseFormula('y x ~ 1'));
    expect(e.position).toBe(2);
    expect(e.expected).toBe("'|' or the '~'");
  });
});

describe('parseFormula: terms', () => {
  it('reads identifiers R-style (letters, digits, _ and .) and backquoted names', () => {
    expect(labels(rhsOf('y ~ log_radon + x.2 + .hidden + `weird name` + `a\\`b`').terms)).toEqual(['log_radon', 'x.2', '.hidden', 'weird name', 'a`b']);
  });

  it('expands a*b and a*b*c, ordering terms by degree', () => {
    expect(labels(rhsOf('y ~ a*b').terms)).toEqual(['a', 'b', 'a:b']);
    expect(labels(rhsOf('y ~ a*b*c').terms)).toEqual(['a', 'b', 'c', 'a:b', 'a:c', 'b:c', 'a:b:c']);
    expect(labels(rhsOf('y ~ a:b + a').terms)).toEqual(['a', 'a:b']);
  });

  it('supports parentheses, nesting with /, powers and removal with -', () => {
    expect(labels(rhsOf('y ~ (a + b)*c').terms)).toEqual(['a', 'b', 'c', 'a:c', 'b:c']);
    expect(labels(rhsOf('y ~ (a + b):c').terms)).toEqual(['a:c', 'b:c']);
    expect(labels(rhsOf('y ~ a/b').terms)).toEqual(['a', 'a:b']);
    expect(labels(rhsOf('y ~ (a + b)/c').terms)).toEqual(['a', 'b', 'a:b:c']);
    expect(labels(rhsOf('y ~ (a + b + c)^2').terms)).toEqual(['a', 'b', 'c', 'a:b', 'a:c', 'b:c']);
    expect(labels(rhsOf('y ~ a*b - a:b').terms)).toEqual(['a', 'b']);
  });

  it('merges duplicate terms (b:a is a:b, a:a is a)', () => {
    expect(labels(rhsOf('y ~ a + a + a:b + b:a + a:a').terms)).toEqual(['a', 'a:b']);
  });

  it('parses I(expr) with the expression parser and canonical text', () => {
    const [term] = rhsOf('y ~ I( x ^ 2 )').terms;
    expect(term.factors[0]).toEqual({
      kind: 'I',
      text: 'x^2',
      expr: { type: 'binary', op: '^', left: { type: 'var', name: 'x' }, right: { type: 'num', value: 2 } },
    });
    expect(labels(rhsOf('y ~ I(x^2) + I(x ^ 2) + I(log(z) * (a + b))').terms)).toEqual(['I(x^2)', 'I(log(z) * (a + b))']);
    expect(labels(rhsOf('y ~ x:I(x^2)').terms)).toEqual(['x:I(x^2)']);
  });

  it('treats a column named I as a column when no parenthesis follows', () => {
    expect(labels(rhsOf('y ~ I + x').terms)).toEqual(['I', 'x']);
  });
});

describe('parseFormula: group terms', () => {
  it('parses (x | g) with an implicit intercept, and (0 + x | g)', () => {
    expect(rhsOf('y ~ 1 + (x | g)').groups).toEqual([
      { rhs: { intercept: true, terms: [{ factors: [{ kind: 'column', name: 'x' }] }], groups: [] }, correlated: true, grouping: ['g'] },
    ]);
    expect(rhsOf('y ~ (0 + x | g)').groups[0].rhs.intercept).toBe(false);
  });

  it('marks (x || g) uncorrelated', () => {
    expect(rhsOf('y ~ (1 + x || g)').groups[0].correlated).toBe(false);
  });

  it('expands nesting (1 | a/b) into (1 | a) + (1 | a:b), and a/b/c into three levels', () => {
    expect(rhsOf('y ~ (1 | a/b)').groups.map((g) => g.grouping)).toEqual([['a'], ['a', 'b']]);
    expect(rhsOf('y ~ (1 | a/b/c)').groups.map((g) => g.grouping)).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c']]);
    expect(rhsOf('y ~ (1 | a:b/c)').groups.map((g) => g.grouping)).toEqual([['a', 'b'], ['a', 'b', 'c']]);
    expect(printRhs(rhsOf('y ~ (1 | a/b)'))).toBe('1 + (1 | a) + (1 | a:b)');
  });

  it('parses interaction grouping (1 | a:b) and crossed groups', () => {
    expect(rhsOf('y ~ (1 | a:b)').groups.map((g) => g.grouping)).toEqual([['a', 'b']]);
    expect(rhsOf('y ~ (1 | s) + (1 | item)').groups.map((g) => g.grouping)).toEqual([['s'], ['item']]);
  });

  it('merges duplicate group terms, including ones written differently', () => {
    expect(rhsOf('y ~ (1 + x | g) + (x + 1 | g) + (1 | g/g)').groups.length).toBe(2);
  });

  it('expands interactions inside group terms', () => {
    expect(labels(rhsOf('y ~ (a*b | g)').groups[0].rhs.terms)).toEqual(['a', 'b', 'a:b']);
  });
});

describe('parseRhs and splitFormula', () => {
  it('parses stage-2 right-hand sides of nonlinear parameters', () => {
    expect(parseRhs('1 + (1 | Tree)')).toEqual({
      intercept: true,
      terms: [],
      groups: [{ rhs: { intercept: true, terms: [], groups: [] }, correlated: true, grouping: ['Tree'] }],
    });
    expect(labels(parseRhs('1 + Sex').terms)).toEqual(['Sex']);
  });

  it('splits a formula at its ~, ignoring ~ in backquoted names', () => {
    const text = 'circumference ~ Asym / (1 + exp(-(age - xmid) / scal))';
    const split = splitFormula(text);
    expect(split.lhs).toBe('circumference ');
    expect(split.rhs).toBe(' Asym / (1 + exp(-(age - xmid) / scal))');
    expect(text.slice(split.rhsOffset)).toBe(split.rhs);
    expect(splitFormula('`a~b` ~ x').lhs).toBe('`a~b` ');
  });
});

describe('parse errors: FormulaError with position and expectation', () => {
  const cases: [string, number, RegExp][] = [
    ['y ~ x + )', 8, /^unexpected '\)' at position 8 \(expected a term\)/],
    ['y ~ ', 4, /^unexpected end of formula at position 4 \(expected a term\)/],
    ['y ~ x +', 7, /unexpected end of formula/],
    ['y ~ (x | g', 10, /expected ':', '\/' or '\)'/],
    ['y ~ (1 + x', 10, /expected '\+', '-', '\*', '\/', ':', '\|' or '\)'/],
    ['y ~ x y', 6, /unexpected 'y' .*expected '\+', '-', '\*', '\/', ':' or the end of the formula/],
    ['y ~ log(x)', 4, /function 'log' cannot be used/],
    ['y ~ 2', 4, /number 2 is not a term/],
    ['y ~ 1:x', 4, /number 1 cannot be used with ':'/],
    ['y ~ (1 | g):x', 4, /a group term cannot be used with ':'/],
    ['y ~ x - (1 | g)', 8, /cannot be removed/],
    ['y ~ ((1 | g) | h)', 13, /group terms cannot be nested/],
    ['y ~ (0 | g)', 7, /group term has no effects/],
    ['y ~ (1 | 2)', 9, /expected a grouping column name/],
    ['y ~ (1 | I(x))', 9, /expected a grouping column name/],
    ['y ~ x ~ z', 6, /second '~'/],
    ['y + x', 5, /missing '~'/],
    ['y ~ x $ z', 6, /unexpected character "\$"/],
    ['y ~ `unterminated', 17, /unterminated backquoted name/],
    ['y ~ ``', 4, /empty backquoted name/],
    ['y ~ I(x^2', 9, /unclosed 'I\('/],
    ['y ~ .', 4, /'\.' \(all other columns\) is not supported/],
    ['y ~ a^x', 6, /whole number from 1 to 10/],
    ['y ~ I(x +)', 9, /unexpected end/],
  ];
  it.each(cases)('%s', (text, position, message) => {
    const e = formulaError(() => parseFormula(text));
    expect(e.position).toBe(position);
    expect(e.message).toMatch(message);
    expect(e.expected.length).toBeGreaterThan(0);
  });

  it('refuses exponential expansions and deep nesting quickly', () => {
    const many = Array.from({ length: 12 }, (_, i) => `v${i}`).join('*');
    expect(formulaError(() => parseFormula(`y ~ ${many}`)).message).toMatch(/more than 1000 terms/);
    expect(formulaError(() => parseFormula(`y ~ ${'('.repeat(5000)}x${')'.repeat(5000)}`)).message).toMatch(/nested too deeply/);
  });

  it('rejects non-string input with a FormulaError', () => {
    expect(() => parseFormula(42 as never)).toThrow(FormulaError);
    expect(() => parseRhs(undefined as never)).toThrow(FormulaError);
  });
});

describe('printFormula', () => {
  it('prints canonical text', () => {
    expect(printFormula(parseFormula('distance~age*Sex+(age|Subject)'))).toBe('distance ~ 1 + age + Sex + age:Sex + (1 + age | Subject)');
    expect(printFormula(parseFormula('y|se(s)~-1+`a b`'))).toBe('y | se(s) ~ 0 + `a b`');
    expect(printFormula(parseFormula('k | trials(10) ~ (x || g)'))).toBe('k | trials(10) ~ 1 + (1 + x || g)');
    expect(printFormula(parseFormula('~ I(x^2)'))).toBe('~ 1 + I(x^2)');
  });
});
