/**
 * From a RawTable to a typed Table holding only the columns a model uses: checks the columns exist,
 * handles missing values (error or drop), decides numeric vs factor, and converts.
 */
import { DataError, SpecError } from '../errors.js';
import { cellLabel, cellNumber, showCell } from './cells.js';
import type { Cell, Column, PreparedTable, PrepareOptions, RawTable, Table, UsedColumns } from './types.js';

type Kind = Column['kind'];

export function prepareTable(raw: RawTable, used: UsedColumns, opts: PrepareOptions = {}): PreparedTable {
  const na = opts.na ?? 'error';
  if (na !== 'error' && na !== 'drop') throw new SpecError(`na must be "error" or "drop", not ${JSON.stringify(na)}`, 'na');
  const declaredFactors = new Set(opts.factors ?? []);
  const wanted = unique([...used.numeric, ...used.factor, ...used.any]);
  const declaredLevels = opts.levels ?? {};
  for (const name of [...wanted, ...declaredFactors]) requireColumn(raw, name);
  checkLevelColumns(raw, declaredLevels);
  // Keep the data's column order (names a hand-built RawTable does not list go last).
  const position = (name: string) => (raw.names.includes(name) ? raw.names.indexOf(name) : raw.names.length);
  const names = [...wanted].sort((a, b) => position(a) - position(b));

  const { keep, droppedRows } = rowsToKeep(raw, names, na);
  const numericUse = new Set(used.numeric);
  const groupingUse = new Set(used.factor);
  const anyUse = new Set(used.any);
  const columns = new Map<string, Column>();
  for (const name of names) {
    const cells = raw.cells.get(name)!;
    const kind = decideKind(name, cells, keep, { numericUse, groupingUse, anyUse, declaredFactors });
    const order = Object.prototype.hasOwnProperty.call(declaredLevels, name) ? declaredLevels[name] : undefined;
    if (order && kind === 'numeric') {
      throw new SpecError(`"levels" lists column '${name}', which the model uses as a number; list it in "factors" too to treat it as a factor`, `spec.levels.${name}`);
    }
    columns.set(name, kind === 'numeric' ? numericColumn(name, cells, keep) : factorColumn(name, cells, keep, order));
  }
  const table: Table = { nrow: keep.length, columns, sourceRows: Int32Array.from(keep, (r) => r + 1) };
  return { table, dropped: droppedRows.length, droppedRows };
}

function requireColumn(raw: RawTable, name: string): void {
  if (raw.cells.has(name)) return;
  throw new DataError(`column '${name}' is not in the data (available: ${raw.names.join(', ')})`, { column: name });
}

/** 0-based indices of the rows kept, and 1-based numbers of the rows dropped for missing values. */
function rowsToKeep(raw: RawTable, names: string[], na: 'error' | 'drop'): { keep: number[]; droppedRows: number[] } {
  const keep: number[] = [];
  const droppedRows: number[] = [];
  const columns = names.map((name) => raw.cells.get(name)!);
  for (let r = 0; r < raw.rows; r++) {
    const missing = columns.findIndex((cells) => cells[r] === null);
    if (missing === -1) {
      keep.push(r);
      continue;
    }
    if (na === 'error') {
      throw new DataError(
        `column '${names[missing]}' has a missing value (empty, NA or NaN) at row ${r + 1}; fix it or pass na: "drop" to drop rows with missing values`,
        { column: names[missing], row: r + 1 },
      );
    }
    droppedRows.push(r + 1);
  }
  if (keep.length === 0) {
    throw new DataError(`every one of the ${raw.rows} rows has a missing value in a used column (${names.join(', ')}), so no rows remain`);
  }
  return { keep, droppedRows };
}

/**
 * Declared factors are factors; columns that must be numbers are numeric; grouping-only columns are
 * factors; the rest are numeric when every kept cell is a finite number, factors otherwise.
 */
