/**
 * Names in formulas follow the expression language's rules (expr/identifiers.ts: R's, ASCII only),
 * except that a lone `.` is reserved (R's "all other columns"). Any other name is written in
 * backquotes, with `\` escaping a backquote or backslash inside.
 */
import { isBareName as isBareExpressionName } from '../expr/identifiers.js';

export { isDigit, isNameChar, isNameStart } from '../expr/identifiers.js';

export function isBareName(name: string): boolean {
  return isBareExpressionName(name) && name !== '.';
}

/** A name as it must be written in a formula: bare when possible, else backquoted. */
export function quoteName(name: string): string {
  if (isBareName(name)) return name;
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}
