/**
 * The "autocor" field of a spec: `ar(time = t, gr = g, p = 1)` or `car1(time = t, gr = g)`, with
 * brms's argument names, order (time, gr, then p and cov for ar) and defaults (no time: the data's
 * order; no gr: one series). `NA` for time or gr means "not given", as in brms. Only p = 1 and the
 * covariance form (brms `cov = TRUE`) are in the contract.
 */
import { FormulaError } from '../errors.js';
import { TokenCursor } from './cursor.js';
import { tokenize } from './lexer.js';
import { quoteName } from './names.js';

export interface AutocorTerm {
  kind: 'ar' | 'car1';
  /** The time column, or null for the data's order (ar only). */
  time: string | null;
  /** The grouping column whose levels are separate series, or null for one series. */
  gr: string | null;
  /** The autoregressive order (ar); always 1. */
  p: 1;
}

export function parseAutocor(text: string): AutocorTerm {
  if (typeof text !== 'string') throw new FormulaError(`autocor must be text, not ${typeof text}`, String(text), 0, 'a string');
  return new AutocorParser(text, tokenize(text), 'end of autocor').term();
}

/** Canonical text: parseAutocor(printAutocor(t)) deep-equals t. */
export function printAutocor(t: AutocorTerm): string {
  const args: string[] = [];
  if (t.time !== null) args.push(`time = ${quoteName(t.time)}`);
  if (t.gr !== null) args.push(`gr = ${quoteName(t.gr)}`);
  if (t.kind === 'ar') args.push('p = 1');
  return `${t.kind}(${args.join(', ')})`;
}

class AutocorParser extends TokenCursor {
  term(): AutocorTerm {
    const head = this.peek();
    if (head.kind !== 'name' || head.quoted || (head.text !== 'ar' && head.text !== 'car1')) {
      this.fail(`unexpected ${this.describe(head)}`, head, 'ar(...) or car1(...)');
    }
    const kind = head.text as 'ar' | 'car1';
    this.index++;
    this.expect('(', `'(' after ${kind}`);
    const names = kind === 'ar' ? ['time', 'gr', 'p', 'cov'] : ['time', 'gr'];
    const given = new Map<string, { text: string; kind: string; pos: number }>();
    let position = 0;
    if (this.peek().kind !== ')') {
      do {
        const token = this.peek();
        let name: string;
        if (token.kind === 'name' && !token.quoted && this.tokens[this.index + 1]?.kind === '=') {
          if (!names.includes(token.text)) this.fail(`${kind}() has no argument '${token.text}'`, token, `one of ${names.join(', ')}`);
          name = token.text;
          this.index += 2;
        } else {
          if (position >= names.length) this.fail(`${kind}() takes at most ${names.length} arguments`, token, "')'");
          name = names[position];
        }
        if (given.has(name)) this.fail(`${kind}() argument '${name}' given twice`, token, 'each argument once');
        const value = this.peek();
        if (value.kind !== 'name' && value.kind !== 'number') this.fail(`unexpected ${this.describe(value)}`, value, `a value for '${name}'`);
        given.set(name, { text: value.text, kind: value.quoted ? 'quoted' : value.kind, pos: value.pos });
        this.index++;
        position++;
      } while (this.accept(','));
    }
    this.expect(')', `',' or ')' closing ${kind}(`);
    this.expectEnd('the end of autocor');
    const column = (name: string): string | null => {
      const v = given.get(name);
      if (!v || (v.kind === 'name' && v.text === 'NA')) return null;
      if (v.kind === 'number') this.failAt(`${kind}() argument '${name}' must be a column name, not ${v.text}`, v.pos, 'a column name');
      return v.text;
    };
    const time = column('time');
    const gr = column('gr');
    const p = given.get('p');
    if (p && !(p.kind === 'number' && Number(p.text) === 1)) this.failAt(`ar() with p = ${p.text}: only p = 1 is supported`, p.pos, 'p = 1');
    const cov = given.get('cov');
    if (cov && !(cov.kind === 'name' && (cov.text === 'TRUE' || cov.text === 'T'))) {
      this.failAt(`ar() with cov = ${cov.text}: Strata's ar is brms's covariance form, cov = TRUE`, cov.pos, 'cov = TRUE or no cov');
    }
    if (kind === 'car1' && time === null) this.fail('car1() needs the time column: car1(time = t, gr = g)', head, 'time = <column>');
    return { kind, time, gr, p: 1 };
  }

  private failAt(message: string, pos: number, expected: string): never {
    throw new FormulaError(message, this.source, pos, expected);
  }
}
