import { describe, expect, it } from 'vitest';
import { formulaColumns, mergeUsedColumns, parseFormula, parseRhs, responseColumns, rhsColumns } from '../../src/formula/index.js';

describe('the columns a formula uses', () => {
  it('sorts columns by use: numeric (response, se, trials, inside I()), grouping factors, and typed-by-content', () => {
    const f = parseFormula('k | trials(n) ~ 1 + age * Sex + I(log(dose) + w) + (1 + age | Subject) + (1 | a/b)');
    expect(formulaColumns(f)).toEqual({
      numeric: ['k', 'n', 'dose', 'w'],
      factor: ['Subject', 'a', 'b'],
      any: ['age', 'Sex'],
    });
  });

  it('does not list a whole-number trials() or a one-sided response', () => {
    expect(responseColumns({ column: 'k', trials: 10 })).toEqual({ numeric: ['k'], factor: [], any: [] });
    expect(formulaColumns(parseFormula('~ x'))).toEqual({ numeric: [], factor: [], any: ['x'] });
  });

  it('merges the lists of several formulas without repeats', () => {
    const merged = mergeUsedColumns(rhsColumns(parseRhs('1 + (1 | Tree)')), rhsColumns(parseRhs('1 + Sex + (0 + Sex | Tree)')), responseColumns({ column: 'circumference' }));
    expect(merged).toEqual({ numeric: ['circumference'], factor: ['Tree'], any: ['Sex'] });
  });
});
