/**
 * The data side of residual autocorrelation: each observation's series (the gr column's level), its
 * time, and the order that sorts the observations by series, then time (a permutation; the data need
 * not be sorted). Ties of time within a series are a DataError naming both rows. The time column's
 * type (text) and missing values are checked with the rest of the data (prepareTable: column, row).
 */
import type { Table } from '../data/index.js';
import { DataError } from '../errors.js';
import type { AutocorTerm } from '../formula/autocor.js';

export interface AutocorStructure {
  kind: 'ar' | 'car1';
  /** ar's order (1). */
  p: 1;
  timeColumn: string | null;
  grColumn: string | null;
  /** Each observation's time; null for ar without time (the data's order within the series). */
  time: Float64Array | null;
  /** Each observation's series, 0-based into `levels`. */
  series: Int32Array;
  /** Series labels, in order of first appearance (one unnamed series without gr). */
  levels: string[];
  /** Observation indices sorted by series, then time (stable: data order among equal keys without time). */
  order: Int32Array;
  /** Start of each series in `order` (length levels.length + 1). */
  seriesStart: Int32Array;
}

export function autocorStructure(term: AutocorTerm, table: Table): AutocorStructure {
  const n = table.nrow;
  const rowOf = (i: number): number => (table.sourceRows ? table.sourceRows[i] : i + 1);
  let time: Float64Array | null = null;
  if (term.time !== null) {
    const col = table.columns.get(term.time);
    if (!col || col.kind !== 'numeric') throw new DataError(`the time column '${term.time}' of autocor must be numeric`, { column: term.time });
    time = col.values;
  }
  const levels: string[] = [];
  const series = new Int32Array(n);
  if (term.gr !== null) {
    const col = table.columns.get(term.gr);
    if (!col) throw new DataError(`column '${term.gr}' (autocor gr) is not in the data`, { column: term.gr });
    const codeOf = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const label = col.kind === 'factor' ? col.levels[col.codes[i]] : String(col.values[i]);
      let code = codeOf.get(label);
      if (code === undefined) {
        code = levels.length;
        codeOf.set(label, code);
        levels.push(label);
      }
      series[i] = code;
    }
  } else {
    levels.push('1');
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const t = time;
  order.sort((a, b) => series[a] - series[b] || (t ? t[a] - t[b] : 0) || a - b);
  const seriesStart = new Int32Array(levels.length + 1);
  for (let i = 0; i < n; i++) seriesStart[series[i] + 1]++;
  for (let s = 0; s < levels.length; s++) seriesStart[s + 1] += seriesStart[s];
  if (t) {
    for (let k = 1; k < n; k++) {
      const a = order[k - 1];
      const b = order[k];
      if (series[a] === series[b] && t[a] === t[b]) {
        const where = term.gr !== null ? ` in series '${levels[series[a]]}' of '${term.gr}'` : '';
        throw new DataError(`time ${t[a]} of '${term.time}' occurs twice${where} (rows ${rowOf(a)} and ${rowOf(b)}); autocor needs distinct times within a series`, { column: term.time!, row: rowOf(b) });
      }
    }
  }
  return { kind: term.kind, p: 1, timeColumn: term.time, grColumn: term.gr, time, series, levels, order, seriesStart };
}
