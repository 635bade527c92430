/**
 * The per-observation arrays of the response extras cens(), trunc() and weights(), checked against
 * the response: an unknown censoring code, an interval without y2 or with y2 <= y, a negative weight,
 * a value outside the truncation bounds are DataErrors naming the column and the row.
 */
import type { Table } from '../data/index.js';
import { DataError, SpecError } from '../errors.js';
import type { FamilyInfo } from '../families/catalog.js';
import type { Response } from '../formula/index.js';

/** brms's censoring codes. */
export const CENSORING = { left: -1, none: 0, right: 1, interval: 2 } as const;

export interface ResponseExtrasData {
  /** Per observation: -1 left, 0 none, 1 right, 2 interval censored (brms's codes); null without cens(). */
  cens: Int8Array | null;
  /** Upper ends of interval-censored values (cens(c, y2)); other rows hold y2 as given. */
  y2: Float64Array | null;
  /** Truncation bounds per observation (-Infinity / Infinity where not given); null without trunc(). */
  lb: Float64Array | null;
  ub: Float64Array | null;
  /** Each observation's log-likelihood weight; null without weights(). */
  weights: Float64Array | null;
}

export function responseExtrasData(response: Response, y: Float64Array, table: Table, family: FamilyInfo): ResponseExtrasData | null {
  if (response.cens === undefined && response.trunc === undefined && response.weights === undefined) return null;
  const n = y.length;
  const rowOf = (i: number): number => (table.sourceRows ? table.sourceRows[i] : i + 1);
  const numeric = (name: string, role: string): Float64Array => {
    const col = table.columns.get(name);
    if (!col || col.kind !== 'numeric') throw new DataError(`column '${name}' (${role}) must be numeric`, { column: name });
    return col.values;
  };
  if ((response.cens || response.trunc) && !family.censoring) {
    const what = response.cens ? 'cens()' : 'trunc()';
    throw new SpecError(`${what} is not available for the ${family.name} family (only continuous and count families without zero-inflation or hurdle: gaussian, student, lognormal, poisson, negbinomial, gamma, weibull, exponential)`, 'spec.formula');
  }
  let cens: Int8Array | null = null;
  let y2: Float64Array | null = null;
  if (response.cens) {
    const { column } = response.cens;
    y2 = response.cens.y2 !== undefined ? numeric(response.cens.y2, 'cens() y2') : null;
    cens = censoringCodes(table, column, rowOf);
    for (let i = 0; i < n; i++) {
      if (cens[i] !== CENSORING.interval) continue;
      if (!y2) throw new DataError(`row ${rowOf(i)} of '${column}' is interval-censored, which needs the upper end: write cens(${column}, y2)`, { column, row: rowOf(i) });
      if (!(y2[i] > y[i])) {
        throw new DataError(`interval-censored row ${rowOf(i)}: y2 = ${y2[i]} (column '${response.cens.y2}') must be above the response ${y[i]}`, { column: response.cens.y2!, row: rowOf(i) });
      }
    }
  }
  let lb: Float64Array | null = null;
  let ub: Float64Array | null = null;
  if (response.trunc) {
    const bound = (b: number | string | undefined, fill: number): Float64Array =>
      b === undefined ? new Float64Array(n).fill(fill) : typeof b === 'number' ? new Float64Array(n).fill(b) : numeric(b, 'trunc() bound');
    lb = bound(response.trunc.lb, -Infinity);
    ub = bound(response.trunc.ub, Infinity);
    for (let i = 0; i < n; i++) {
      // A censored value's y is a limit, not an observation; brms checks every y against the bounds likewise.
      const upper = cens && cens[i] === CENSORING.interval && y2 ? y2[i] : y[i];
      if (!(lb[i] < ub[i])) throw new DataError(`row ${rowOf(i)}: truncation bounds lb = ${lb[i]} and ub = ${ub[i]} are not in order`, { column: response.column, row: rowOf(i) });
      if (y[i] < lb[i] || upper > ub[i]) {
        throw new DataError(`response '${response.column}' is ${y[i]} at row ${rowOf(i)}, outside the truncation bounds [${lb[i]}, ${ub[i]}]`, { column: response.column, row: rowOf(i) });
      }
    }
  }
  let weights: Float64Array | null = null;
  if (response.weights !== undefined) {
    weights = numeric(response.weights, 'weights()');
    const bad = weights.findIndex((w) => w < 0);
    if (bad !== -1) throw new DataError(`weight ${weights[bad]} at row ${rowOf(bad)} of '${response.weights}' is negative; weights must be >= 0`, { column: response.weights, row: rowOf(bad) });
  }
  return { cens, y2, lb, ub, weights };
}

/** Codes from text (left, none, right, interval) or numbers (-1, 0, 1, 2), as brms accepts them. */
function censoringCodes(table: Table, column: string, rowOf: (i: number) => number): Int8Array {
  const col = table.columns.get(column);
  if (!col) throw new DataError(`column '${column}' (cens()) is not in the data`, { column });
  const out = new Int8Array(table.nrow);
  const valid = 'left, none, right, interval or -1, 0, 1, 2';
  for (let i = 0; i < table.nrow; i++) {
    let code: number | undefined;
    let shown: string;
    if (col.kind === 'factor') {
      shown = JSON.stringify(col.levels[col.codes[i]]);
      const label = col.levels[col.codes[i]];
      code = Object.prototype.hasOwnProperty.call(CENSORING, label) ? CENSORING[label as keyof typeof CENSORING] : undefined;
      if (code === undefined && /^-?[0-2]$/.test(label)) code = Number(label);
    } else {
      shown = String(col.values[i]);
      code = [-1, 0, 1, 2].includes(col.values[i]) ? col.values[i] : undefined;
    }
    if (code === undefined) throw new DataError(`column '${column}' has censoring code ${shown} at row ${rowOf(i)}; codes are ${valid}`, { column, row: rowOf(i) });
    out[i] = code;
  }
  return out;
}
