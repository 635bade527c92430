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

/**
 * The left-hand side: `y`, `y | se(s)`, `y | trials(n)` (n a column or a whole number), and the
 * extras of the contract, combined with '+': `cens(c)`, `cens(c, y2)`, `trunc(lb = 0, ub = 10)`,
 * `weights(w)`.
 */
export interface Response {
  column: string;
  se?: string;
  trials?: string | number;
  cens?: Censoring;
  trunc?: Truncation;
  weights?: string;
}

/** `cens(c)` or `cens(c, y2)`: the column of censoring codes and, for interval censoring, the upper end. */
export interface Censoring {
  column: string;
  y2?: string;
}

/** `trunc(lb = , ub = )`: each bound a number or a column; at least one is given. */
export interface Truncation {
  lb?: number | string;
  ub?: number | string;
}

export interface Rhs {
  intercept: boolean;
  terms: Term[];
  groups: GroupTerm[];
  /** `offset(expr)` terms (coefficient 1), as written; present only when there is one. */
  offsets?: Offset[];
}

/** `offset(expr)`: `text` is the expression as printExpression writes it. */
export interface Offset {
  text: string;
  expr: ExprNode;
}

/** One model term: `a:b:c` has three factors; a main effect has one. */
export interface Term {
  factors: Variable[];
}

/**
 * A data column, `I(expr)` whose `text` is the expression as printExpression writes it, or
 * `poly(x, degree)` / `poly(x, degree, raw = TRUE)` of a numeric column.
 */
export type Variable =
  | { kind: 'column'; name: string }
  | { kind: 'I'; text: string; expr: ExprNode }
  | { kind: 'poly'; name: string; degree: number; raw: boolean };

/**
 * `(rhs | grouping)` (correlated) or `(rhs || grouping)`; grouping ['a', 'b'] is the factor a:b.
 * `(rhs | id | grouping)` gives the term an ID: terms of one grouping factor with the same ID, in any
 * of the model's formulas, form one correlated block (brms). `id` is present only when written.
 */
export interface GroupTerm {
  rhs: Rhs;
  correlated: boolean;
  grouping: string[];
  id?: string;
}

/** The name a variable gets in design-matrix column names and term labels: `x`, `I(x^2)`, `poly(x, 2)`. */
export function variableLabel(v: Variable): string {
  if (v.kind === 'column') return v.name;
  if (v.kind === 'I') return `I(${v.text})`;
  return v.raw ? `poly(${v.name}, ${v.degree}, raw = TRUE)` : `poly(${v.name}, ${v.degree})`;
}

/** The term as brms / R labels it: factors joined with ':'. */
export function termLabel(term: Term): string {
  return term.factors.map(variableLabel).join(':');
}

/** Identity of a variable (a column and I(column) never collide). */
export function variableKey(v: Variable): string {
  if (v.kind === 'column') return `c:${v.name}`;
  if (v.kind === 'I') return `I:${v.text}`;
  return `p:${v.raw ? 'raw' : 'orth'}:${v.degree}:${v.name}`;
}

/** Identity of a term: the set of its variables, so a:b and b:a are the same term (as in R). */
export function termKey(term: Term): string {
  return JSON.stringify(term.factors.map(variableKey).sort());
}

/** The grouping factor's name: 'Subject', or 'a:b' for an interaction / nested grouping. */
export function groupName(group: GroupTerm): string {
  return group.grouping.join(':');
}
