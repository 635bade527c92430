import { FormulaError } from '../errors.js';
import type { BinaryOp, ExprNode } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { knownFunctionNames, resolveFunction } from './resolve.js';

/**
 * Recursive-descent parser for the expression language, with R's precedence (loosest first):
 *   sum     := product (('+' | '-') product)*          left-associative
 *   product := unary (('*' | '/') unary)*              left-associative
 *   unary   := ('-' | '+') unary | power               so -2^2 = -(2^2) = -4
 *   power   := primary ('^' unary)?                    right-associative; 2^-1 and 2^3^2 = 2^9 work
 *   primary := number | name | name '(' args ')' | '(' sum ')'
 * Unary plus is dropped. Nesting deeper than MAX_DEPTH is refused with a FormulaError so that no
 * input can exhaust the stack here or in the printer / differentiator / code generator.
 */
export const MAX_DEPTH = 200;

export function parseExpression(text: string, offset = 0): ExprNode {
  if (typeof text !== 'string') throw new FormulaError('expression must be a string', String(text), offset, 'a string');
  return new Parser(text, offset).parseAll();
}

const START_OF_OPERAND = "a number, a name, '(' or '-'";

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Depth of every node built, so long operator chains count toward the limit too. */
  private readonly depths = new WeakMap<ExprNode, number>();
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly offset: number,
  ) {
    this.tokens = tokenize(text, offset);
  }

  parseAll(): ExprNode {
    if (this.peek().kind === 'end') this.fail('empty expression', this.peek(), 'an expression');
    const node = this.parseSum();
    const next = this.peek();
    if (next.kind !== 'end') {
      const expected = next.kind === ')' ? "an operator or the end (unbalanced ')')" : 'an operator (+ - * / ^) or the end of the expression';
      this.fail(`unexpected ${describe(next)}`, next, expected);
    }
    return node;
  }

  private parseSum(): ExprNode {
    let left = this.parseProduct();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      this.index++;
      left = this.binary(t, left, this.parseProduct());
    }
  }

  private parseProduct(): ExprNode {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      this.index++;
      left = this.binary(t, left, this.parseUnary());
    }
  }

  private parseUnary(): ExprNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.index++;
      this.enter(t);
      const arg = this.parseUnary();
      this.nesting--;
      if (t.text === '+') return arg;
      const node: ExprNode = { type: 'neg', arg };
      this.record(node, t, this.depthOf(arg) + 1);
      return node;
    }
    return this.parsePower();
  }

  private parsePower(): ExprNode {
    const base = this.parsePrimary();
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== '^') return base;
    this.index++;
    this.enter(t);
    const exponent = this.parseUnary();
    this.nesting--;
    return this.binary(t, base, exponent);
  }

  private parsePrimary(): ExprNode {
    const t = this.peek();
    switch (t.kind) {
      case 'num': {
        this.index++;
        const node: ExprNode = { type: 'num', value: t.value };
        this.record(node, t, 1);
        return node;
      }
      case 'name': {
        this.index++;
        if (this.peek().kind === '(') return this.parseCall(t);
        const node: ExprNode = { type: 'var', name: t.text };
        this.record(node, t, 1);
        return node;
      }
      case '(': {
        this.index++;
        this.enter(t);
        const inner = this.parseSum();
        this.nesting--;
        this.expect(')', "')' to close the '(' at position " + (t.pos + this.offset));
        return inner;
      }
      case 'end':
        return this.fail('unexpected end of expression', t, START_OF_OPERAND);
      default:
        return this.fail(`unexpected ${describe(t)}`, t, START_OF_OPERAND);
    }
  }

  private parseCall(nameToken: Token): ExprNode {
    const name = nameToken.text;
    const resolved = resolveFunction(name);
    if (!resolved) {
      this.fail(`unknown function '${name}'`, nameToken, `one of the known functions: ${knownFunctionNames().join(', ')}`);
    }
    this.index++; // '('
    this.enter(nameToken);
    const args: ExprNode[] = [];
    let depth = 1;
    if (this.peek().kind !== ')') {
      for (;;) {
        const arg = this.parseSum();
        args.push(arg);
        depth = Math.max(depth, this.depthOf(arg) + 1);
        const t = this.peek();
        if (t.kind === ',') {
          this.index++;
          continue;
        }
        if (t.kind === ')') break;
        this.fail(`unexpected ${describe(t)} in the arguments of '${name}'`, t, "',' or ')'");
      }
    }
    this.index++; // ')'
    this.nesting--;
    const arity = resolved!.arity;
    if (args.length !== arity) {
      this.fail(
        `function '${name}' takes ${arity} argument${arity === 1 ? '' : 's'} but was given ${args.length}`,
        nameToken,
        `${arity} argument${arity === 1 ? '' : 's'}`,
      );
    }
    const node: ExprNode = { type: 'call', name, args };
    this.record(node, nameToken, depth);
    return node;
  }

  private binary(t: Token, left: ExprNode, right: ExprNode): ExprNode {
    const node: ExprNode = { type: 'binary', op: t.text as BinaryOp, left, right };
    this.record(node, t, Math.max(this.depthOf(left), this.depthOf(right)) + 1);
    return node;
  }

  private record(node: ExprNode, at: Token, depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`expression is nested too deeply (more than ${MAX_DEPTH} levels)`, at, 'a shallower expression');
    this.depths.set(node, depth);
  }

  private depthOf(node: ExprNode): number {
    return this.depths.get(node) ?? 1;
  }

  private enter(at: Token): void {
    if (++this.nesting > MAX_DEPTH) this.fail(`expression is nested too deeply (more than ${MAX_DEPTH} levels)`, at, 'a shallower expression');
  }

  private expect(kind: Token['kind'], expected: string): void {
    const t = this.peek();
    if (t.kind !== kind) this.fail(t.kind === 'end' ? 'unexpected end of expression' : `unexpected ${describe(t)}`, t, expected);
    this.index++;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private fail(message: string, at: Token, expected: string): never {
    throw new FormulaError(message, this.text, at.pos + this.offset, expected);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'num':
      return `number ${t.text}`;
    case 'name':
      return `name '${t.text}'`;
    case 'end':
      return 'end of expression';
    default:
      return `'${t.text}'`;
  }
}
