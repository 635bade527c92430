/**
 * Design matrices for new data, coded as the training data (for predictions). New data is typed by
 * the training table (a column numeric there must hold numbers; a factor keeps the training levels in
 * their order, so treatment contrasts and column names are the same), and a factor level the training
 * data did not have is a DataError naming the column, the level and the row. Grouping factors may have
 * new levels: each new-data group design says which training level (or none) each of its levels is.
 * poly() bases use the training coefficients (R's predict.poly).
 */
import type { Column, RawTable, Table } from '../data/types.js';
import { cellLabel, cellNumber, showCell } from '../data/cells.js';
import { DataError } from '../errors.js';
import type { Rhs } from './ast.js';
import { groupName } from './ast.js';
import { rhsColumns } from './columns.js';
import type { Design, FixedDesign } from './design.js';
import { groupingFactor, modelMatrix, rowMajor, VariableSource } from './model-matrix.js';

/** One group term evaluated on new data. */
export interface NewDataGroupDesign {
  group: string;
  grouping: string[];
  /** Levels of the new data, in order of appearance (same labelling as GroupDesign.levels). */
  levels: string[];
  /** n, 0-based index into `levels` of each new row. */
  index: Int32Array;
  /** Per entry of `levels`: its index in the training design's levels, or -1 for a level not seen in training. */
  trainingLevel: Int32Array;
  /** Per entry of `levels`: the 1-based new-data row where it first appears (for error messages). */
  firstRow: Int32Array;
  coefNames: string[];
  q: number;
  /** n x q, row-major, with the training coding. */
  Z: Float64Array;
}

export interface NewDataDesign {
  n: number;
  /** Same column names and coding as the training design's fixed part. */
  fixed: FixedDesign;
  /** The summed offset(...) terms on the new data, when the rhs has any. */
  offset?: Float64Array;
  /** One per training group term, in the same order (empty when built with groups: false). */
  groups: NewDataGroupDesign[];
}

/**
 * Types the new data's `columns` as the training table types them. Numeric columns must hold finite
 * numbers; factor columns keep the training levels (codes below training.levels.length) and append
 * levels the training data did not have after them. Missing values are a DataError (column, row).
 */
export function prepareNewData(raw: RawTable, training: Table, columns: readonly string[]): Table {
  if (raw.rows < 1) throw new DataError('the new data has no rows');
  const out = new Map<string, Column>();
  for (const name of new Set(columns)) {
    const cells = raw.cells.get(name);
    if (!cells) throw new DataError(`the new data has no column '${name}', which the model uses (new data columns: ${raw.names.join(', ')})`, { column: name });
    const trained = training.columns.get(name);
    if (!trained) throw new DataError(`column '${name}' was not used when the model was fitted`, { column: name });
    const missing = cells.findIndex((c) => c === null);
    if (missing !== -1) throw new DataError(`column '${name}' of the new data has a missing value at row ${missing + 1}`, { column: name, row: missing + 1 });
    if (trained.kind === 'numeric') {
      const values = new Float64Array(raw.rows);
      cells.forEach((cell, r) => {
        const v = cellNumber(cell!);
        if (v === undefined) {
          throw new DataError(`column '${name}' is numeric in the training data but row ${r + 1} of the new data holds ${showCell(cell)}`, { column: name, row: r + 1 });
        }
        values[r] = v;
      });
      out.set(name, { kind: 'numeric', name, values });
    } else {
      const levels = [...trained.levels];
      const codeOf = new Map(levels.map((l, k) => [l, k] as const));
      const codes = new Int32Array(raw.rows);
      cells.forEach((cell, r) => {
        const label = cellLabel(cell!);
        let code = codeOf.get(label);
        if (code === undefined) {
          code = levels.length;
          codeOf.set(label, code);
          levels.push(label);
        }
        codes[r] = code;
      });
      out.set(name, { kind: 'factor', name, levels, codes });
    }
  }
  return { nrow: raw.rows, columns: out, sourceRows: Int32Array.from({ length: raw.rows }, (_, r) => r + 1) };
}

