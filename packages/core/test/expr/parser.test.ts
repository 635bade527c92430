import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../src/errors.js';
import { MAX_DEPTH, evaluateExpression, parseExpression, printExpression, type ExprNode } from '../../src/expr/index.js';

const valueOf = (text: string, vars: Record<string, number> = {}): number =>
  evaluateExpression(parseExpression(text), (name) => new Float64Array([vars[name]!]), 1)[0]!;

function formulaError(text: string, offset = 0): FormulaError {
  try {
    parseExpression(text, offset);
  } catch (e) {
    expect(e).toBeInstanceOf(FormulaError);
    return e as FormulaError;
  }
  throw new Error(`expected "${text}" to fail`);
}

describe('parseExpression: precedence as in R', () => {
  it.each([
    ['-2^2', -4],
    ['2^3^2', 512],
    ['2^-1', 0.5],
    ['-2^-2', -0.25],
    ['1 - 2 - 3', -4],
    ['8 / 4 / 2', 1],
    ['2 * 3 + 4 * 5', 26],
    ['(2 + 3) * 4', 20],
    ['-3 * 2', -6],
    ['2 * -3', -6],
    ['- -2', 2],
    ['+2 * +3', 6],
    ['1e-3 * 1E3', 1],
    ['.5 + 1.', 1.5],
    ['2.5e+2', 250],
    ['10 - -2^2', 14],
    ['exp(0) + log(1) + sqrt(4) + pow(2, 3)', 11],
    ['inv_logit(0) + logit(0.5) + log1p(0) + expm1(0)', 0.5],
  ])('%s = %d', (text, expected) => {
    expect(valueOf(text)).toBeCloseTo(expected, 12);
  });

  it('builds the documented tree for -x^2 and a^b^c', () => {
    expect(parseExpression('-x^2')).toEqual({
      type: 'neg',
      arg: { type: 'binary', op: '^', left: { type: 'var', name: 'x' }, right: { type: 'num', value: 2 } },
    });
    const t = parseExpression('a^b^c') as Extract<ExprNode, { type: 'binary' }>;
    expect(t.right).toMatchObject({ type: 'binary', op: '^' });
  });

  it('reads names with dots, underscores and backquotes', () => {
    expect(parseExpression('x.1_a')).toEqual({ type: 'var', name: 'x.1_a' });
    expect(parseExpression('._a')).toEqual({ type: 'var', name: '._a' });
    expect(parseExpression('_a')).toEqual({ type: 'var', name: '_a' });
    expect(parseExpression('`my var` + 1')).toMatchObject({ left: { type: 'var', name: 'my var' } });
    expect(parseExpression('`a\\`b\\\\c`')).toEqual({ type: 'var', name: 'a`b\\c' });
    expect(valueOf('`weight (kg)` * 2', { 'weight (kg)': 3 })).toBe(6);
  });

  it('parses the nonlinear formula of the model spec', () => {
    const e = parseExpression('Asym / (1 + exp(-(age - xmid) / scal))');
    expect(valueOf(printExpression(e), { Asym: 200, age: 700, xmid: 700, scal: 350 })).toBeCloseTo(100, 12);
    expect(parseExpression('SSlogis(age, Asym, xmid, scal)')).toMatchObject({ type: 'call', name: 'SSlogis' });
  });
});

describe('parseExpression: errors', () => {
  it('reports position and expectation, shifted by the offset', () => {
    const e = formulaError('1 + * 2', 10);
    expect(e.position).toBe(14);
    expect(e.expected).toMatch(/number, a name/);
    expect(e.message).toMatch(/position 14/);
    expect(formulaError('a + (b * c', 0).position).toBe(10);
    expect(formulaError('a + (b * c', 0).expected).toMatch(/'\)' to close the '\(' at position 4/);
    expect(formulaError('a b').position).toBe(2);
    expect(formulaError('a $ b', 100).position).toBe(102);
    expect(formulaError('1e+', 5).position).toBe(8);
    expect(formulaError('`abc', 3).expected).toMatch(/closing backquote/);
    expect(formulaError('``').message).toMatch(/empty backquoted name/);
    expect(formulaError('   ').message).toMatch(/empty expression/);
    expect(formulaError('exp(1,)').position).toBe(6);
    expect(formulaError('(1))').expected).toMatch(/unbalanced/);
    expect(formulaError('1e999').message).toMatch(/too large/);
  });

  it('names an unknown function and lists the known ones', () => {
    const e = formulaError('2 * foo(x)', 7);
    expect(e.position).toBe(11);
    expect(e.message).toMatch(/unknown function 'foo'/);
    for (const known of ['exp', 'log', 'inv_logit', 'SSlogis', 'SSfol', 'Richards', 'vonBertalanffy']) expect(e.expected).toContain(known);
  });

  it('names the function on wrong arity', () => {
    const e = formulaError('1 + SSlogis(age, Asym, xmid)');
    expect(e.message).toMatch(/function 'SSlogis' takes 4 arguments but was given 3/);
    expect(e.position).toBe(4);
    expect(formulaError('exp()').message).toMatch(/'exp' takes 1 argument but was given 0/);
    expect(formulaError('pow(1)').message).toMatch(/'pow' takes 2/);
  });

  it('refuses absurd nesting with a FormulaError instead of overflowing the stack', () => {
    expect(formulaError('('.repeat(20_000) + 'x' + ')'.repeat(20_000)).message).toMatch(/nested too deeply/);
    expect(formulaError('-'.repeat(20_000) + 'x').message).toMatch(/nested too deeply/);
    expect(formulaError('2^'.repeat(20_000) + '2').message).toMatch(/nested too deeply/);
    expect(formulaError(Array(5000).fill('x').join(' + ')).message).toMatch(/nested too deeply/);
    expect(formulaError('exp('.repeat(5000) + 'x' + ')'.repeat(5000)).message).toMatch(/nested too deeply/);
    // the limit itself is usable
    expect(() => parseExpression(Array(MAX_DEPTH - 1).fill('x').join(' + '))).not.toThrow();
  });

  it('rejects non-string input with a FormulaError', () => {
    expect(() => parseExpression(42 as unknown as string)).toThrow(FormulaError);
  });
});
