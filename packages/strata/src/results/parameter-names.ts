/** The brms names of a fit's quantities taken apart (r_<group>[__<nlpar>][<level>,<coef>]). */

export interface RanefName {
  group: string;
  /** The nonlinear parameter ('' for a linear model). */
  nlpar: string;
  level: string;
  coef: string;
}

/** Group-level effect names split into their parts; null for any other name. */
export function parseRanefName(name: string): RanefName | null {
  const m = /^r_(.+)\[(.*),([^,\]]+)\]$/.exec(name);
  if (!m) return null;
  const [, term, level, coef] = m;
  const split = term.indexOf('__');
  return { group: split < 0 ? term : term.slice(0, split), nlpar: split < 0 ? '' : term.slice(split + 2), level, coef };
}
