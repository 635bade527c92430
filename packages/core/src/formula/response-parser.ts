/**
 * The left-hand side of a formula: name ['|' addition ('+' addition)*], with
 *   addition := se(s) | trials(n) | cens(c [, [y2 =] y2]) | trunc([lb =] bound [, [ub =] bound]) | weights(w)
 * each at most once (brms's addition terms; printer.ts writes them back in this order).
 */
import type { Response } from './ast.js';
import { TokenCursor } from './cursor.js';
import type { Token } from './lexer.js';

type Addition = 'se' | 'trials' | 'cens' | 'trunc' | 'weights';
const ADDITIONS: readonly Addition[] = ['se', 'trials', 'cens', 'trunc', 'weights'];

export class ResponseParser extends TokenCursor {
  response(): Response | null {
    if (this.peek().kind === 'end') return null;
    const response: Response = { column: this.columnName('the response column name') };
    if (this.peek().kind === '|') {
      this.index++;
      do this.responseAddition(response);
      while (this.accept('+'));
      this.expectEnd(`'+' or the ${this.endLabel}`);
    } else {
      this.expectEnd(`'|' or the ${this.endLabel}`);
    }
    return response;
  }

  private responseAddition(response: Response): void {
    const token = this.peek();
    const kind = (token.kind === 'name' && !token.quoted ? ADDITIONS.find((a) => a === token.text) : undefined) as Addition | undefined;
    const list = 'se(...), trials(...), cens(...), trunc(...) or weights(...)';
    if (kind === undefined) this.fail(`unexpected ${this.describe(token)}`, token, list);
    if (response[kind] !== undefined) this.fail(`${kind}() given twice`, token, `each of ${list} at most once`);
    this.index++;
    this.expect('(', `'(' after ${kind}`);
    if (kind === 'se') {
      response.se = this.columnName('the column of known standard errors');
    } else if (kind === 'cens') {
      const column = this.columnName('the column of censoring codes (left, none, right, interval or -1, 0, 1, 2)');
      response.cens = { column };
      if (this.accept(',')) {
        this.acceptArgumentName('y2');
        response.cens.y2 = this.columnName('the column of the upper ends of interval-censored values');
      }
    } else if (kind === 'trunc') {
      response.trunc = this.truncation(token);
    } else if (kind === 'weights') {
      response.weights = this.columnName('the column of weights');
    } else {
      const arg = this.peek();
      if (arg.kind === 'number') {
        const value = Number(arg.text);
        if (!/^\d+$/.test(arg.text) || !Number.isSafeInteger(value)) this.fail(`trials must be a whole number, not ${arg.text}`, arg, 'a column name or a whole number');
        this.index++;
        response.trials = value;
      } else {
        response.trials = this.columnName('a column name or a whole number');
      }
    }
    this.expect(')', `')' closing ${kind}(`);
  }

  /** Arguments of trunc(): `lb = b`, `ub = b` or positional (lb first), each bound a number or a column. */
  private truncation(token: Token): { lb?: number | string; ub?: number | string } {
    const out: { lb?: number | string; ub?: number | string } = {};
    let position = 0;
    do {
      const named = this.peek().kind === 'name' && this.tokens[this.index + 1]?.kind === '=' ? this.peek() : null;
      let key: 'lb' | 'ub';
      if (named) {
        if (named.text !== 'lb' && named.text !== 'ub') this.fail(`trunc() has no argument '${named.text}'`, named, "'lb =' or 'ub ='");
        key = named.text;
        this.index += 2;
      } else {
        if (position > 1) this.fail('trunc() takes two bounds at most', this.peek(), "')'");
        key = position === 0 ? 'lb' : 'ub';
      }
      if (out[key] !== undefined) this.fail(`trunc() bound ${key} given twice`, named ?? this.peek(), 'each of lb and ub at most once');
      out[key] = this.bound();
      position++;
    } while (this.accept(','));
    if (out.lb === undefined && out.ub === undefined) this.fail('trunc() needs a bound', token, 'trunc(lb = ...) or trunc(ub = ...)');
    if (typeof out.lb === 'number' && typeof out.ub === 'number' && !(out.lb < out.ub)) {
      this.fail(`trunc() lower bound ${out.lb} is not below the upper bound ${out.ub}`, token, 'lb < ub');
    }
    return out;
  }

  /** A truncation bound: a (signed) number or a column name. */
  private bound(): number | string {
    const sign = this.peek().kind === '-' ? -1 : 1;
    if (sign === -1) this.index++;
    const token = this.peek();
    if (token.kind === 'number') {
      this.index++;
      return sign * Number(token.text);
    }
    if (sign === -1) this.fail(`unexpected ${this.describe(token)}`, token, "a number after '-'");
    return this.columnName('a number or a column name');
  }
}
