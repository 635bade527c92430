/**
 * Recursive-descent parser for lme4/brms formulas. Operators, loosest first (as in R):
 *   sum         := ['+' | '-'] product (('+' | '-') product)*
 *   product     := interaction (('*' | '/') interaction)*       a*b = a + b + a:b,  a/b = a + a:b
 *   interaction := power (':' power)*
 *   power       := atom ['^' whole number]                       (a + b)^2 = a + b + a:b
 *   atom        := name | I(expr) | poly(name, k [, raw = TRUE]) | offset(expr) | 0 | 1 | '(' sum ')'
 *                | '(' sum ('|' | '||' | '|' id '|') grouping ')'
 *   grouping    := names joined by ':' (interaction) and '/' (nesting: a/b = a + a:b)
 * The response side is parsed by response-parser.ts.
 * Terms are expanded as they are parsed, so the result is the final list of model terms.
 */
import { FormulaError } from '../errors.js';
import { parseExpression, printExpression } from '../expr/index.js';
import type { ExprNode } from '../expr/index.js';
import type { Formula, GroupTerm, Offset, Response, Rhs, Term, Variable } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { TokenCursor } from './cursor.js';
import { ResponseParser } from './response-parser.js';
import { byDegree, cross, difference, interact, makeTerm, nest, union } from './terms.js';

/** Limits that keep every input cheap: no deep recursion, no exponential term expansion. */
const MAX_NESTING = 100;
const MAX_TERMS = 1000;
const MAX_POWER = 10;

const A_TERM = 'a term';
const AFTER_TERM = "'+', '-', '*', '/', ':' or the end of the formula";

/** A parsed (sub)sum before defaults are applied; `intercept` is undefined when not written. */
interface Part {
  intercept?: boolean;
  terms: Term[];
  groups: GroupTerm[];
  offsets: Offset[];
}


type Operand = { kind: 'number'; value: number; token: Token } | { kind: 'part'; part: Part; token: Token };

/** Parse `response ~ terms` (or `~ terms`). */
export function parseFormula(text: string): Formula {
  requireString(text);
  const tilde = findTilde(text);
  const response = new ResponseParser(text, tokenize(text, 0, tilde), "'~'").response();
  const rhs = new Parser(text, tokenize(text, tilde + 1, text.length)).rhs();
  return { response, rhs };
}

/**
 * Parse a right-hand side such as "1 + Sex + (1 | Tree)" (the stage-2 formulas of nonlinear models),
 * or the part of `text` from `start` on (a formula's right side: errors then cite the whole formula).
 */
export function parseRhs(text: string, start = 0): Rhs {
  requireString(text);
  return new Parser(text, tokenize(text, start, text.length)).rhs();
}

/**
 * Parse a left-hand side such as "y", "y | se(s)" or "y | trials(10)"; blank text gives null. With
 * `end`, only text[0, end) is parsed (a formula's left side, ending at its '~').
 */
export function parseResponse(text: string, end = text.length): Response | null {
  requireString(text);
  return new ResponseParser(text, tokenize(text, 0, end), end < text.length ? "'~'" : 'end of response').response();
}

/**
 * Split a formula at its '~' without parsing either side (a nonlinear formula's right side is an
 * expression, parsed by the expression parser at `rhsOffset` so its errors point into `text`).
 */
export function splitFormula(text: string): { lhs: string; rhs: string; rhsOffset: number } {
  requireString(text);
  const tilde = findTilde(text);
  return { lhs: text.slice(0, tilde), rhs: text.slice(tilde + 1), rhsOffset: tilde + 1 };
}

function requireString(text: unknown): asserts text is string {
  if (typeof text !== 'string') throw new FormulaError(`a formula must be text, not ${typeof text}`, String(text), 0, 'a string');
}

