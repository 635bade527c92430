import { SpecError } from '../errors.js';
import type { ExprNode } from './ast.js';
import { powerPartial } from './builtins.js';
import { add, binary, call, div, mul, neg, num, ONE, pow, sub, ZERO } from './build.js';
import { partialName, resolveFunction } from './resolve.js';

/**
 * Symbolic derivative d node / d name by the hand-written rule of each operator and function, built
 * with the simplifying constructors of build.ts (so 0*x, 1*x, x+0 and constant subterms vanish).
 * Library functions differentiate to calls of their partials, `F.d<k>(args)` (see resolve.ts); those
 * have no derivative of their own, so differentiating twice through a library call is a SpecError.
 */
export function differentiate(node: ExprNode, name: string): ExprNode {
  // simplify first so that reused subterms (x in d(x*y)/dy) are already folded
  return derive(simplifyExpression(node), name);
}

function derive(node: ExprNode, name: string): ExprNode {
  switch (node.type) {
    case 'num':
      return ZERO;
    case 'var':
      return node.name === name ? ONE : ZERO;
    case 'neg':
      return neg(derive(node.arg, name));
    case 'binary': {
      const { left: a, right: b } = node;
      const da = derive(a, name);
      const db = derive(b, name);
      switch (node.op) {
        case '+':
          return add(da, db);
        case '-':
          return sub(da, db);
        case '*':
          return add(mul(da, b), mul(a, db));
        case '/':
          return sub(div(da, b), div(mul(a, db), pow(b, num(2))));
        case '^':
          return add(mul(powerPartial(a, b, node, 0), da), isZero(db) ? ZERO : mul(powerPartial(a, b, node, 1), db));
        default:
          throw new SpecError(`unknown operator '${String((node as { op: unknown }).op)}'`);
      }
    }
    case 'call':
      return differentiateCall(node, name);
    default:
      throw new SpecError(`unknown expression node type '${String((node as { type: unknown }).type)}'`);
  }
}

function differentiateCall(node: Extract<ExprNode, { type: 'call' }>, name: string): ExprNode {
  const f = resolveFunction(node.name);
  if (!f) throw new SpecError(`unknown function '${node.name}'`);
  if (node.args.length !== f.arity) throw new SpecError(`function '${node.name}' takes ${f.arity} arguments but was given ${node.args.length}`);
  let total = ZERO;
  node.args.forEach((arg, j) => {
    const d = derive(arg, name);
    if (isZero(d)) return;
    let partial: ExprNode;
    switch (f.kind) {
      case 'builtin':
        partial = f.builtin.partial(node.args, node, j);
        break;
      case 'library':
        partial = call(partialName(f.fn, j), node.args);
        break;
      case 'partial':
        throw new SpecError(`'${node.name}' is a derivative of a library function and cannot be differentiated again (with respect to '${name}')`);
    }
    total = add(total, mul(partial, d));
  });
  return total;
}

const isZero = (n: ExprNode): boolean => n.type === 'num' && n.value === 0;

/**
 * Rebuilds a tree through the simplifying constructors: folds constant subterms and removes the
 * identities listed in build.ts. Does not change what the expression computes at finite points.
 */
export function simplifyExpression(node: ExprNode): ExprNode {
  switch (node.type) {
    case 'num':
    case 'var':
      return node;
    case 'neg':
      return neg(simplifyExpression(node.arg));
    case 'binary':
      return binary(node.op, simplifyExpression(node.left), simplifyExpression(node.right));
    case 'call': {
      const args = node.args.map(simplifyExpression);
      if (node.name === 'pow' && args.length === 2) return pow(args[0]!, args[1]!);
      return call(node.name, args);
    }
    default:
      throw new SpecError(`unknown expression node type '${String((node as { type: unknown }).type)}'`);
  }
}

