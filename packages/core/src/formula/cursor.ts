/** A cursor over a token range with the parsers' shared reading and error helpers. */
import { FormulaError } from '../errors.js';
import { describeToken, type Token, type TokenKind } from './lexer.js';

export class TokenCursor {
  protected index = 0;

  constructor(
    protected readonly source: string,
    protected readonly tokens: Token[],
    /** How the end of the token range is described ('~' when parsing the left side of a formula). */
    protected readonly endLabel = 'end of formula',
  ) {}

  protected columnName(expected: string): string {
    const token = this.peek();
    if (token.kind !== 'name') this.fail(`unexpected ${this.describe(token)}`, token, expected);
    if (token.text === '.' && !token.quoted) this.fail("'.' (all other columns) is not supported", token, 'column names written out');
    this.index++;
    return token.text;
  }

  protected peek(): Token {
    return this.tokens[this.index];
  }

  protected accept(kind: TokenKind): boolean {
    if (this.peek().kind !== kind) return false;
    this.index++;
    return true;
  }

  protected expect(kind: TokenKind, expected: string): void {
    const token = this.peek();
    if (!this.accept(kind)) this.fail(`unexpected ${this.describe(token)}`, token, expected);
  }

  protected expectEnd(expected: string): void {
    const token = this.peek();
    if (token.kind !== 'end') this.fail(`unexpected ${this.describe(token)}`, token, expected);
  }

  protected describe(token: Token): string {
    return token.kind === 'end' ? this.endLabel : describeToken(token);
  }

  protected fail(message: string, token: Token, expected: string): never {
    throw new FormulaError(message, this.source, token.pos, expected);
  }

  /** Skips `name =` when the next tokens are exactly that argument name and '='. */
  protected acceptArgumentName(name: string): void {
    const token = this.peek();
    if (token.kind === 'name' && !token.quoted && token.text === name && this.tokens[this.index + 1]?.kind === '=') this.index += 2;
  }
}
