/**
 * Canonical formula text: intercept first ('1' or '0'), then terms in order, then group terms, joined by
 * ' + '; names bare when possible, else backquoted. parseFormula(printFormula(f)) deep-equals f.
 */
import type { Formula, GroupTerm, Response, Rhs, Term, Variable } from './ast.js';
import { quoteName } from './names.js';

export function printFormula(f: Formula): string {
  const rhs = printRhs(f.rhs);
  return f.response ? `${printResponse(f.response)} ~ ${rhs}` : `~ ${rhs}`;
}

export function printResponse(r: Response): string {
  const additions: string[] = [];
  if (r.se !== undefined) additions.push(`se(${quoteName(r.se)})`);
  if (r.trials !== undefined) additions.push(`trials(${typeof r.trials === 'number' ? String(r.trials) : quoteName(r.trials)})`);
  const column = quoteName(r.column);
  return additions.length > 0 ? `${column} | ${additions.join(' + ')}` : column;
}

export function printRhs(r: Rhs): string {
  return [r.intercept ? '1' : '0', ...r.terms.map(printTerm), ...r.groups.map(printGroupTerm)].join(' + ');
}

export function printTerm(t: Term): string {
  return t.factors.map(printVariable).join(':');
}

export function printVariable(v: Variable): string {
  return v.kind === 'column' ? quoteName(v.name) : `I(${v.text})`;
}

export function printGroupTerm(g: GroupTerm): string {
  return `(${printRhs(g.rhs)} ${g.correlated ? '|' : '||'} ${g.grouping.map(quoteName).join(':')})`;
}