function decideKind(
  name: string,
  cells: Cell[],
  keep: number[],
  use: { numericUse: Set<string>; groupingUse: Set<string>; anyUse: Set<string>; declaredFactors: Set<string> },
): Kind {
  for (const r of keep) {
    const cell = cells[r];
    if (typeof cell === 'number' && !Number.isFinite(cell)) {
      throw new DataError(`column '${name}' holds ${cell} at row ${r + 1}; values must be finite`, { column: name, row: r + 1 });
    }
  }
  if (use.declaredFactors.has(name)) {
    if (use.numericUse.has(name)) {
      throw new DataError(`column '${name}' is declared a factor but the model uses it as a number (response, se(), trials() or inside I())`, {
        column: name,
      });
    }
    return 'factor';
  }
  if (use.numericUse.has(name)) return 'numeric';
  // A column used only for grouping stays a factor (Subject 308 keeps its label "308"); one also used
  // as a predictor is typed by its content, and the design builds its grouping levels from the numbers.
  if (use.groupingUse.has(name) && !use.anyUse.has(name)) return 'factor';
  const textRows = keep.filter((r) => cellNumber(cells[r]!) === undefined);
  if (textRows.length === 0) return 'numeric';
  // Mostly numbers with a few text cells is far more often a typo than a factor: say where.
  if (textRows.length * 2 < keep.length) {
    const r = textRows[0];
    throw new DataError(
      `column '${name}' holds numbers but row ${r + 1} holds ${showCell(cells[r])}; fix the value, or list '${name}' in "factors" to treat the column as a factor`,
      { column: name, row: r + 1 },
    );
  }
  return 'factor';
}

function numericColumn(name: string, cells: Cell[], keep: number[]): Column {
  const values = new Float64Array(keep.length);
  keep.forEach((r, i) => {
    const value = cellNumber(cells[r]!);
    if (value === undefined) {
      throw new DataError(`column '${name}' must be numeric but row ${r + 1} holds ${showCell(cells[r])}`, {
        column: name,
        row: r + 1,
      });
    }
    values[i] = value;
  });
  return { kind: 'numeric', name, values };
}

/**
 * A factor's codes. Levels are in order of first appearance, or `order` when given: then a value not
 * in `order` and a listed level no kept row has are DataErrors naming the column and the level.
 */
function factorColumn(name: string, cells: Cell[], keep: number[], order?: readonly string[]): Column {
  const levels: string[] = order ? [...order] : [];
  const codeOf = new Map<string, number>(levels.map((l, k) => [l, k] as const));
  const seen = new Uint8Array(levels.length);
  const codes = new Int32Array(keep.length);
  keep.forEach((r, i) => {
    const label = cellLabel(cells[r]!);
    let code = codeOf.get(label);
    if (code === undefined) {
      if (order) {
        throw new DataError(`column '${name}' has level ${JSON.stringify(label)} at row ${r + 1}, which "levels" does not list (listed: ${order.join(', ')})`, { column: name, row: r + 1 });
      }
      code = levels.length;
      codeOf.set(label, code);
      levels.push(label);
    }
    if (order) seen[code] = 1;
    codes[i] = code;
  });
  const absent = order ? seen.indexOf(0) : -1;
  if (absent !== -1) {
    throw new DataError(`"levels" lists level ${JSON.stringify(levels[absent])} of column '${name}', which no row of the data has`, { column: name });
  }
  return { kind: 'factor', name, levels, codes };
}

/** Every column named in "levels" exists, and its list is non-empty text without repeats. */
function checkLevelColumns(raw: RawTable, levels: Record<string, readonly string[]>): void {
  for (const [name, list] of Object.entries(levels)) {
    if (!raw.cells.has(name)) throw new SpecError(`"levels" names column '${name}', which is not in the data (available: ${raw.names.join(', ')})`, `spec.levels.${name}`);
    const repeated = list.find((l, k) => list.indexOf(l) !== k);
    if (repeated !== undefined) throw new SpecError(`"levels" lists level ${JSON.stringify(repeated)} of column '${name}' twice`, `spec.levels.${name}`);
  }
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