/** Position of the one '~' outside backquoted names. */
function findTilde(text: string): number {
  let tilde = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '`') {
      for (i++; i < text.length && text[i] !== '`'; i++) if (text[i] === '\\') i++;
    } else if (ch === '~') {
      if (tilde !== -1) throw new FormulaError("unexpected second '~'", text, i, "a single '~' between the response and the terms");
      tilde = i;
    }
  }
  if (tilde === -1) throw new FormulaError("missing '~'", text, text.length, "'~' between the response and the terms");
  return tilde;
}

class Parser extends TokenCursor {
  private nesting = 0;

  rhs(): Rhs {
    const part = this.sum();
    this.expectEnd(AFTER_TERM);
    const rhs: Rhs = { intercept: part.intercept ?? true, terms: byDegree(part.terms), groups: part.groups };
    if (part.offsets.length > 0) rhs.offsets = part.offsets;
    return rhs;
  }

  private sum(): Part {
    const part: Part = { terms: [], groups: [], offsets: [] };
    let sign: '+' | '-' = '+';
    const lead = this.peek();
    if (lead.kind === '+' || lead.kind === '-') {
      sign = lead.kind;
      this.index++;
    }
    for (;;) {
      this.apply(part, sign, this.product());
      const next = this.peek();
      if (next.kind !== '+' && next.kind !== '-') return part;
      sign = next.kind;
      this.index++;
    }
  }

  /** Add or remove one operand (an intercept literal, terms, group terms) to a sum. */
  private apply(part: Part, sign: '+' | '-', operand: Operand): void {
    if (operand.kind === 'number') {
      const { value, token } = operand;
      if (value !== 0 && value !== 1) this.fail(`number ${token.text} is not a term`, token, "a term ('0' or '1' for the intercept, or a column)");
      // +1 and -0 ask for an intercept, +0 and -1 remove it; the last one written wins.
      part.intercept = (sign === '+') === (value === 1);
      return;
    }
    const other = operand.part;
    if (sign === '+') {
      if (other.intercept !== undefined) part.intercept = other.intercept;
      part.terms = this.limit(union(part.terms, other.terms), operand.token);
      part.groups = mergeGroups(part.groups, other.groups);
      for (const o of other.offsets) if (!part.offsets.some((p) => p.text === o.text)) part.offsets.push(o);
      return;
    }
    if (other.groups.length > 0) this.fail("a group term cannot be removed with '-'", operand.token, 'terms to remove');
    if (other.offsets.length > 0) this.fail("an offset cannot be removed with '-'", operand.token, 'terms to remove');
    if (other.intercept !== undefined) this.fail("'0' or '1' inside parentheses cannot be removed with '-'", operand.token, 'terms to remove');
    part.terms = difference(part.terms, other.terms);
  }

  private product(): Operand {
    let left = this.interaction();
    for (let op = this.peek(); op.kind === '*' || op.kind === '/'; op = this.peek()) {
      this.index++;
      const right = this.interaction();
      const a = this.termsOf(left, op);
      const b = this.termsOf(right, op);
      this.limitSize(a.length + b.length + a.length * b.length, op);
      left = this.combined(op.kind === '*' ? cross(a, b) : nest(a, b), left.token);
    }
    return left;
  }

  private interaction(): Operand {
    let left = this.power();
    for (let op = this.peek(); op.kind === ':'; op = this.peek()) {
      this.index++;
      const right = this.power();
      const a = this.termsOf(left, op);
      const b = this.termsOf(right, op);
      this.limitSize(a.length * b.length, op);
      left = this.combined(interact(a, b), left.token);
    }
    return left;
  }

  private power(): Operand {
    const base = this.atom();
    const op = this.peek();
    if (op.kind !== '^') return base;
    this.index++;
    const exponent = this.peek();
    const k = Number(exponent.text);
    if (exponent.kind !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_POWER) {
      this.fail(`unexpected ${this.describe(exponent)}`, exponent, `a whole number from 1 to ${MAX_POWER} after '^'`);
    }
    this.index++;
    const terms = this.termsOf(base, op);
    let result = terms;
    for (let i = 1; i < k; i++) {
      this.limitSize(result.length + terms.length + result.length * terms.length, op);
      result = cross(result, terms);
    }
    return this.combined(result, base.token);
  }

