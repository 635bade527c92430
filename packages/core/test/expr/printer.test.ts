import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../src/errors.js';
import { evaluateExpression, parseExpression, printExpression, type ExprNode } from '../../src/expr/index.js';
import { parsedExpr } from './arbitraries.js';

describe('printExpression', () => {
  it('parse(print(e)) deep-equals e for parser-shaped trees', () => {
    fc.assert(
      fc.property(parsedExpr, (e) => {
        expect(parseExpression(printExpression(e))).toEqual(e);
      }),
      { numRuns: 1500 },
    );
  });

  it('print(parse(s)) is a fixed point of print . parse', () => {
    fc.assert(
      fc.property(parsedExpr, (e) => {
        const once = printExpression(e);
        expect(printExpression(parseExpression(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['a / (b * c)', 'a / (b * c)'],
    ['(a^b)^c', '(a^b)^c'],
    ['a^(b^c)', 'a^b^c'],
    ['(-a)^2', '(-a)^2'],
    ['-(a^2)', '-a^2'],
    ['-(a * b)', '-(a * b)'],
    ['(-a) * b', '-a * b'],
    ['a^(-b)', 'a^-b'],
    ['a^(b * c)', 'a^(b * c)'],
    ['`x y` + `1a`', '`x y` + `1a`'],
    ['f.d1 + .x', 'f.d1 + .x'],
  ])('prints %s minimally as %s', (input, expected) => {
    expect(printExpression(parseExpression(input))).toBe(expected);
  });

  it('prints numbers the parser never makes as equal-valued text', () => {
    const col = (): Float64Array => new Float64Array(1);
    const cases: Array<[ExprNode, number]> = [
      [{ type: 'binary', op: '^', left: { type: 'num', value: -2 }, right: { type: 'num', value: 2 } }, 4],
      [{ type: 'binary', op: '-', left: { type: 'num', value: 1 }, right: { type: 'num', value: -1 } }, 2],
      [{ type: 'num', value: 1e-300 }, 1e-300],
      [{ type: 'num', value: Infinity }, Infinity],
    ];
    for (const [tree, value] of cases) {
      expect(evaluateExpression(parseExpression(printExpression(tree)), col, 1)[0]).toBe(value);
    }
    expect(Number.isNaN(evaluateExpression(parseExpression(printExpression({ type: 'num', value: NaN })), col, 1)[0])).toBe(true);
  });
});

describe('parser robustness', () => {
  // plain checks rather than expect(): this runs 10,000 times
  const check = (text: string): void => {
    let tree: ExprNode;
    try {
      tree = parseExpression(text, 7);
    } catch (err) {
      if (!(err instanceof FormulaError)) throw err;
      if (err.position < 7 || err.position > 7 + text.length) throw new Error(`position ${err.position} outside the text for ${JSON.stringify(text)}`);
      if (err.expected.length === 0) throw new Error(`no expectation for ${JSON.stringify(text)}`);
      return;
    }
    // anything accepted must also print and re-parse to the same tree
    expect(parseExpression(printExpression(tree))).toEqual(tree);
  };

  it('throws nothing but FormulaError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40, unit: 'binary' }), check), { numRuns: 4000 });
  });

  it('throws nothing but FormulaError on token soup', () => {
    const token = fc.constantFrom(
      'x', 'a.b', '_q', '1', '0.5', '1e-3', '.5', '2e', '`n m`', '`', '\\', '(', ')', ',', '+', '-', '*', '/', '^', ' ',
      'exp', 'log', 'pow', 'SSlogis', 'SSfol', 'foo', 'exp(', 'pow(1,', 'SSlogis(1,2,3,', '=', '~', '|', ';', "'", '"', '\n',
    );
    fc.assert(fc.property(fc.array(token, { maxLength: 30 }).map((t) => t.join('')), check), { numRuns: 6000 });
  });
});
