import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../src/errors.js';
import { parseFormula, parseResponse, parseRhs, printFormula, printResponse, printRhs, splitFormula } from '../../src/formula/index.js';
import { formula, formulaLike, response, rhs } from './arbitraries.js';

const RUNS = 10_000;

/** Run every parser entry point on `text`; anything thrown must be a FormulaError with a valid position. */
function onlyFormulaErrors(text: string): void {
  for (const parse of [parseFormula, parseRhs, parseResponse, splitFormula]) {
    try {
      parse(text);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      expect(e.position).toBeGreaterThanOrEqual(0);
      expect(e.position).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('the formula parser on arbitrary input', () => {
  it('throws nothing but FormulaError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), onlyFormulaErrors), { numRuns: RUNS });
  });

  it('throws nothing but FormulaError on strings built from formula tokens', () => {
    fc.assert(fc.property(formulaLike, onlyFormulaErrors), { numRuns: RUNS });
  });

  it('prints whatever it parses to text that parses to the same tree', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.tuple(formulaLike, fc.constantFrom('y ~ ', 'y ~ x + ', '')), ([body, prefix]) => {
        let f;
        try {
          f = parseFormula(prefix + body);
        } catch {
          return; // only valid formulas have a printed form
        }
        parsed++;
        expect(parseFormula(printFormula(f))).toStrictEqual(f);
      }),
      { numRuns: RUNS },
    );
    expect(parsed).toBeGreaterThan(100); // the generator does produce valid formulas
  });
});

describe('parse(print(f)) deep-equals f for generated trees', () => {
  it('formulas', () => {
    fc.assert(fc.property(formula, (f) => {
        expect(parseFormula(printFormula(f))).toStrictEqual(f);
      }), { numRuns: 1_500 });
  });

  it('right-hand sides', () => {
    fc.assert(fc.property(rhs, (r) => {
        expect(parseRhs(printRhs(r))).toStrictEqual(r);
      }), { numRuns: 1_500 });
  });

  it('responses', () => {
    fc.assert(fc.property(response, (r) => {
        expect(parseResponse(printResponse(r))).toStrictEqual(r);
      }), { numRuns: 1_500 });
  });
});
