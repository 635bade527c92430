/**
 * The algebra of term lists behind R's formula operators. A term list is ordered (first occurrence
 * wins) and has no duplicates; a term is a set of variables (a:a is a, a:b equals b:a).
 */
import type { Term, Variable } from './ast.js';
import { termKey, variableKey } from './ast.js';

/** A term from variables, dropping repeats (R: a:a is a). */
export function makeTerm(variables: Variable[]): Term {
  const seen = new Set<string>();
  const factors: Variable[] = [];
  for (const v of variables) {
    const key = variableKey(v);
    if (!seen.has(key)) {
      seen.add(key);
      factors.push(v);
    }
  }
  return { factors };
}

/** a + b: the terms of `a`, then those of `b` not already present. */
export function union(a: Term[], b: Term[]): Term[] {
  const keys = new Set(a.map(termKey));
  const out = [...a];
  for (const t of b) {
    const key = termKey(t);
    if (!keys.has(key)) {
      keys.add(key);
      out.push(t);
    }
  }
  return out;
}

/** a - b: the terms of `a` that are not in `b`. */
export function difference(a: Term[], b: Term[]): Term[] {
  const remove = new Set(b.map(termKey));
  return a.filter((t) => !remove.has(termKey(t)));
}

/** a:b: every term of `a` joined with every term of `b`. */
export function interact(a: Term[], b: Term[]): Term[] {
  const out: Term[] = [];
  for (const x of a) for (const y of b) out.push(makeTerm([...x.factors, ...y.factors]));
  return union([], out);
}

/** a*b = a + b + a:b. */
export function cross(a: Term[], b: Term[]): Term[] {
  return union(union(a, b), interact(a, b));
}

/** a/b = a + (all variables of a):b, R's nesting (b within a). */
export function nest(a: Term[], b: Term[]): Term[] {
  if (a.length === 0) return b;
  const all = makeTerm(a.flatMap((t) => t.factors));
  return union(a, interact([all], b));
}

/** Canonical order: by degree (main effects first), otherwise as written; R's default term order. */
export function byDegree(terms: Term[]): Term[] {
  return [...terms].sort((x, y) => x.factors.length - y.factors.length);
}
