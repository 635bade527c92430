/**
 * Inlines library functions that have an `expansion` (functions/types.ts) into the expression tree:
 * `SSasymp(t, Asym, R0, lrc)` becomes `Asym + (R0 - Asym) * exp(-exp(lrc) * t)` with the call's
 * argument trees in place of the argument names. The model compiler then differentiates, simplifies
 * and hoists those terms with the rest of the formula (e.g. exp(lrc) once per evaluation, exp(-k t)
 * once per distinct time) instead of calling the function's `fill` per observation. Functions
 * without an expansion (SSfol, Richards, ..., whose closed forms need care the language cannot
 * express) and user-registered functions stay calls.
 */
import type { ExprNode } from './ast.js';
import { parseExpression } from './parser.js';
import { resolveFunction } from './resolve.js';

const parsed = new Map<string, ExprNode>();

function expansionTree(text: string): ExprNode {
  let tree = parsed.get(text);
  if (!tree) {
    tree = parseExpression(text);
    parsed.set(text, tree);
  }
  return tree;
}

/** The tree with argument names replaced by the call's arguments (the expansion's only variables). */
function substitute(node: ExprNode, args: ReadonlyMap<string, ExprNode>): ExprNode {
  switch (node.type) {
    case 'num':
      return node;
    case 'var': {
      const a = args.get(node.name);
      if (!a) throw new Error(`internal: expansion variable ${node.name} is not an argument`);
      return a;
    }
    case 'neg':
      return { type: 'neg', arg: substitute(node.arg, args) };
    case 'binary':
      return { type: 'binary', op: node.op, left: substitute(node.left, args), right: substitute(node.right, args) };
    case 'call':
      return { type: 'call', name: node.name, args: node.args.map((a) => substitute(a, args)) };
  }
}

/** A copy of `node` with every expandable library call inlined (the input tree is not changed). */
export function inlineLibraryCalls(node: ExprNode): ExprNode {
  switch (node.type) {
    case 'num':
    case 'var':
      return node;
    case 'neg':
      return { type: 'neg', arg: inlineLibraryCalls(node.arg) };
    case 'binary':
      return { type: 'binary', op: node.op, left: inlineLibraryCalls(node.left), right: inlineLibraryCalls(node.right) };
    case 'call': {
      const args = node.args.map(inlineLibraryCalls);
      const f = resolveFunction(node.name);
      if (f?.kind === 'library' && f.fn.expansion !== undefined && args.length === f.fn.arity) {
        return substitute(expansionTree(f.fn.expansion), new Map(f.fn.argNames.map((name, k) => [name, args[k]!] as const)));
      }
      return { type: 'call', name: node.name, args };
    }
  }
}
