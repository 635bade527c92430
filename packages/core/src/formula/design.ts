/**
 * Design matrices from a parsed right-hand side and a prepared table, as R's model.matrix and brms build
 * them: treatment contrasts with the first level (in order of appearance) as reference, columns named
 * 'Intercept', 'Days', 'SexFemale', 'age:SexFemale', 'I(x^2)'; one GroupDesign per group term.
 */
import type { Column, RawTable, Table } from '../data/types.js';
import { cellLabel, cellNumber, showCell } from '../data/cells.js';
import { DataError, SpecError } from '../errors.js';
import { evaluateExpression } from '../expr/index.js';
import type { GroupTerm, Rhs, Term, Variable } from './ast.js';
import { groupName, termLabel, variableKey, variableLabel } from './ast.js';
import { termCodings, type Coding } from './coding.js';
import { checkFullRank } from './rank.js';
import { rhsColumns } from './columns.js';
import { polyBasis, polyBasisNew, polyColumnNames, type PolyCoefficients } from './poly.js';

export interface FixedDesign {
  names: string[];
  p: number;
  /** n x p, row-major. */
  X: Float64Array;
  /** The term each column comes from ('Intercept' for the intercept), e.g. 'age:Sex' for 'age:SexFemale'. */
  terms: string[];
}

export interface GroupDesign {
  /** 'Subject', or 'a:b' for a nested or interaction grouping factor. */
  group: string;
  /** The grouping columns ('a', 'b' for a:b). */
  grouping: string[];
  /** In order of appearance; for a:b the two labels joined by '_' (as brms: r_a:b[1_2,Intercept]). */
  levels: string[];
  /** n, 0-based level of each observation. */
  index: Int32Array;
  coefNames: string[];
  q: number;
  /** n x q, row-major. */
  Z: Float64Array;
  correlated: boolean;
}

export interface Design {
  fixed: FixedDesign;
  groups: GroupDesign[];
  /** The sum of the rhs's offset(...) terms per observation (coefficient 1); absent without offsets. */
  offset?: Float64Array;
  /** The poly() bases of this design, with R's coefficients (new data is evaluated with them). */
  polys?: PolyRecord[];
}

/** One poly(x, k) variable of a design: its key (ast.variableKey) and R's coefficients (null for raw). */
export interface PolyRecord {
  key: string;
  column: string;
  degree: number;
  raw: boolean;
  coefs: PolyCoefficients | null;
}

/** Cap on matrix cells so a factor with thousands of levels in an interaction fails fast, not out of memory. */
const MAX_CELLS = 50_000_000;

export function buildDesign(rhs: Rhs, table: Table): Design {
  if (table.nrow < 1) throw new DataError('the data has no rows');
  const source = new VariableSource(table);
  const fixedMatrix = modelMatrix(rhs.intercept, rhs.terms, source, 'the fixed effects');
  checkFullRank(fixedMatrix.columns, fixedMatrix.names, fixedMatrix.terms);
  const fixed: FixedDesign = {
    names: fixedMatrix.names,
    p: fixedMatrix.names.length,
    X: rowMajor(fixedMatrix.columns, table.nrow),
    terms: fixedMatrix.terms,
  };
  const groups = rhs.groups.map((g) => groupDesign(g, source));
  checkGroupCoefficients(groups);
  const design: Design = { fixed, groups };
  if (rhs.offsets && rhs.offsets.length > 0) design.offset = source.offset(rhs.offsets);
  if (source.polys.length > 0) design.polys = source.polys;
  return design;
}

function groupDesign(g: GroupTerm, source: VariableSource): GroupDesign {
  const { levels, index } = groupingFactor(g.grouping, source.table, true);
  const group = groupName(g);
  // With one level the group-level sd is not identified from the data (lme4 refuses it too); the fit
  // would only show divergences. One observation per level is fine (observation-level effects).
  if (levels.length < 2) {
    const where = g.grouping.length === 1 ? { column: group } : {};
    throw new DataError(`grouping factor '${group}' has only 1 level ('${levels[0]}'); a group-level term needs at least 2`, where);
  }
  const matrix = modelMatrix(g.rhs.intercept, g.rhs.terms, source, `group term for '${group}'`);
  return {
    group,
    grouping: [...g.grouping],
    levels,
    index,
    coefNames: matrix.names,
    q: matrix.names.length,
    Z: rowMajor(matrix.columns, source.table.nrow),
    correlated: g.correlated,
  };
}

/**
 * The grouping factor's levels in order of appearance and each row's level. Factor columns give their
 * labels, numeric columns their numbers as text (a column also used as a numeric predictor); several
 * columns (a:b) give the labels joined by '_'.
 */
