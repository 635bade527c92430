import type { ExprNode } from './ast.js';
import { quoteName } from './identifiers.js';

/**
 * Prints an expression with the fewest parentheses that parse back to the same tree:
 * parseExpression(printExpression(e)) deep-equals e for every tree the parser produces.
 * Trees built by hand may hold numbers the parser never makes (negative, non-finite); those print as
 * `-2`, `(1/0)`, `(0/0)` (parenthesised where needed), which parse back to equal values though not to
 * the same tree (-2 parses as the negation of 2).
 */
const enum Level {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Power = 4,
  Primary = 5,
}

export function printExpression(node: ExprNode): string {
  return print(node);
}

function levelOf(node: ExprNode): Level {
  switch (node.type) {
    case 'num': // a negative number prints as a unary minus
      return node.value < 0 || Object.is(node.value, -0) ? Level.Unary : Level.Primary;
    case 'var':
    case 'call':
      return Level.Primary;
    case 'neg':
      return Level.Unary;
    case 'binary':
      return node.op === '+' || node.op === '-' ? Level.Sum : node.op === '^' ? Level.Power : Level.Product;
  }
}

/** Prints `node` where the grammar expects at least `min`; parenthesises when it binds more loosely. */
function printAt(node: ExprNode, min: Level): string {
  const text = print(node);
  return levelOf(node) < min ? `(${text})` : text;
}

function print(node: ExprNode): string {
  switch (node.type) {
    case 'num':
      return printNumber(node.value);
    case 'var':
      return quoteName(node.name);
    case 'call':
      return `${quoteName(node.name)}(${node.args.map((a) => print(a)).join(', ')})`;
    case 'neg':
      return `-${printAt(node.arg, Level.Unary)}`;
    case 'binary':
      switch (node.op) {
        case '+':
        case '-':
          return `${printAt(node.left, Level.Sum)} ${node.op} ${printAt(node.right, Level.Product)}`;
        case '*':
        case '/':
          return `${printAt(node.left, Level.Product)} ${node.op} ${printAt(node.right, Level.Unary)}`;
        case '^':
          return `${printAt(node.left, Level.Primary)}^${printAt(node.right, Level.Unary)}`;
      }
  }
}

function printNumber(v: number): string {
  if (Number.isNaN(v)) return '(0/0)';
  if (v === Infinity) return '(1/0)';
  if (v === -Infinity) return '-(1/0)';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}
