import { SpecError } from '../errors.js';
import { pow } from '../math/pow.js';
import type { ExprNode } from './ast.js';
import { resolveFunction, scalarEvaluator } from './resolve.js';

/**
 * Vectorised evaluation at setup time (e.g. the column of `I(x^2)`): returns a new array of length n.
 * `columns(name)` supplies each variable's values (it may throw its own DataError for unknown names).
 * Non-finite results are returned as they are (NaN, +-Inf); callers decide whether that is an error.
 */
export function evaluateExpression(node: ExprNode, columns: (name: string) => Float64Array, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new SpecError(`number of rows must be a non-negative integer, got ${String(n)}`);
  return evalNode(node, columns, n);
}

function evalNode(node: ExprNode, columns: (name: string) => Float64Array, n: number): Float64Array {
  switch (node.type) {
    case 'num':
      return new Float64Array(n).fill(node.value);
    case 'var': {
      const col = columns(node.name);
      if (!(col instanceof Float64Array) || col.length < n)
        throw new SpecError(`variable '${node.name}' must supply a Float64Array of at least ${n} values`);
      return col.slice(0, n);
    }
    case 'neg': {
      const out = evalNode(node.arg, columns, n);
      for (let i = 0; i < n; i++) out[i] = -out[i]!;
      return out;
    }
    case 'binary': {
      const a = evalNode(node.left, columns, n);
      const b = evalNode(node.right, columns, n);
      switch (node.op) {
        case '+':
          for (let i = 0; i < n; i++) a[i] = a[i]! + b[i]!;
          break;
        case '-':
          for (let i = 0; i < n; i++) a[i] = a[i]! - b[i]!;
          break;
        case '*':
          for (let i = 0; i < n; i++) a[i] = a[i]! * b[i]!;
          break;
        case '/':
          for (let i = 0; i < n; i++) a[i] = a[i]! / b[i]!;
          break;
        case '^':
          for (let i = 0; i < n; i++) a[i] = pow(a[i]!, b[i]!);
          break;
        default:
          throw new SpecError(`unknown operator '${String((node as { op: unknown }).op)}'`);
      }
      return a;
    }
    case 'call': {
      const f = resolveFunction(node.name);
      if (!f) throw new SpecError(`unknown function '${node.name}'`);
      if (node.args.length !== f.arity) throw new SpecError(`function '${node.name}' takes ${f.arity} arguments but was given ${node.args.length}`);
      const scalar = scalarEvaluator(f);
      const cols = node.args.map((a) => evalNode(a, columns, n));
      const args = new Array<number>(cols.length);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < cols.length; j++) args[j] = cols[j]![i]!;
        out[i] = scalar(args);
      }
      return out;
    }
    default:
      throw new SpecError(`unknown expression node type '${String((node as { type: unknown }).type)}'`);
  }
}
