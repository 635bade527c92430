import { pow as enginePow } from '../math/pow.js';
import type { BinaryOp, ExprNode } from './ast.js';

/**
 * Smart constructors that simplify as they build: constant folding (when the result is finite) and the
 * identities 0+x, x-0, 0*x, 1*x, x/1, 0/x, x^1, x^0, --x. Symbolic derivatives are built only through
 * these so they stay small. Note 0*x -> 0 drops NaN/Inf that x might produce; that is the usual
 * convention of symbolic differentiation (the value itself is still computed from the original tree).
 */
export const num = (value: number): ExprNode => ({ type: 'num', value });
export const variable = (name: string): ExprNode => ({ type: 'var', name });
export const ZERO = num(0);
export const ONE = num(1);

/** True when n is the number v (deliberately not a type guard: false does not mean "not a number"). */
export const isNum = (n: ExprNode, v: number): boolean => n.type === 'num' && n.value === v;

function fold(value: number, otherwise: () => ExprNode): ExprNode {
  return Number.isFinite(value) ? num(value) : otherwise();
}

const raw = (op: BinaryOp, left: ExprNode, right: ExprNode): ExprNode => ({ type: 'binary', op, left, right });

export function neg(a: ExprNode): ExprNode {
  if (a.type === 'num') return num(a.value === 0 ? 0 : -a.value);
  if (a.type === 'neg') return a.arg;
  return { type: 'neg', arg: a };
}

export function add(a: ExprNode, b: ExprNode): ExprNode {
  if (a.type === 'num' && b.type === 'num') return fold(a.value + b.value, () => raw('+', a, b));
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (b.type === 'neg') return sub(a, b.arg);
  return raw('+', a, b);
}

export function sub(a: ExprNode, b: ExprNode): ExprNode {
  if (a.type === 'num' && b.type === 'num') return fold(a.value - b.value, () => raw('-', a, b));
  if (isNum(b, 0)) return a;
  if (isNum(a, 0)) return neg(b);
  if (b.type === 'neg') return add(a, b.arg);
  return raw('-', a, b);
}

export function mul(a: ExprNode, b: ExprNode): ExprNode {
  if (a.type === 'num' && b.type === 'num') return fold(a.value * b.value, () => raw('*', a, b));
  if (isNum(a, 0) || isNum(b, 0)) return ZERO;
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  if (isNum(a, -1)) return neg(b);
  if (isNum(b, -1)) return neg(a);
  if (a.type === 'neg' && b.type === 'neg') return mul(a.arg, b.arg);
  if (a.type === 'neg') return neg(mul(a.arg, b));
  if (b.type === 'neg') return neg(mul(a, b.arg));
  // a * (1/b) -> a / b
  if (b.type === 'binary' && b.op === '/' && isNum(b.left, 1)) return div(a, b.right);
  if (a.type === 'binary' && a.op === '/' && isNum(a.left, 1)) return div(b, a.right);
  // keep constants in front: 2 * x rather than x * 2
  if (b.type === 'num') return raw('*', b, a);
  return raw('*', a, b);
}

export function div(a: ExprNode, b: ExprNode): ExprNode {
  if (a.type === 'num' && b.type === 'num') return fold(a.value / b.value, () => raw('/', a, b));
  if (isNum(a, 0) && !isNum(b, 0)) return ZERO;
  if (isNum(b, 1)) return a;
  if (isNum(b, -1)) return neg(a);
  if (a.type === 'neg') return neg(div(a.arg, b));
  if (b.type === 'neg') return neg(div(a, b.arg));
  return raw('/', a, b);
}

export function pow(a: ExprNode, b: ExprNode): ExprNode {
  if (a.type === 'num' && b.type === 'num') return fold(enginePow(a.value, b.value), () => raw('^', a, b));
  if (isNum(b, 1)) return a;
  if (isNum(b, 0)) return ONE;
  return raw('^', a, b);
}

export function call(name: string, args: ExprNode[]): ExprNode {
  return { type: 'call', name, args };
}

export function binary(op: BinaryOp, a: ExprNode, b: ExprNode): ExprNode {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return sub(a, b);
    case '*':
      return mul(a, b);
    case '/':
      return div(a, b);
    case '^':
      return pow(a, b);
  }
}