function groupingFactor(grouping: string[], table: Table, columnOrder = false): { levels: string[]; index: Int32Array } {
  // Training data, one factor column: its own level order (which "levels" in the spec may have fixed).
  const single = columnOrder && grouping.length === 1 ? requireColumn(table, grouping[0]) : null;
  if (single?.kind === 'factor' && table.nrow === single.codes.length) {
    const present = new Uint8Array(single.levels.length);
    for (const c of single.codes) present[c] = 1;
    if (present.every((p) => p === 1)) return { levels: [...single.levels], index: Int32Array.from(single.codes) };
  }
  const labelers = grouping.map((name) => {
    const col = requireColumn(table, name);
    return col.kind === 'factor' ? (i: number) => col.levels[col.codes[i]] : (i: number) => String(col.values[i]);
  });
  const levels: string[] = [];
  const codeOf = new Map<string, number>();
  const index = new Int32Array(table.nrow);
  for (let i = 0; i < table.nrow; i++) {
    const label = labelers.map((labelOf) => labelOf(i)).join('_');
    let code = codeOf.get(label);
    if (code === undefined) {
      code = levels.length;
      codeOf.set(label, code);
      levels.push(label);
    }
    index[i] = code;
  }
  return { levels, index };
}

/** Two group terms on the same grouping factor may not both have a coefficient of the same name. */
function checkGroupCoefficients(groups: GroupDesign[]): void {
  const seen = new Map<string, Set<string>>();
  for (const g of groups) {
    const names = seen.get(g.group) ?? new Set<string>();
    for (const coef of g.coefNames) {
      if (names.has(coef)) {
        throw new SpecError(`'${coef}' varies by '${g.group}' in two group terms; list it in one group term only`, 'formula');
      }
      names.add(coef);
    }
    seen.set(g.group, names);
  }
}

type Resolved =
  | { kind: 'numeric'; values: Float64Array }
  | { kind: 'factor'; levels: string[]; codes: Int32Array }
  | { kind: 'basis'; columns: Float64Array[]; names: string[] };

/** One entry of a term's column: a numeric variable, or the indicator of one level of a factor. */
type Component = { label: string; values: Float64Array } | { label: string; codes: Int32Array; level: number };

interface Matrix {
  names: string[];
  terms: string[];
  columns: Float64Array[];
}

function modelMatrix(intercept: boolean, terms: Term[], source: VariableSource, what: string): Matrix {
  const n = source.table.nrow;
  const resolved = terms.map((t) => t.factors.map((v) => source.get(v)));
  const codings = termCodings(terms, intercept, (j, k) => {
    const r = resolved[j][k];
    return r.kind === 'factor' ? r.levels.length : 0;
  });
  const matrix: Matrix = { names: [], terms: [], columns: [] };
  if (intercept) push(matrix, 'Intercept', 'Intercept', new Float64Array(n).fill(1));
  terms.forEach((term, j) => {
    const choices = term.factors.map((v, k) => components(v, resolved[j][k], codings[j][k], term));
    const count = choices.reduce((c, list) => c * list.length, 1);
    if ((matrix.columns.length + count) * n > MAX_CELLS) {
      throw new SpecError(`term '${termLabel(term)}' makes ${what} too large (${count} columns for ${n} rows)`, 'formula');
    }
    // Enumerate level combinations with the first factor varying fastest, as model.matrix does.
    const pick = new Array<number>(choices.length).fill(0);
    for (let c = 0; c < count; c++) {
      const parts = choices.map((list, k) => list[pick[k]]);
      push(matrix, parts.map((p) => p.label).join(':'), termLabel(term), product(parts, n));
      for (let k = 0; k < pick.length && ++pick[k] === choices[k].length; k++) pick[k] = 0;
    }
  });
  const duplicate = matrix.names.find((name, i) => matrix.names.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new SpecError(`two columns of ${what} are both named '${duplicate}' (a column name plus a factor level repeats another name); rename a column`, 'formula');
  }
  return matrix;
}

function components(v: Variable, r: Resolved, coding: Coding, term: Term): Component[] {
  const label = variableLabel(v);
  if (r.kind === 'numeric') return [{ label, values: r.values }];
  if (r.kind === 'basis') return r.columns.map((values, j) => ({ label: r.names[j], values }));
  const first = coding === 'contrasts' ? 1 : 0;
  if (r.levels.length <= first) {
    throw new SpecError(
      `factor '${label}' in term '${termLabel(term)}' has only one level (${JSON.stringify(r.levels[0] ?? '')}), so there is nothing to compare with its reference level`,
      'formula',
    );
  }
  return r.levels.slice(first).map((level, i) => ({ label: label + level, codes: r.codes, level: first + i }));
}

