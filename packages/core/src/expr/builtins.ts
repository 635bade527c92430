import type { ExprNode } from './ast.js';
import { SpecError } from '../errors.js';
import { invLogit } from '../families/special.js';
import { pow as enginePow } from '../math/pow.js';
import { add, call, div, mul, num, ONE, pow, sub } from './build.js';

/**
 * Built-in elementary functions of the expression language. Each knows its value, its symbolic partial
 * derivatives (for `differentiate`) and fixed code templates (for the code generator: only `Math.*`,
 * operators and the temporaries it is handed ever appear; `^` is the generator's own, through `$pow`).
 * `abs`, `min`, `max` and friends are left out on purpose: they are not differentiable everywhere,
 * which breaks gradient-based samplers.
 */
export interface Builtin {
  name: string;
  arity: number;
  argNames: string[];
  value(args: readonly number[]): number;
  /** d self / d args[j] as an expression; `self` is the call node itself (reused, e.g. exp' = exp). */
  partial(args: readonly ExprNode[], self: ExprNode, j: number): ExprNode;
  /** JavaScript for the value, given the code of the arguments (temporaries or formatted numbers). */
  valueCode(args: readonly string[]): string;
  /** JavaScript for `adjoint * d self / d args[j]`; `self` is the temporary holding the value. */
  adjointCode(adjoint: string, args: readonly string[], self: string, j: number): string;
}

/** Partial derivatives of a^b, shared by `^` and `pow`. */
export function powerPartial(a: ExprNode, b: ExprNode, self: ExprNode, j: number): ExprNode {
  if (j === 0) return b.type === 'num' ? mul(b, pow(a, num(b.value - 1))) : mul(b, pow(a, sub(b, ONE)));
  return mul(self, call('log', [a]));
}

/**
 * Code for adjoint * d(a^b)/da (j = 0) or d(a^b)/db (j = 1), `self` holding a^b. d/da = b a^(b-1) is
 * written b self / a, so it needs no second power; at a = 0, where that is 0/0, a^(b-1) is its
 * limit: 0 for b > 1, 1 for b = 1, Infinity below (as ECMAScript's pow(0, b - 1) gives for +0).
 */
export function powerAdjointCode(adjoint: string, a: string, b: string, bConst: number | null, self: string, j: number, fmt: (x: number) => string): string {
  if (j === 1) return `${adjoint} * ${self} * Math.log(${a})`;
  if (bConst === 2) return `${adjoint} * 2 * ${a}`;
  if (bConst === null) return `${adjoint} * ${b} * (${a} === 0 ? (${b} > 1 ? 0 : ${b} === 1 ? 1 : Infinity) : ${self} / ${a})`;
  const atZero = bConst > 1 ? '0' : bConst === 1 ? '1' : 'Infinity';
  return `${adjoint} * ${fmt(bConst)} * (${a} === 0 ? ${atZero} : ${self} / ${a})`;
}

const powIsBinary = (): never => {
  throw new SpecError('internal: pow() reaches code generation as ^ (simplifyExpression rewrites it)');
};

const unary = (
  name: string,
  value: (x: number) => number,
  partial: (u: ExprNode, self: ExprNode) => ExprNode,
  valueCode: (u: string) => string,
  adjointCode: (a: string, u: string, self: string) => string,
): Builtin => ({
  name,
  arity: 1,
  argNames: ['x'],
  value: (args) => value(args[0]!),
  partial: (args, self) => partial(args[0]!, self),
  valueCode: (args) => valueCode(args[0]!),
  adjointCode: (a, args, self) => adjointCode(a, args[0]!, self),
});

const BUILTIN_LIST: Builtin[] = [
  unary('exp', Math.exp, (_u, self) => self, (u) => `Math.exp(${u})`, (a, _u, t) => `${a} * ${t}`),
  unary('log', Math.log, (u) => div(ONE, u), (u) => `Math.log(${u})`, (a, u) => `${a} / ${u}`),
  unary('log1p', Math.log1p, (u) => div(ONE, add(ONE, u)), (u) => `Math.log1p(${u})`, (a, u) => `${a} / (1 + ${u})`),
  unary('expm1', Math.expm1, (u) => call('exp', [u]), (u) => `Math.expm1(${u})`, (a, _u, t) => `${a} * (${t} + 1)`),
  unary('sqrt', Math.sqrt, (_u, self) => div(num(0.5), self), (u) => `Math.sqrt(${u})`, (a, _u, t) => `${a} * 0.5 / ${t}`),
  unary(
    'inv_logit',
    invLogit,
    (_u, self) => mul(self, sub(ONE, self)),
    // exp of a non-positive number only, so neither branch overflows
    (u) => `(${u} >= 0 ? 1 / (1 + Math.exp(-${u})) : Math.exp(${u}) / (1 + Math.exp(${u})))`,
    (a, _u, t) => `${a} * ${t} * (1 - ${t})`,
  ),
  unary(
    'logit',
    (x) => Math.log(x / (1 - x)),
    (u) => div(ONE, mul(u, sub(ONE, u))),
    (u) => `Math.log(${u} / (1 - ${u}))`,
    (a, u) => `${a} / (${u} * (1 - ${u}))`,
  ),
  {
    name: 'pow',
    arity: 2,
    argNames: ['x', 'y'],
    value: (args) => enginePow(args[0]!, args[1]!),
    partial: (args, self, j) => powerPartial(args[0]!, args[1]!, self, j),
    // pow calls are rewritten to `^` before code generation (its code is in expression-code.ts)
    valueCode: powIsBinary,
    adjointCode: powIsBinary,
  },
];

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(BUILTIN_LIST.map((b) => [b.name, b]));

export function isBuiltinName(name: string): boolean {
  return BUILTINS.has(name);
}
