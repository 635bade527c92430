/** A per-column account of how the data was read, for users and documentation. */
import type { Table } from './types.js';

export type ColumnDescription =
  | { column: string; kind: 'numeric'; min: number; max: number }
  | { column: string; kind: 'factor'; levels: string[] };

/** How each column of a prepared table was treated: numeric (with its range) or factor (with its levels). */
export function describeColumns(table: Table): ColumnDescription[] {
  return [...table.columns.values()].map((col) => {
    if (col.kind === 'factor') return { column: col.name, kind: 'factor', levels: [...col.levels] };
    let min = Infinity;
    let max = -Infinity;
    for (const v of col.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { column: col.name, kind: 'numeric', min, max };
  });
}

/** One line per column, e.g. "Days: numeric (0 to 9)" or "Subject: factor, 18 levels (308, 309, ...)". */
export function formatColumnDescriptions(descriptions: ColumnDescription[]): string {
  return descriptions
    .map((d) => {
      if (d.kind === 'numeric') return `${d.column}: numeric (${d.min} to ${d.max})`;
      const shown = d.levels.slice(0, 5).join(', ') + (d.levels.length > 5 ? ', ...' : '');
      return `${d.column}: factor, ${d.levels.length} level${d.levels.length === 1 ? '' : 's'} (${shown})`;
    })
    .join('\n');
}