function product(parts: Component[], n: number): Float64Array {
  const out = new Float64Array(n).fill(1);
  for (const part of parts) {
    if ('values' in part) for (let i = 0; i < n; i++) out[i] *= part.values[i];
    else for (let i = 0; i < n; i++) if (part.codes[i] !== part.level) out[i] = 0;
  }
  return out;
}

function push(matrix: Matrix, name: string, term: string, column: Float64Array): void {
  matrix.names.push(name);
  matrix.terms.push(term);
  matrix.columns.push(column);
}

function rowMajor(columns: Float64Array[], n: number): Float64Array {
  const p = columns.length;
  const out = new Float64Array(n * p);
  columns.forEach((col, j) => {
    for (let i = 0; i < n; i++) out[i * p + j] = col[i];
  });
  return out;
}

function requireColumn(table: Table, name: string) {
  const col = table.columns.get(name);
  if (!col) throw new DataError(`column '${name}' is not in the data (available: ${[...table.columns.keys()].join(', ')})`, { column: name });
  return col;
}

/** Values of formula variables, each computed once (I(...) is evaluated here, at design time). */
class VariableSource {
  private readonly cache = new Map<string, Resolved>();
  /** The poly() bases computed here, in order of first use. */
  readonly polys: PolyRecord[] = [];

  /** `trainedPolys`: new data, whose poly() bases use the training coefficients. */
  constructor(
    readonly table: Table,
    private readonly trainedPolys?: readonly PolyRecord[],
  ) {}

  get(v: Variable): Resolved {
    const key = variableKey(v);
    let r = this.cache.get(key);
    if (!r) {
      r = v.kind === 'column' ? this.column(v.name) : v.kind === 'poly' ? this.poly(v, key) : this.evaluate(variableLabel(v), v.expr);
      this.cache.set(key, r);
    }
    return r;
  }

  /** The summed offsets, each a finite number in every row. */
  offset(offsets: readonly { text: string; expr: Extract<Variable, { kind: 'I' }>['expr'] }[]): Float64Array {
    const total = new Float64Array(this.table.nrow);
    for (const o of offsets) {
      const values = this.evaluate(`offset(${o.text})`, o.expr).values;
      for (let i = 0; i < total.length; i++) total[i] += values[i];
    }
    return total;
  }

  private poly(v: Extract<Variable, { kind: 'poly' }>, key: string): Resolved {
    const col = requireColumn(this.table, v.name);
    if (col.kind !== 'numeric') throw new DataError(`${variableLabel(v)} needs a numeric column, but '${v.name}' is a factor`, { column: v.name });
    const names = polyColumnNames(v.name, v.degree, v.raw);
    if (this.trainedPolys) {
      const trained = this.trainedPolys.find((p) => p.key === key);
      if (!trained) throw new Error(`internal: no training basis for ${variableLabel(v)}`);
      return { kind: 'basis', columns: polyBasisNew(col.values, v.degree, trained.coefs), names };
    }
    const basis = polyBasis(col.values, v.degree, v.raw, v.name);
    this.polys.push({ key, column: v.name, degree: v.degree, raw: v.raw, coefs: basis.coefs });
    return { kind: 'basis', columns: basis.columns, names };
  }

  private column(name: string): Resolved {
    const col = requireColumn(this.table, name);
    return col.kind === 'numeric' ? { kind: 'numeric', values: col.values } : { kind: 'factor', levels: col.levels, codes: col.codes };
  }

  private evaluate(label: string, expr: Extract<Variable, { kind: 'I' }>['expr']): { kind: 'numeric'; values: Float64Array } {
    const values = evaluateExpression(
      expr,
      (name) => {
        const col = requireColumn(this.table, name);
        if (col.kind !== 'numeric') throw new DataError(`${label} uses column '${name}' as a number, but it is a factor`, { column: name });
        return col.values;
      },
      this.table.nrow,
    );
    const bad = values.findIndex((x) => !Number.isFinite(x));
    if (bad !== -1) {
      const row = this.table.sourceRows ? this.table.sourceRows[bad] : bad + 1;
      throw new DataError(`${label} is ${values[bad]} at row ${row}; it must be a finite number in every row`, { column: label, row });
    }
    return { kind: 'numeric', values };
  }
}

// ---------------------------------------------------------------------------------------------------
// Design matrices for new data, coded as the training data (for predictions). An extension: nothing
// above depends on it. New data is typed by the training table (a column numeric there must hold
// numbers; a factor keeps the training levels in their order, so treatment contrasts and column names
// are the same), and a factor level the training data did not have is a DataError naming the column,
// the level and the row. Grouping factors may have new levels: each new-data group design says which
// training level (or none) each of its levels is.
// ---------------------------------------------------------------------------------------------------

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
