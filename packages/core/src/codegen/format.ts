/**
 * The only ways a number enters generated code. Both check what they print against a strict pattern,
 * so a kernel's source holds no text that did not come from the generators themselves.
 */
import { SpecError } from '../errors.js';

const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;

/**
 * A finite number, printed by String() (which round-trips every double). Negative numbers come back
 * parenthesised, so the text is safe in any operand position (`a - (-2)`, never `a --2`).
 */
export function formatNumber(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new SpecError(`cannot use the non-finite constant ${String(x)} in an expression`);
  const text = String(x);
  if (!NUMERIC.test(text)) throw new SpecError(`internal: number ${text} has an unexpected form`);
  return x < 0 ? `(${text})` : text;
}

/** A non-negative integer index (argument slots, array positions, loop bounds, name suffixes). */
export function formatIndex(k: number): string {
  if (!Number.isSafeInteger(k) || k < 0) throw new SpecError(`internal: bad index ${String(k)} in generated code`);
  return String(k);
}
