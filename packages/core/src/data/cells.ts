/** Interpreting single cells: what counts as missing, what counts as a number, how a cell is labelled. */
import type { Cell } from './types.js';

/** Text that R and most exporters write for a missing value. Compared after trimming whitespace. */
const MISSING_TEXT = new Set(['', 'NA', 'NaN']);

export function isMissingText(text: string): boolean {
  return MISSING_TEXT.has(text.trim());
}

/** Plain decimal notation only: no hex, no 'Infinity', no thousands separators. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a cell holds, or undefined when it is text (or a non-finite number). */
export function cellNumber(cell: number | string): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  const text = cell.trim();
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The factor label of a non-missing cell: text as written, numbers in JavaScript's shortest form. */
export function cellLabel(cell: number | string): string {
  return typeof cell === 'number' ? String(cell) : cell;
}

/** Quote a cell for an error message, shortened so one bad cell cannot flood a message. */
export function showCell(cell: Cell): string {
  if (cell === null) return 'a missing value';
  const text = typeof cell === 'number' ? String(cell) : cell;
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
