/** compile(): messages for specs that parse but do not make a model, and formula errors in context. */
import { describe, expect, it } from 'vitest';
import { compile, FormulaError, SpecError } from '../../src/index.js';
import { thrown } from '../data/expect-error.js';

const data = { y: [1, 2, 3, 4], x: [1, 2, 3, 5], g: ['a', 'b', 'a', 'b'], t: [1, 2, 3, 4] };

describe('formula syntax errors cite the position once, in the whole formula', () => {
  const cases: [formula: string, position: number, nl?: Record<string, string>][] = [
    ['y ~ 1 + (x | g', 14], // expected text holds ')' (it broke a regex that stripped the position)
    ['y ~ 1 + foo(x)', 8],
    ['y ~ 1 + I(x', 11],
    ['y | se( ~ 1', 8],
    ['y ~ x + + (1 | g)', 8],
    ['y ~ a * (x', 10, { a: '1' }],
  ];
  it.each(cases)('%s', (formula, position, nl) => {
    const e = thrown(FormulaError, () => compile({ formula, ...(nl ? { nl } : {}) }, data));
    expect(e.position).toBe(position);
    expect(e.source).toBe(formula);
    expect(e.message.match(/at position \d+ \(expected/g)).toHaveLength(1);
    expect(e.message.split(' in "')).toHaveLength(2);
    expect(e.message.endsWith(`at position ${position} (expected ${e.expected}) in "${formula}"`)).toBe(true);
  });
});

describe('a growth function without "nl"', () => {
  // model-spec.md gives SSlogis(...) with the same "nl" block and no defaults for its parameters.
  const orange = { circumference: [30, 58, 87, 115], age: [118, 484, 664, 1004], Tree: ['1', '1', '2', '2'] };
  it('says to give its parameters (the names that are not data columns) in "nl"', () => {
    const e = thrown(SpecError, () => compile({ formula: 'circumference ~ SSlogis(age, Asym, xmid, scal)' }, orange));
    expect(e.path).toBe('spec.nl');
    expect(e.message).toContain('SSlogis(...) is a nonlinear function: give its parameters Asym, xmid, scal in "nl", e.g. "nl": {"Asym": "1", "xmid": "1", "scal": "1"}');
  });
  it('still compiles with "nl"', () => {
    const model = compile({ formula: 'circumference ~ SSlogis(age, Asym, xmid, scal)', nl: { Asym: '1', xmid: '1', scal: '1' } }, orange);
    expect(model.constrainedNames).toContain('b_Asym_Intercept');
  });
  it('leaves the formula error of an unknown function alone', () => {
    expect(thrown(FormulaError, () => compile({ formula: 'y ~ 1 + foo(x)' }, data)).message).toMatch(/function 'foo' cannot be used in a formula term/);
  });
});

describe('a nonlinear parameter named like a data column', () => {
  it('is refused, naming both', () => {
    const e = thrown(SpecError, () => compile({ formula: 'y ~ t * exp(-b2 * exp(-b3 * t))', nl: { t: '1', b2: '1', b3: '1' } }, data));
    expect(e.path).toBe('spec.nl.t');
    expect(e.message).toContain("'t' is both a nonlinear parameter in nl and a data column; rename the parameter");
  });
});

describe('the centred parameterisation with a correlated term', () => {
  it('suggests the uncorrelated term in formula syntax', () => {
    const e = thrown(SpecError, () => compile({ formula: 'y ~ 1 + (1 + x | g)', parameterization: 'centered' }, data));
    expect(e.message).toContain('write (1 + x || g) or use the default non-centred one');
  });
});

describe('the response on the right-hand side', () => {
  const cases: [formula: string, term: string, nl?: Record<string, string>][] = [
    ['y ~ 1 + y', "in term 'y'"],
    ['y ~ 1 + x:y', "in term 'x:y'"],
    ['y ~ 1 + x * y', "in term 'y'"],
    ['y ~ 1 + I(y^2)', "in term 'I(y^2)'"],
    ['y ~ 1 + (1 + y | g)', "in group term '(1 + y | g)'"],
    ['y ~ 1 + (1 | y)', "in group term '(1 | y)'"],
    ['y ~ a * y', 'in the nonlinear formula', { a: '1' }],
    ['y ~ a * x', `in term 'y' of the formula of nonlinear parameter "a"`, { a: '1 + y' }],
  ];
  it.each(cases)('%s is refused, naming the term', (formula, where, nl) => {
    const e = thrown(SpecError, () => compile({ formula, ...(nl ? { nl } : {}) }, data));
    expect(e.message).toContain(`the response 'y' also appears on the right-hand side, ${where}; a column cannot predict itself`);
  });
  it('a predictor named like the response with se() is not confused with it', () => {
    expect(() => compile({ formula: 'y | se(x) ~ 1 + x' }, data)).not.toThrow();
  });
});
