/** The posterior summary as an HTML table: one row per variable, the columns posterior's summarise_draws names. */
import type { FitSummary } from '@strata/strata';

export const SUMMARY_COLUMNS = ['mean', 'sd', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail'] as const;

function format(value: string | number | null | undefined, column: string): string {
  if (typeof value !== 'number') return value == null ? 'NA' : String(value);
  if (column.startsWith('ess')) return Math.round(value).toString();
  if (column === 'rhat') return value.toFixed(3);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4);
}

export function summaryTable(summary: FitSummary): HTMLTableElement {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const name of ['variable', ...SUMMARY_COLUMNS]) {
    const th = document.createElement('th');
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of summary.variables) {
    const tr = body.insertRow();
    tr.insertCell().textContent = String(row.variable);
    for (const column of SUMMARY_COLUMNS) tr.insertCell().textContent = format(row[column], column);
  }
  return table;
}
