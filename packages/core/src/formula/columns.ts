/** Which data columns a formula uses, and how, so the data layer validates and types only those. */
import type { UsedColumns } from '../data/types.js';
import { variablesOf } from '../expr/index.js';
import type { Formula, Response, Rhs } from './ast.js';

/**
 * Columns of a whole formula: the response, se() and trials() columns and variables inside I() must be
 * numeric; grouping columns are factors; other predictors ('any') are typed by their content.
 */
export function formulaColumns(f: Formula): UsedColumns {
  return mergeUsedColumns(f.response ? responseColumns(f.response) : emptyUsed(), rhsColumns(f.rhs));
}

export function responseColumns(r: Response): UsedColumns {
  const numeric = [r.column];
  const any: string[] = [];
  if (r.se !== undefined) numeric.push(r.se);
  if (typeof r.trials === 'string') numeric.push(r.trials);
  // Censoring codes may be text ("left") or numbers (-1, 0, 1, 2): typed by their content.
  if (r.cens !== undefined) any.push(r.cens.column);
  if (r.cens?.y2 !== undefined) numeric.push(r.cens.y2);
  for (const b of [r.trunc?.lb, r.trunc?.ub]) if (typeof b === 'string') numeric.push(b);
  if (r.weights !== undefined) numeric.push(r.weights);
  return { numeric: unique(numeric), factor: [], any: unique(any) };
}

export function rhsColumns(rhs: Rhs): UsedColumns {
  const used = emptyUsed();
  const visit = (r: Rhs): void => {
    for (const term of r.terms) {
      for (const v of term.factors) {
        if (v.kind === 'column') used.any.push(v.name);
        else if (v.kind === 'poly') used.numeric.push(v.name);
        else used.numeric.push(...variablesOf(v.expr));
      }
    }
    for (const o of r.offsets ?? []) used.numeric.push(...variablesOf(o.expr));
    for (const g of r.groups) {
      visit(g.rhs);
      used.factor.push(...g.grouping);
    }
  };
  visit(rhs);
  return { numeric: unique(used.numeric), factor: unique(used.factor), any: unique(used.any) };
}

/** Union of several column lists (e.g. the stage-2 formulas of a nonlinear model), first use first. */
export function mergeUsedColumns(...parts: UsedColumns[]): UsedColumns {
  return {
    numeric: unique(parts.flatMap((p) => p.numeric)),
    factor: unique(parts.flatMap((p) => p.factor)),
    any: unique(parts.flatMap((p) => p.any)),
  };
}

function emptyUsed(): UsedColumns {
  return { numeric: [], factor: [], any: [] };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
