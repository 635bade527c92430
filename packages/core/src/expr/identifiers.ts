/**
 * What counts as a bare name in the expression language (R's rules, ASCII only): letters, digits, `_`
 * and `.`, not starting with a digit, and not `.` followed by a digit (that is a number such as `.5`).
 * Anything else must be written in backquotes.
 */
const BARE_NAME = /^(?:[A-Za-z_]|\.(?![0-9]))[A-Za-z0-9_.]*$/;

export function isBareName(name: string): boolean {
  return BARE_NAME.test(name);
}

export function isNameStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_' || ch === '.';
}

export function isNameChar(ch: string): boolean {
  return isNameStart(ch) || isDigit(ch);
}

export function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** A name as it must be written in source: bare when possible, else backquoted with `\` escapes. */
export function quoteName(name: string): string {
  if (isBareName(name)) return name;
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}
