/**
 * Within/between decomposition of a level-1 predictor (centring within cluster), so a model can tell
 * the within-group effect from the between-group (contextual) one instead of mixing them (the
 * ecological fallacy):
 *   <column>_between = mean of the column over the row's group (over the group's non-missing values),
 *   <column>_within  = column - <column>_between.
 * A missing value in the column gives a missing (NaN) within part and still the group mean as the
 * between part; a group with no values gets NaN for both.
 */
import { DataError } from '@strata/core';

type Rows = Record<string, unknown>[];
type Columns = Record<string, ArrayLike<unknown>>;

const MISSING_TEXT = new Set(['', 'NA', 'NaN']);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Rows in, rows out (new row objects, each with the two fields added). */
export function withinBetween(data: Rows, column: string, group: string): Record<string, unknown>[];
/** Columns in, columns out (a new object with the two columns added). */
export function withinBetween(data: Columns, column: string, group: string): Record<string, unknown[] | ArrayLike<unknown>>;
export function withinBetween(data: Rows | Columns, column: string, group: string): Record<string, unknown>[] | Record<string, unknown[] | ArrayLike<unknown>> {
  const within = `${column}_within`;
  const between = `${column}_between`;
  let x: unknown[];
  let g: unknown[];
  if (Array.isArray(data)) {
    if (data.length === 0) throw new DataError('the data has no rows');
    data.forEach((row, r) => {
      if (typeof row !== 'object' || row === null) throw new DataError(`row ${r + 1} of the data is not an object`, { row: r + 1 });
    });
    for (const name of [column, group]) {
      const r = data.findIndex((row) => !Object.hasOwn(row, name));
      if (r !== -1) throw new DataError(`row ${r + 1} has no field '${name}'`, { column: name, row: r + 1 });
    }
    refuseExisting(Object.keys(data[0]), [within, between]);
    x = data.map((row) => row[column]);
    g = data.map((row) => row[group]);
  } else if (typeof data === 'object' && data !== null) {
    for (const name of [column, group]) {
      if (!Object.hasOwn(data, name)) throw new DataError(`column '${name}' is not in the data (available: ${Object.keys(data).join(', ')})`, { column: name });
    }
    refuseExisting(Object.keys(data), [within, between]);
    x = Array.from(data[column]);
    g = Array.from(data[group]);
    if (x.length !== g.length) throw new DataError(`column '${column}' has ${x.length} values but column '${group}' has ${g.length}`, { column });
    if (x.length === 0) throw new DataError('the data has no rows');
  } else {
    throw new DataError('withinBetween needs an array of row objects or an object of columns');
  }

  const values = x.map((v, r) => toNumber(v, column, r + 1));
  const keys = g.map((v, r) => groupKey(v, group, r + 1));
  const sums = new Map<string, { sum: number; n: number }>();
  keys.forEach((k, r) => {
    const acc = sums.get(k) ?? { sum: 0, n: 0 };
    if (!Number.isNaN(values[r])) {
      acc.sum += values[r];
      acc.n++;
    }
    sums.set(k, acc);
  });
  const b = keys.map((k) => {
    const acc = sums.get(k)!;
    return acc.n > 0 ? acc.sum / acc.n : NaN;
  });
  const w = values.map((v, r) => v - b[r]);
  if (Array.isArray(data)) return data.map((row, r) => ({ ...row, [within]: w[r], [between]: b[r] }));
  return { ...data, [within]: w, [between]: b };
}

function refuseExisting(names: string[], added: string[]): void {
  for (const name of added) {
    if (names.includes(name)) throw new DataError(`the data already has a column '${name}'; rename it or drop it before withinBetween()`, { column: name });
  }
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || (typeof v === 'string' && MISSING_TEXT.has(v.trim()));
}

function toNumber(v: unknown, column: string, row: number): number {
  if (isMissing(v)) return NaN;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && DECIMAL.test(v.trim())) return Number(v.trim());
  throw new DataError(`column '${column}' must be numeric, but row ${row} holds ${JSON.stringify(v)}`, { column, row });
}

function groupKey(v: unknown, column: string, row: number): string {
  if (isMissing(v)) throw new DataError(`column '${column}' (the group) has a missing value at row ${row}`, { column, row });
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  throw new DataError(`column '${column}' row ${row} holds ${typeof v}; groups must be numbers or text`, { column, row });
}
