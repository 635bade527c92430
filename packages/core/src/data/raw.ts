/** Turning user input (CSV text, an array of row objects, or an object of columns) into a RawTable. */
import { DataError } from '../errors.js';
import { isMissingText } from './cells.js';
import { readCsv } from './csv.js';
import type { Cell, RawTable } from './types.js';

export type TableInput = string | Record<string, unknown>[] | Record<string, unknown[] | ArrayLike<number>>;

/**
 * Accepts CSV text, rows (`[{ y: 1, g: 'a' }, ...]`, every row with the same fields) or columns
 * (`{ y: [1, 2], g: ['a', 'b'] }`, every column of the same length). Numbers stay numbers (NaN becomes
 * missing), text that reads as NA / NaN / empty becomes missing, booleans become 'TRUE' / 'FALSE' labels.
 */
export function toRawTable(input: TableInput): RawTable {
  if (typeof input === 'string') return readCsv(input);
  if (Array.isArray(input)) return fromRows(input);
  if (input !== null && typeof input === 'object') return fromColumns(input as Record<string, unknown>);
  throw new DataError(`data must be CSV text, an array of row objects or an object of columns, not ${describe(input)}`);
}

function fromRows(rows: unknown[]): RawTable {
  if (rows.length === 0) throw new DataError('the data has no rows');
  const first = rows[0];
  if (!isPlainRecord(first)) throw new DataError(`row 1 of the data is ${describe(first)}, not an object`, { row: 1 });
  const names = Object.keys(first);
  if (names.length === 0) throw new DataError('row 1 of the data has no fields, so the data has no columns', { row: 1 });
  const columns: Cell[][] = names.map(() => new Array<Cell>(rows.length));
  rows.forEach((row, r) => {
    if (!isPlainRecord(row)) throw new DataError(`row ${r + 1} of the data is ${describe(row)}, not an object`, { row: r + 1 });
    const keys = Object.keys(row);
    for (const key of keys) {
      if (!Object.hasOwn(first, key)) {
        throw new DataError(`row ${r + 1} has field '${key}' which row 1 does not have`, { column: key, row: r + 1 });
      }
    }
    names.forEach((name, c) => {
      if (!Object.hasOwn(row, name)) {
        throw new DataError(`row ${r + 1} has no field '${name}' (row 1 has it)`, { column: name, row: r + 1 });
      }
      columns[c][r] = toCell(row[name], name, r + 1);
    });
  });
  return { names, rows: rows.length, cells: new Map(names.map((name, c) => [name, columns[c]])) };
}

function fromColumns(input: Record<string, unknown>): RawTable {
  const names = Object.keys(input);
  if (names.length === 0) throw new DataError('the data has no columns');
  let rows = -1;
  const cells = new Map<string, Cell[]>();
  for (const name of names) {
    const values = input[name];
    if (!isArrayLike(values)) {
      throw new DataError(`column '${name}' must be an array, not ${describe(values)}`, { column: name });
    }
    if (rows === -1) rows = values.length;
    else if (values.length !== rows) {
      throw new DataError(`column '${name}' has ${values.length} values but column '${names[0]}' has ${rows}`, {
        column: name,
      });
    }
    cells.set(name, Array.from({ length: values.length }, (_, r) => toCell(values[r], name, r + 1)));
  }
  if (rows === 0) throw new DataError('the data has no rows');
  return { names, rows, cells };
}

function toCell(value: unknown, column: string, row: number): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'string') return isMissingText(value) ? null : value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  throw new DataError(`column '${column}' row ${row} holds ${describe(value)}; cells must be numbers, text or booleans`, {
    column,
    row,
  });
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}
