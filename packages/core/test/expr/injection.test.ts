import { afterEach, describe, expect, it, vi } from 'vitest';
import { FormulaError, StrataError } from '../../src/errors.js';
import { compileNonlinear, evaluateExpression, parseExpression, printExpression, type ExprNode } from '../../src/expr/index.js';

/**
 * Formula text must never become code. Each hostile input either fails to parse with a typed error
 * or is an ordinary (nonexistent) variable name; nothing is executed and the generated source never
 * contains it.
 */
const HOSTILE = [
  'process.exit(0)',
  "require('fs')",
  'require("child_process").execSync("touch /tmp/pwned")',
  "constructor.constructor('return process')()",
  'a;process.exit(1)',
  '__proto__',
  'x`);',
  '`x`);process.exit(1)//`',
  'x); process.exit(1); (',
  '})(); process.exit(1); (function(){',
  'Math.constructor',
  'this',
  'globalThis.process',
  '`constructor`',
  '`__proto__` * `toString` + `valueOf`',
  '`process.exit(1)` + `require("fs")`',
  '`*/process.exit(1)/*`',
  'eval(x)',
  'Function(x)',
  '1e3.constructor',
  '\u2028process.exit(1)',
];

describe('no formula text is ever executed', () => {
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Error(`process.exit(${code}) was called`);
  }) as never);
  afterEach(() => expect(exit).not.toHaveBeenCalled());

  it.each(HOSTILE)('%s', (text) => {
    let tree;
    try {
      tree = parseExpression(text);
    } catch (e) {
      expect(e).toBeInstanceOf(FormulaError);
      return;
    }
    // parsed: every name is a plain variable; compile it with names as covariates and as parameters
    for (const isParam of [() => false, () => true]) {
      const model = compileNonlinear(tree, isParam);
      for (const name of [...model.params, ...model.covariates]) {
        if (name.length > 1) expect(model.source).not.toContain(name);
      }
      expect(model.source).not.toMatch(/\b(process|require|constructor|eval|Function|__proto__|this|globalThis|toString|valueOf|exit)\b/);
      const n = 2;
      const mu = new Float64Array(n);
      const dmu = model.params.map(() => new Float64Array(n));
      model.evaluate(model.covariates.map(() => new Float64Array(n).fill(1)), model.params.map(() => new Float64Array(n).fill(1)), n, mu, dmu);
      expect(mu.every(Number.isFinite)).toBe(true);
    }
    // tree-walking evaluation treats them as data columns looked up by name, nothing more
    const seen: string[] = [];
    evaluateExpression(tree, (name) => (seen.push(name), new Float64Array([2])), 1);
    expect(seen.length).toBeGreaterThan(0);
    expect(parseExpression(printExpression(tree))).toEqual(tree);
  });

  it('only identifiers the generator made appear in generated code', () => {
    const model = compileNonlinear(
      parseExpression('`weird name` * exp(-`a b` * t) + SSlogis(t, Asym, xmid, scal) + inv_logit(q) + logit(0.3) ^ 1.5 + t ^ q - 1e-7'),
      (name) => name !== 't',
    );
    const words = model.source.replace('"use strict";', '').match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
    const fixed = new Set(['return', 'function', 'evaluate', 'const', 'let', 'for', 'c', 'p', 'n', 'mu', 'd', 'i', 'Math', 'exp', 'log', '$pow', '$pw', 'fill', 'e', 'Infinity']);
    for (const w of words) expect(fixed.has(w) || /^[tacpdFAG]\d+$/.test(w), w).toBe(true);
    // x^y through the kernel's own engine-independent pow, never Math.pow (issue 15)
    expect(model.source).toContain('$pow($pw)');
    expect(model.source).not.toMatch(/Math\.pow/);
  });

  it('hostile names in hand-built trees are errors or plain names, never code', () => {
    const hostileCall: ExprNode = { type: 'call', name: 'process.exit', args: [{ type: 'num', value: 0 }] };
    expect(() => compileNonlinear(hostileCall, () => true)).toThrow(StrataError);
    const m = compileNonlinear({ type: 'var', name: "'); process.exit(1); ('" }, () => true);
    expect(m.source).not.toContain('process');
  });
});
