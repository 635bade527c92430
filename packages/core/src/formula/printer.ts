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
  if (r.cens !== undefined) additions.push(`cens(${[r.cens.column, ...(r.cens.y2 !== undefined ? [r.cens.y2] : [])].map(quoteName).join(', ')})`);
  if (r.trunc !== undefined) {
    const bounds = (['lb', 'ub'] as const).filter((k) => r.trunc![k] !== undefined).map((k) => `${k} = ${printBound(r.trunc![k]!)}`);
    additions.push(`trunc(${bounds.join(', ')})`);
  }
  if (r.weights !== undefined) additions.push(`weights(${quoteName(r.weights)})`);
  const column = quoteName(r.column);
  return additions.length > 0 ? `${column} | ${additions.join(' + ')}` : column;
}

function printBound(b: number | string): string {
  return typeof b === 'number' ? String(b) : quoteName(b);
}

export function printRhs(r: Rhs): string {
  const offsets = (r.offsets ?? []).map((o) => `offset(${o.text})`);
  return [r.intercept ? '1' : '0', ...r.terms.map(printTerm), ...offsets, ...r.groups.map(printGroupTerm)].join(' + ');
}

export function printTerm(t: Term): string {
  return t.factors.map(printVariable).join(':');
}

export function printVariable(v: Variable): string {
  if (v.kind === 'column') return quoteName(v.name);
  if (v.kind === 'I') return `I(${v.text})`;
  return `poly(${quoteName(v.name)}, ${v.degree}${v.raw ? ', raw = TRUE' : ''})`;
}

export function printGroupTerm(g: GroupTerm): string {
  const bar = g.id !== undefined ? `| ${quoteName(g.id)} |` : g.correlated ? '|' : '||';
  return `(${printRhs(g.rhs)} ${bar} ${g.grouping.map(quoteName).join(':')})`;
}
