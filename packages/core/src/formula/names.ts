/**
 * Names in formulas follow R (and the expression language): ASCII letters, digits, `_` and `.`, not
 * starting with a digit nor with `.` followed by a digit. Any other name is written in backquotes, with
 * `\` escaping a backquote or backslash inside. A lone `.` is reserved (R's "all other columns").
 */
const BARE_NAME = /^(?:[A-Za-z_]|\.(?![0-9]))[A-Za-z0-9_.]*$/;

export function isBareName(name: string): boolean {
  return BARE_NAME.test(name) && name !== '.';
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

/** A name as it must be written in a formula: bare when possible, else backquoted. */
export function quoteName(name: string): string {
  if (isBareName(name)) return name;
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}
