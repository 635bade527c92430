import { FormulaError } from '../errors.js';
import { isDigit, isNameChar, isNameStart } from './identifiers.js';

export type TokenKind = 'num' | 'name' | 'op' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** The operator character, the name (unquoted), or the number's source text. */
  text: string;
  value: number;
  /** 0-based position of the token's first character in the lexed text (before any offset). */
  pos: number;
}

const OPERATORS = '+-*/^';

/**
 * Splits an expression into tokens. Positions are relative to `text`; `offset` is only used for error
 * messages so that an error inside a larger formula points at the right character.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const fail = (message: string, at: number, expected: string): never => {
    throw new FormulaError(message, text, at + offset, expected);
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(ch) || (ch === '.' && i + 1 < text.length && isDigit(text[i + 1]!))) {
      i = scanNumber(text, i, (at) => fail('malformed number', at, 'digits after the exponent marker'));
      const source = text.slice(start, i);
      const value = Number(source);
      if (!Number.isFinite(value)) fail(`number ${source} is too large`, start, 'a finite number');
      tokens.push({ kind: 'num', text: source, value, pos: start });
      continue;
    }
    if (isNameStart(ch)) {
      while (i < text.length && isNameChar(text[i]!)) i++;
      tokens.push({ kind: 'name', text: text.slice(start, i), value: NaN, pos: start });
      continue;
    }
    if (ch === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated backquoted name', text.length, 'a closing backquote');
        const c = text[i]!;
        if (c === '`') break;
        if (c === '\\') {
          if (i + 1 >= text.length) fail('unterminated backquoted name', text.length, 'a closing backquote');
          name += text[i + 1];
          i += 2;
          continue;
        }
        name += c;
        i++;
      }
      i++;
      if (name.length === 0) fail('empty backquoted name', start, 'a name between the backquotes');
      tokens.push({ kind: 'name', text: name, value: NaN, pos: start });
      continue;
    }
    if (OPERATORS.includes(ch)) {
      tokens.push({ kind: 'op', text: ch, value: NaN, pos: start });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, value: NaN, pos: start });
      i++;
      continue;
    }
    fail(`unexpected character ${JSON.stringify(ch)}`, start, "a number, a name, an operator (+ - * / ^), '(', ')' or ','");
  }
  tokens.push({ kind: 'end', text: '', value: NaN, pos: text.length });
  return tokens;
}

/** Scans `digits[.digits][e[+-]digits]` or `.digits[...]` from `i`; returns the end index. */
function scanNumber(text: string, i: number, badExponent: (at: number) => never): number {
  while (i < text.length && isDigit(text[i]!)) i++;
  if (text[i] === '.') {
    i++;
    while (i < text.length && isDigit(text[i]!)) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (j >= text.length || !isDigit(text[j]!)) badExponent(j);
    while (j < text.length && isDigit(text[j]!)) j++;
    i = j;
  }
  return i;
}
