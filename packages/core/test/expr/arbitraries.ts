import fc from 'fast-check';
import type { ExprNode } from '../../src/expr/index.js';

/** Shared generators and numeric helpers for the expression tests. */

const v = (name: string): ExprNode => ({ type: 'var', name });
const n = (value: number): ExprNode => ({ type: 'num', value });
const bin = (op: '+' | '-' | '*' | '/' | '^', left: ExprNode, right: ExprNode): ExprNode => ({ type: 'binary', op, left, right });
const call = (name: string, ...args: ExprNode[]): ExprNode => ({ type: 'call', name, args });
const square = (e: ExprNode): ExprNode => bin('^', e, n(2));
/** e^2 + c: strictly positive, for log / sqrt / denominators / positive library arguments. */
const positive = (e: ExprNode, c = 0.5): ExprNode => bin('+', square(e), n(c));

export const COVARIATES = ['x', 'y'] as const;
export const PARAMS = ['a', 'b', 'c'] as const;

/**
 * Random expressions over covariates x, y and parameters a, b, c that stay in every function's
 * domain: logs, roots and denominators only see e^2 + c; exponents of variable powers are bounded.
 */
export const safeExpr: fc.Arbitrary<ExprNode> = fc.letrec<{ e: ExprNode }>((tie) => {
  const e = tie('e');
  const leaf = fc.oneof(
    fc.constantFrom(...COVARIATES, ...PARAMS).map(v),
    fc.integer({ min: 1, max: 30 }).map((k) => n(k / 10)),
  );
  return {
    e: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      leaf,
      fc.tuple(fc.constantFrom('+', '-', '*' as const), e, e).map(([op, l, r]) => bin(op, l, r)),
      e.map((x) => ({ type: 'neg', arg: x }) as ExprNode),
      fc.tuple(e, e).map(([l, r]) => bin('/', l, positive(r, 1))),
      fc.tuple(e, fc.constantFrom(2, 3)).map(([x, k]) => bin('^', x, n(k))),
      fc.tuple(e, e).map(([l, r]) => bin('^', positive(l, 1), call('inv_logit', r))),
      fc.tuple(e, e).map(([l, r]) => call('pow', positive(l, 1), call('inv_logit', r))),
      e.map((x) => call('sqrt', positive(x))),
      e.map((x) => call('log', positive(x))),
      e.map((x) => call('log1p', square(x))),
      e.map((x) => call('exp', call('inv_logit', x))),
      e.map((x) => call('exp', { type: 'neg', arg: square(x) })),
      e.map((x) => call('expm1', call('inv_logit', x))),
      e.map((x) => call('inv_logit', x)),
      e.map((x) => call('logit', call('inv_logit', x))),
      fc.tuple(e, e, e, e).map(([x, A, m, s]) => call('SSlogis', x, A, m, positive(s, 0.5))),
      fc.tuple(e, e, e, e, e).map(([x, A, B, m, s]) => call('SSfpl', x, A, B, m, positive(s, 0.5))),
      fc.tuple(e, e, e).map(([x, V, K]) => call('SSmicmen', square(x), V, positive(K, 0.5))),
      fc.tuple(e, e, e, e).map(([x, A, R0, l]) => call('SSasymp', x, A, R0, call('inv_logit', l))),
      fc.tuple(e, e, e, e).map(([t, L, K, t0]) => call('vonBertalanffy', t, L, call('inv_logit', K), t0)),
      fc.tuple(e, e, e, e, e).map(([x, A, m, s, nu]) => call('Richards', x, A, m, positive(s, 0.5), positive(nu, 0.3))),
      fc.tuple(e, e, e, e, e).map(([D, t, ke, ka, cl]) => call('SSfol', D, square(t), call('inv_logit', ke), call('inv_logit', ka), cl)),
    ),
  };
}).e;

const bareName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,6}$/);
/** Any non-empty name; those that are not bare identifiers get printed in backquotes. */
const anyName = fc.oneof(bareName, fc.string({ minLength: 1, maxLength: 6 }));
const FUNCTIONS: Array<[string, number]> = [
  ['exp', 1], ['log', 1], ['sqrt', 1], ['inv_logit', 1], ['pow', 2], ['SSlogis', 4], ['SSmicmen', 3], ['SSbiexp', 5],
];

/** Trees of the shape the parser produces (non-negative finite numbers, any names, any nesting). */
export const parsedExpr: fc.Arbitrary<ExprNode> = fc.letrec<{ e: ExprNode }>((tie) => {
  const e = tie('e');
  const number = fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  );
  return {
    e: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      number.map(n),
      anyName.map(v),
      e.map((x) => ({ type: 'neg', arg: x }) as ExprNode),
      fc.tuple(fc.constantFrom('+', '-', '*', '/', '^' as const), e, e).map(([op, l, r]) => bin(op, l, r)),
      fc.constantFrom(...FUNCTIONS).chain(([name, arity]) => fc.array(e, { minLength: arity, maxLength: arity }).map((args) => call(name, ...args))),
    ),
  };
}).e;

/** d f / d x_j by Richardson-extrapolated central differences (error O(h^4)). */
export function numericDerivative(f: (x: number[]) => number, x: number[], j: number, h = 1e-3): number {
  const step = h * Math.max(1, Math.abs(x[j]!));
  const q = (s: number): number => {
    const xp = x.slice();
    const xm = x.slice();
    xp[j] = x[j]! + s;
    xm[j] = x[j]! - s;
    return (f(xp) - f(xm)) / (2 * s);
  };
  return (4 * q(step / 2) - q(step)) / 3;
}

/** |a - b| within rel of the larger magnitude, plus a small absolute floor tied to the function's size. */
export function closeTo(a: number, b: number, rel: number, scale = 1): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-3 * Math.max(scale, 1e-3));
}