  private atom(): Operand {
    const token = this.peek();
    switch (token.kind) {
      case 'name': {
        const name = this.columnName(A_TERM);
        const next = this.peek();
        if (name === 'poly' && !token.quoted && next.kind === '(') return this.combined([makeTerm([this.poly(token)])], token);
        if (next.kind === '(' && next.pos === token.end) {
          this.fail(`function '${name}' cannot be used in a formula term`, token, `I(...) around a transformation, e.g. I(${name}(x))`);
        }
        return this.combined([makeTerm([{ kind: 'column', name }])], token);
      }
      case 'I': {
        this.index++;
        const expr = this.expression(token);
        return this.combined([makeTerm([{ kind: 'I', text: printExpression(expr), expr }])], token);
      }
      case 'offset': {
        this.index++;
        const expr = this.expression(token);
        return { kind: 'part', part: { terms: [], groups: [], offsets: [{ text: printExpression(expr), expr }] }, token };
      }
      case 'number':
        this.index++;
        return { kind: 'number', value: Number(token.text), token };
      case '(':
        return { kind: 'part', part: this.parenthesised(), token };
      default:
        return this.fail(`unexpected ${this.describe(token)}`, token, A_TERM);
    }
  }

  /** The expression inside I(...); its errors are re-issued against the whole formula text. */
  private expression(token: Token): ExprNode {
    try {
      return parseExpression(token.text, token.innerPos);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      throw new FormulaError(e.detail, this.source, e.position, e.expected);
    }
  }

  /** The arguments of poly( after its name: a column, the degree, optionally `raw = TRUE` / `raw = FALSE` (T and F too). */
  private poly(token: Token): Extract<Variable, { kind: 'poly' }> {
    this.expect('(', "'(' after poly");
    const name = this.columnName('the numeric column of poly(x, degree)');
    this.expect(',', "',' and the degree, as in poly(x, 2)");
    this.acceptArgumentName('degree');
    const degreeToken = this.peek();
    const degree = Number(degreeToken.text);
    if (degreeToken.kind !== 'number' || !/^\d+$/.test(degreeToken.text) || degree < 1 || degree > MAX_POWER) {
      this.fail(`unexpected ${this.describe(degreeToken)}`, degreeToken, `the degree of poly(), a whole number from 1 to ${MAX_POWER}`);
    }
    this.index++;
    let raw = false;
    if (this.accept(',')) {
      const arg = this.peek();
      if (!(arg.kind === 'name' && !arg.quoted && arg.text === 'raw' && this.tokens[this.index + 1]?.kind === '=')) this.fail(`unexpected ${this.describe(arg)}`, arg, "'raw = TRUE' or ')'");
      this.index += 2;
      const value = this.peek();
      if (value.kind !== 'name' || value.quoted || !['TRUE', 'FALSE', 'T', 'F'].includes(value.text)) this.fail(`unexpected ${this.describe(value)}`, value, 'TRUE or FALSE after raw =');
      raw = value.text === 'TRUE' || value.text === 'T';
      this.index++;
    }
    this.expect(')', `')' closing poly( opened at position ${token.pos}`);
    return { kind: 'poly', name, degree, raw };
  }

  /** '(' sum ')' or a group term '(' sum '|' grouping ')'. */
  private parenthesised(): Part {
    const open = this.peek();
    this.index++;
    if (++this.nesting > MAX_NESTING) this.fail('parentheses nested too deeply', open, `at most ${MAX_NESTING} levels`);
    const inner = this.sum();
    const bar = this.peek();
    let part: Part = inner;
    if (bar.kind === '|' || bar.kind === '||') {
      this.index++;
      part = { terms: [], groups: this.groupTerms(inner, bar), offsets: [] };
    }
    this.expect(')', part === inner ? "'+', '-', '*', '/', ':', '|' or ')'" : "':', '/' or ')'");
    this.nesting--;
    return part;
  }

