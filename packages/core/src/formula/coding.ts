/**
 * How each factor of each term is coded, by R's rule (Chambers & Hastie, "Statistical Models in S",
 * p. 38; model.matrix's TermCode): a factor F in term T is coded by treatment contrasts (reference level
 * dropped) when T without F is empty or is contained in an earlier term; otherwise by indicators for
 * every level. Without an intercept, the first factor of the first term holding a factor is coded by
 * indicators too, so that its levels take over the intercept's role (y ~ 0 + f gives one column per level).
 */
import type { Term } from './ast.js';
import { variableKey } from './ast.js';

export type Coding = 'numeric' | 'contrasts' | 'indicators';

/** codings[j][k] is the coding of factor k of term j. `levelCount` is 0 for numeric variables. */
export function termCodings(terms: Term[], intercept: boolean, levelCount: (termIndex: number, factorIndex: number) => number): Coding[][] {
  const keySets = terms.map((t) => new Set(t.factors.map(variableKey)));
  const codings = terms.map((term, j) =>
    term.factors.map((v, k): Coding => {
      if (levelCount(j, k) === 0) return 'numeric';
      const rest = [...keySets[j]].filter((key) => key !== variableKey(v));
      if (rest.length === 0) return 'contrasts';
      const inEarlierTerm = keySets.slice(0, j).some((earlier) => rest.every((key) => earlier.has(key)));
      return inEarlierTerm ? 'contrasts' : 'indicators';
    }),
  );
  if (!intercept) {
    outer: for (let j = 0; j < terms.length; j++) {
      for (let k = 0; k < terms[j].factors.length; k++) {
        if (levelCount(j, k) > 1) {
          codings[j][k] = 'indicators';
          break outer;
        }
      }
    }
  }
  return codings;
}
