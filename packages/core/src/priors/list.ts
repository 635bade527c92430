/** A brms get_prior()-style listing: every parameter with its prior, range and where it came from. */
import type { ResolvedPrior } from './types.js';

export interface PriorRow {
  parameter: string;
  class: string;
  coef: string;
  group: string;
  nlpar: string;
  /** The distributional parameter ('' for the mean's parameters). */
  dpar: string;
  prior: string;
  /** '' for the real line, else e.g. '<lower=0>' or '<lower=0, upper=10>'. */
  bounds: string;
  source: string;
}

function boundsText(r: ResolvedPrior): string {
  if (r.slot.class === 'cor') return '';
  const parts: string[] = [];
  if (r.bounds.lower > -Infinity) parts.push(`lower=${r.bounds.lower}`);
  if (r.bounds.upper < Infinity) parts.push(`upper=${r.bounds.upper}`);
  return parts.length ? `<${parts.join(', ')}>` : '';
}

export function listPriors(resolved: ResolvedPrior[]): PriorRow[] {
  return resolved.map((r) => ({
    parameter: r.slot.parameter,
    class: r.slot.class,
    coef: r.slot.coef ?? '',
    group: r.slot.group ?? '',
    nlpar: r.slot.nlpar ?? '',
    dpar: r.slot.dpar ?? '',
    prior: r.prior.text,
    bounds: boundsText(r),
    source: r.source,
  }));
}

const COLUMNS: (keyof PriorRow)[] = ['prior', 'class', 'coef', 'group', 'nlpar', 'dpar', 'bounds', 'parameter', 'source'];

/** Fixed-width text table of the rows (a header line, then one line per parameter). */
export function formatPriorTable(rows: PriorRow[]): string {
  // the dpar column only for models with dpars formulas, so other listings keep their shape
  const columns = rows.some((r) => r.dpar !== '') ? COLUMNS : COLUMNS.filter((c) => c !== 'dpar');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, k) => cell.padEnd(widths[k]))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}
