import { SpecError } from '../errors.js';

/**
 * The only way a number enters generated code: finite, printed by String(), and checked against a
 * strict numeric pattern before insertion. Negative numbers come back parenthesised, so the text is
 * safe in any operand position (`a - (-2)`, never `a --2`).
 */
const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;

export function formatNumber(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new SpecError(`cannot use the non-finite constant ${String(x)} in an expression`);
  const text = String(x);
  if (!NUMERIC.test(text)) throw new SpecError(`internal: number ${text} has an unexpected form`);
  return x < 0 ? `(${text})` : text;
}

/** A non-negative integer index (argument slots, array positions). */
export function formatIndex(k: number): string {
  if (!Number.isSafeInteger(k) || k < 0) throw new SpecError(`internal: bad index ${String(k)}`);
  return String(k);
}
