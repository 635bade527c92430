/**
 * The formula syntax tree: plain JSON-compatible data, compared with deep equality. Expansion happens
 * while parsing (a*b becomes a, b, a:b; (1 | a/b) becomes two group terms), so the tree is already the
 * list of model terms, in canonical order (by degree, then as written) and without duplicates.
 */
import type { ExprNode } from '../expr/index.js';

/** `y ~ rhs`; `response` is null for a one-sided formula `~ rhs`. */
export interface Formula {
  response: Response | null;
  rhs: Rhs;
}

/** The left-hand side: `y`, `y | se(s)`, `y | trials(n)` (n a column or a whole number). */
export interface Response {
  column: string;
  se?: string;
  trials?: string | number;
}

export interface Rhs {
  intercept: boolean;
  terms: Term[];
  groups: GroupTerm[];
}

/** One model term: `a:b:c` has three factors; a main effect has one. */
export interface Term {
  factors: Variable[];
}

/** A data column, or `I(expr)` whose `text` is the expression as printExpression writes it. */
export type Variable = { kind: 'column'; name: string } | { kind: 'I'; text: string; expr: ExprNode };

/** `(rhs | grouping)` (correlated) or `(rhs || grouping)`; grouping ['a', 'b'] is the factor a:b. */
export interface GroupTerm {
  rhs: Rhs;
  correlated: boolean;
  grouping: string[];
}

/** The name a variable gets in design-matrix column names: the column name, or `I(x^2)`. */
export function variableLabel(v: Variable): string {
  return v.kind === 'column' ? v.name : `I(${v.text})`;
}

/** The term as brms / R labels it: factors joined with ':'. */
export function termLabel(term: Term): string {
  return term.factors.map(variableLabel).join(':');
}

/** Identity of a variable (a column and I(column) never collide). */
export function variableKey(v: Variable): string {
  return v.kind === 'column' ? `c:${v.name}` : `I:${v.text}`;
}

/** Identity of a term: the set of its variables, so a:b and b:a are the same term (as in R). */
export function termKey(term: Term): string {
  return JSON.stringify(term.factors.map(variableKey).sort());
}

/** The grouping factor's name: 'Subject', or 'a:b' for an interaction / nested grouping. */
export function groupName(group: GroupTerm): string {
  return group.grouping.join(':');
}