  /** The group terms of `(inner | grouping)`: one per level of nesting in the grouping. */
  private groupTerms(inner: Part, bar: Token): GroupTerm[] {
    if (inner.groups.length > 0) this.fail('group terms cannot be nested', bar, "')' before another '|'");
    if (inner.offsets.length > 0) this.fail('an offset cannot be in a group term', bar, 'offset(...) among the fixed terms');
    const id = this.groupId(bar);
    const intercept = inner.intercept ?? true;
    if (!intercept && inner.terms.length === 0) this.fail('group term has no effects', bar, "'1' or a term before '|'");
    const rhs: Rhs = { intercept, terms: byDegree(inner.terms), groups: [] };
    const groups: GroupTerm[] = [];
    let grouping: string[] = [];
    for (;;) {
      const name = this.columnName('a grouping column name');
      if (!grouping.includes(name)) grouping = [...grouping, name];
      const op = this.peek();
      // ':' extends the current grouping factor; '/' and the end close one level of nesting.
      if (op.kind !== ':') groups.push({ rhs, correlated: bar.kind === '|', grouping, ...(id !== undefined ? { id } : {}) });
      if (op.kind !== ':' && op.kind !== '/') return mergeGroups([], groups);
      this.index++;
    }
  }

  /**
   * The ID of `(terms | id | g)`: a name or number between two bars. brms has no ID with '||'
   * (its `(terms || id | g)` silently drops the ID), so that is an error here.
   */
  private groupId(bar: Token): string | undefined {
    const token = this.peek();
    const next = this.tokens[this.index + 1];
    if ((token.kind !== 'name' && token.kind !== 'number') || next?.kind !== '|') return undefined;
    if (bar.kind === '||') this.fail("an ID cannot follow '||'", token, "(terms | id | g) for correlated terms with an ID, or (terms || g) without one");
    this.index += 2;
    return token.text;
  }

  private combined(terms: Term[], token: Token): Operand {
    return { kind: 'part', part: { terms, groups: [], offsets: [] }, token };
  }

  /** The terms of an operand of ':', '*', '/' or '^' (which combine terms, not intercepts or groups). */
  private termsOf(operand: Operand, op: Token): Term[] {
    const what = "a column, I(...) or a parenthesised sum of terms";
    if (operand.kind === 'number') this.fail(`number ${operand.token.text} cannot be used with '${op.kind}'`, operand.token, what);
    const { part } = operand;
    if (part.groups.length > 0) this.fail(`a group term cannot be used with '${op.kind}'`, operand.token, what);
    if (part.offsets.length > 0) this.fail(`an offset cannot be used with '${op.kind}'`, operand.token, what);
    if (part.intercept !== undefined) this.fail(`'0' or '1' inside parentheses cannot be used with '${op.kind}'`, operand.token, what);
    return part.terms;
  }

  private limit(terms: Term[], token: Token): Term[] {
    this.limitSize(terms.length, token);
    return terms;
  }

  private limitSize(size: number, token: Token): void {
    if (size > MAX_TERMS) this.fail(`the formula expands to more than ${MAX_TERMS} terms`, token, 'fewer interactions');
  }

}

/** Group terms of `a` then those of `b` not already present (R merges repeated terms). */
function mergeGroups(a: GroupTerm[], b: GroupTerm[]): GroupTerm[] {
  const keys = new Set(a.map(groupKey));
  const out = [...a];
  for (const g of b) {
    const key = groupKey(g);
    if (!keys.has(key)) {
      keys.add(key);
      out.push(g);
    }
  }
  return out;
}

function groupKey(g: GroupTerm): string {
  return JSON.stringify(g);
}
