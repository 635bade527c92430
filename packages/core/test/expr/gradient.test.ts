import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNonlinear, differentiate, evaluateExpression, parseExpression, printExpression, type ExprNode } from '../../src/expr/index.js';
import { COVARIATES, PARAMS, closeTo, numericDerivative, safeExpr } from './arbitraries.js';

const NAMES: readonly string[] = [...COVARIATES, ...PARAMS];
const isParam = (name: string): boolean => (PARAMS as readonly string[]).includes(name);

/** Scalar evaluation through the independent (tree-walking) evaluator. */
function scalar(e: ExprNode, values: number[]): number {
  return evaluateExpression(e, (name) => new Float64Array([values[NAMES.indexOf(name)]!]), 1)[0]!;
}

const point = fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 5, maxLength: 5 });

describe('derivatives agree with central finite differences', () => {
  it('compiled reverse-mode gradient and symbolic differentiate() (random expressions)', () => {
    let checked = 0;
    fc.assert(
      fc.property(safeExpr, point, (e, values) => {
        const f0 = scalar(e, values);
        if (!Number.isFinite(f0) || Math.abs(f0) > 1e6) return; // overflow of nested exp; skipped and counted
        const model = compileNonlinear(e, isParam);
        const cov = model.covariates.map((c) => new Float64Array([values[NAMES.indexOf(c)]!]));
        const phi = model.params.map((p) => new Float64Array([values[NAMES.indexOf(p)]!]));
        const mu = new Float64Array(1);
        const dmu = model.params.map(() => new Float64Array(1));
        model.evaluate(cov, phi, 1, mu, dmu);
        expect(closeTo(mu[0]!, f0, 1e-12, Math.abs(f0))).toBe(true);
        model.params.forEach((p, k) => {
          const j = NAMES.indexOf(p);
          const fd = numericDerivative((x) => scalar(e, x), values, j, 1e-4);
          // finite differences are only trusted where two very different steps agree (no sharp features)
          const coarse = numericDerivative((x) => scalar(e, x), values, j, 1e-3);
          if (!closeTo(fd, coarse, 1e-7, Math.abs(f0))) return;
          const symbolic = scalar(differentiate(e, p), values);
          const ok = closeTo(dmu[k]![0]!, fd, 1e-6, Math.abs(f0)) && closeTo(symbolic, fd, 1e-6, Math.abs(f0));
          if (!ok) throw new Error(`d/d${p} of ${printExpression(e)} at ${values}: compiled ${dmu[k]![0]}, symbolic ${symbolic}, numeric ${fd}`);
          checked++;
        });
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(300);
  });

  it('d(u^b)/du at u = 0 is its limit (b u^(b-1): 0 for b > 1), not 0/0 from b u^b / u', () => {
    const model = compileNonlinear(parseExpression('(a * x)^3 + (a * x)^2.5 + (a * x)^c'), isParam);
    const cov = model.covariates.map(() => new Float64Array([0, 2]));
    const phi = model.params.map((p) => new Float64Array(p === 'a' ? [0.7, 0.7] : [1.5, 1.5]));
    const mu = new Float64Array(2);
    const dmu = model.params.map(() => new Float64Array(2));
    model.evaluate(cov, phi, 2, mu, dmu);
    const da = dmu[model.params.indexOf('a')]!;
    expect(da[0]).toBe(0);
    const u = 1.4; // a x at the second observation: d/da = x (3 u^2 + 2.5 u^1.5 + 1.5 u^0.5)
    expect(da[1]).toBeCloseTo(2 * (3 * u ** 2 + 2.5 * u ** 1.5 + 1.5 * u ** 0.5), 12);
    expect(mu[1]).toBeCloseTo(u ** 3 + u ** 2.5 + u ** 1.5, 12);
  });

  it('handles many observations with different parameter values in one call', () => {
    const e = parseExpression('SSlogis(x, a, b, exp(c)) + a * exp(-b * x) / (1 + c^2)');
    const model = compileNonlinear(e, isParam);
    const n = 50;
    const x = Float64Array.from({ length: n }, (_, i) => i / 10);
    const phi = [0, 1, 2].map((k) => Float64Array.from({ length: n }, (_, i) => Math.sin(i + k)));
    const mu = new Float64Array(n);
    const dmu = model.params.map(() => new Float64Array(n));
    model.evaluate([x], phi, n, mu, dmu);
    for (let i = 0; i < n; i++) {
      const vals = [x[i]!, 0, phi[0]![i]!, phi[1]![i]!, phi[2]![i]!];
      expect(mu[i]).toBeCloseTo(scalar(e, vals), 12);
      model.params.forEach((p, k) => {
        expect(closeTo(dmu[k]![i]!, numericDerivative((v) => scalar(e, v), vals, NAMES.indexOf(p)), 1e-7)).toBe(true);
      });
    }
  });
});

describe('differentiate: rules and simplification', () => {
  const d = (text: string, name: string): string => printExpression(differentiate(parseExpression(text), name));
  it.each([
    ['x^2', 'x', '2 * x'],
    ['3 * x', 'x', '3'],
    ['x * 3 + 0 * y', 'x', '3'],
    ['a + b', 'c', '0'],
    ['x - y', 'y', '-1'],
    ['exp(2 * x)', 'x', '2 * exp(2 * x)'],
    ['log(x)', 'x', '1 / x'],
    ['a * x + b', 'a', 'x'],
    ['1 / x', 'x', '-(1 / x^2)'],
    ['-x', 'x', '-1'],
    ['x^y', 'y', 'x^y * log(x)'],
  ])('d(%s)/d%s = %s', (text, name, expected) => {
    expect(d(text, name)).toBe(expected);
  });

  it('folds constants and produces calls of library partials', () => {
    expect(d('2^3 * x', 'x')).toBe('8');
    expect(d('SSlogis(t, A, m, s)', 'A')).toBe('SSlogis.d2(t, A, m, s)');
    expect(d('SSlogis(t, 2 * A, m, s)', 'A')).toBe('2 * SSlogis.d2(t, 2 * A, m, s)');
    expect(d('SSlogis(t, A, m, s)', 'z')).toBe('0');
  });

  it('refuses a second derivative through a library function', () => {
    const first = differentiate(parseExpression('SSlogis(t, A, m, s)'), 'A');
    expect(() => differentiate(first, 'A')).toThrow(/cannot be differentiated again/);
    expect(() => compileNonlinear(first, (n) => n === 'A')).toThrow(/no second derivatives/);
    // with respect to something it does not contain it is fine
    expect(printExpression(differentiate(first, 'q'))).toBe('0');
  });
});
