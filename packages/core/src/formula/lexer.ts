/** Splits (a range of) formula text into tokens with absolute 0-based positions. */
import { FormulaError } from '../errors.js';
import { isDigit, isNameChar, isNameStart } from './names.js';

export type TokenKind =
  | 'name'
  | 'number'
  | 'I'
  | 'offset'
  | '='
  | '('
  | ')'
  | '+'
  | '-'
  | '*'
  | '/'
  | ':'
  | '^'
  | '|'
  | '||'
  | '~'
  | ','
  | 'end';

export interface Token {
  kind: TokenKind;
  /** Name (unquoted), number text, or the operator; for 'I' and 'offset' the text inside the parentheses. */
  text: string;
  /** Position of the token's first character in the whole source. */
  pos: number;
  /** Position just after the token's last character. */
  end: number;
  /** For 'name': written in backquotes. */
  quoted?: boolean;
  /** For 'I' and 'offset': position of the first character inside the parentheses. */
  innerPos?: number;
}

const SINGLE: ReadonlySet<string> = new Set(['(', ')', '+', '-', '*', '/', ':', '^', '~', ',', '=']);
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Tokens of source[start, end); errors name positions in `source`. Always ends with an 'end' token. */
export function tokenize(source: string, start = 0, end = source.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const pos = i;
    if (isDigit(ch) || (ch === '.' && i + 1 < end && isDigit(source[i + 1]))) {
      NUMBER.lastIndex = i;
      i = Math.min(end, i + NUMBER.exec(source)![0].length);
      tokens.push({ kind: 'number', text: source.slice(pos, i), pos, end: i });
    } else if (isNameStart(ch)) {
      while (i < end && isNameChar(source[i])) i++;
      const name = source.slice(pos, i);
      const open = skipSpace(source, i, end);
      // I(...) and offset(...) hold an arithmetic expression, read whole and parsed by the expression parser.
      if ((name === 'I' || name === 'offset') && source[open] === '(') {
        const close = matchingParen(source, open, end, name);
        i = close + 1;
        tokens.push({ kind: name, text: source.slice(open + 1, close), pos, end: i, innerPos: open + 1 });
      } else {
        tokens.push({ kind: 'name', text: name, pos, end: i });
      }
    } else if (ch === '`') {
      const { name, next } = readBackquoted(source, i, end);
      tokens.push({ kind: 'name', text: name, pos, end: next, quoted: true });
      i = next;
    } else if (ch === '|') {
      const double = source[i + 1] === '|' && i + 1 < end;
      i += double ? 2 : 1;
      tokens.push({ kind: double ? '||' : '|', text: double ? '||' : '|', pos, end: i });
    } else if (SINGLE.has(ch)) {
      i++;
      tokens.push({ kind: ch as TokenKind, text: ch, pos, end: i });
    } else {
      throw new FormulaError(`unexpected character ${JSON.stringify(ch)}`, source, pos, 'a name, a number, an operator (+ - * / : ^ | =) or a parenthesis');
    }
  }
  tokens.push({ kind: 'end', text: '', pos: end, end });
  return tokens;
}

function skipSpace(source: string, i: number, end: number): number {
  while (i < end && (source[i] === ' ' || source[i] === '\t' || source[i] === '\n' || source[i] === '\r')) i++;
  return i;
}

/** Index of the ')' closing the '(' at `open`, skipping backquoted names (which may hold parentheses). */
function matchingParen(source: string, open: number, end: number, fn: string): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const ch = source[i];
    if (ch === '`') i = readBackquoted(source, i, end).next - 1;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  throw new FormulaError(`unclosed '${fn}('`, source, end, `')' closing the ${fn}( opened at position ${open}`);
}

function readBackquoted(source: string, open: number, end: number): { name: string; next: number } {
  let name = '';
  let i = open + 1;
  for (;;) {
    if (i >= end) throw new FormulaError('unterminated backquoted name', source, end, 'a closing backquote');
    const ch = source[i];
    if (ch === '`') break;
    if (ch === '\\') {
      if (i + 1 >= end) throw new FormulaError('unterminated backquoted name', source, end, 'a closing backquote');
      name += source[i + 1];
      i += 2;
    } else {
      name += ch;
      i++;
    }
  }
  if (name === '') throw new FormulaError('empty backquoted name', source, open, 'a name between the backquotes');
  return { name, next: i + 1 };
}

/** How a token is shown in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of formula';
    case 'name':
      return `'${token.text}'`;
    case 'number':
      return `number ${token.text}`;
    case 'I':
      return "'I('";
    case 'offset':
      return "'offset('";
    default:
      return `'${token.kind}'`;
  }
}
