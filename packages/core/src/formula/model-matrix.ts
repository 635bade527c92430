/**
 * The model-matrix machinery shared by training and new-data designs: variable values (columns,
 * I(expr), poly(), offsets) computed once per variable, R's column enumeration and coding, grouping
 * factors. design.ts and design-newdata.ts build designs from it.
 */
import type { Table } from '../data/types.js';
import { DataError, SpecError } from '../errors.js';
import { evaluateExpression } from '../expr/index.js';
import type { Term, Variable } from './ast.js';
import { termLabel, variableKey, variableLabel } from './ast.js';
import { termCodings, type Coding } from './coding.js';
import { polyBasis, polyBasisNew, polyColumnNames, type PolyCoefficients } from './poly.js';

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

/**
 * The grouping factor's levels in order of appearance and each row's level. Factor columns give their
 * labels, numeric columns their numbers as text (a column also used as a numeric predictor); several
 * columns (a:b) give the labels joined by '_'.
 */
export function groupingFactor(grouping: string[], table: Table, columnOrder = false): { levels: string[]; index: Int32Array } {
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


type Resolved =
  | { kind: 'numeric'; values: Float64Array }
  | { kind: 'factor'; levels: string[]; codes: Int32Array }
  | { kind: 'basis'; columns: Float64Array[]; names: string[] };

/** One entry of a term's column: a numeric variable, or the indicator of one level of a factor. */
type Component = { label: string; values: Float64Array } | { label: string; codes: Int32Array; level: number };

export interface Matrix {
  names: string[];
  terms: string[];
  columns: Float64Array[];
}

export function modelMatrix(intercept: boolean, terms: Term[], source: VariableSource, what: string): Matrix {
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

export function rowMajor(columns: Float64Array[], n: number): Float64Array {
  const p = columns.length;
  const out = new Float64Array(n * p);
  columns.forEach((col, j) => {
    for (let i = 0; i < n; i++) out[i * p + j] = col[i];
  });
  return out;
}

export function requireColumn(table: Table, name: string) {
  const col = table.columns.get(name);
  if (!col) throw new DataError(`column '${name}' is not in the data (available: ${[...table.columns.keys()].join(', ')})`, { column: name });
  return col;
}

/** Values of formula variables, each computed once (I(...) is evaluated here, at design time). */
export class VariableSource {
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