/** Columns buildNewDataDesign reads: the fixed part's, plus the group terms' and grouping columns when `groups`. */
export function newDataColumns(rhs: Rhs, groups: boolean): string[] {
  const used = rhsColumns(groups ? rhs : { intercept: rhs.intercept, terms: rhs.terms, groups: [] });
  return [...new Set([...used.numeric, ...used.any, ...used.factor])];
}

/**
 * The design of `table` (from prepareNewData) with the training data's coding. `training` is the
 * design and table the model was built from. With `groups: false` only the fixed part is built.
 */
export function buildNewDataDesign(rhs: Rhs, training: { design: Design; table: Table }, table: Table, options: { groups?: boolean } = {}): NewDataDesign {
  const withGroups = options.groups ?? true;
  const n = table.nrow;
  // Factors in fixed-effect and group-level terms must use training levels only; grouping columns may not.
  const coded = new Map(table.columns);
  const predictorColumns = rhsColumns({ intercept: rhs.intercept, terms: [...rhs.terms, ...(withGroups ? rhs.groups.flatMap((g) => g.rhs.terms) : [])], groups: [] });
  for (const name of predictorColumns.any) {
    const col = table.columns.get(name);
    const trained = training.table.columns.get(name);
    if (!col || col.kind !== 'factor' || !trained || trained.kind !== 'factor') continue;
    const known = trained.levels.length;
    const bad = col.codes.findIndex((c) => c >= known);
    if (bad !== -1) {
      const row = table.sourceRows ? table.sourceRows[bad] : bad + 1;
      throw new DataError(
        `column '${name}' has level ${JSON.stringify(col.levels[col.codes[bad]])} at row ${row}, which the training data does not have (levels: ${trained.levels.join(', ')})`,
        { column: name, row },
      );
    }
    coded.set(name, { kind: 'factor', name, levels: trained.levels, codes: col.codes });
  }
  const source = new VariableSource({ nrow: n, columns: coded, ...(table.sourceRows ? { sourceRows: table.sourceRows } : {}) }, training.design.polys ?? []);
  const fixedMatrix = modelMatrix(rhs.intercept, rhs.terms, source, 'the fixed effects');
  sameNames(fixedMatrix.names, training.design.fixed.names, 'the fixed effects');
  const fixed: FixedDesign = { names: fixedMatrix.names, p: fixedMatrix.names.length, X: rowMajor(fixedMatrix.columns, n), terms: fixedMatrix.terms };
  const groups = !withGroups
    ? []
    : rhs.groups.map((g, t): NewDataGroupDesign => {
        const trained = training.design.groups[t];
        const group = groupName(g);
        const matrix = modelMatrix(g.rhs.intercept, g.rhs.terms, source, `group term for '${group}'`);
        sameNames(matrix.names, trained.coefNames, `group term for '${group}'`);
        const { levels, index } = groupingFactor(g.grouping, table);
        const trainingIndex = new Map(trained.levels.map((l, k) => [l, k] as const));
        const firstRow = new Int32Array(levels.length).fill(-1);
        for (let i = 0; i < n; i++) if (firstRow[index[i]] === -1) firstRow[index[i]] = table.sourceRows ? table.sourceRows[i] : i + 1;
        return {
          group,
          grouping: [...g.grouping],
          levels,
          index,
          trainingLevel: Int32Array.from(levels, (l) => trainingIndex.get(l) ?? -1),
          firstRow,
          coefNames: matrix.names,
          q: matrix.names.length,
          Z: rowMajor(matrix.columns, n),
        };
      });
  const out: NewDataDesign = { n, fixed, groups };
  if (rhs.offsets && rhs.offsets.length > 0) out.offset = source.offset(rhs.offsets);
  return out;
}

function sameNames(got: string[], want: string[], what: string): void {
  if (got.length !== want.length || got.some((g, k) => g !== want[k])) {
    throw new Error(`internal: ${what} of the new data have columns ${got.join(', ')}, the training design ${want.join(', ')}`);
  }
}
