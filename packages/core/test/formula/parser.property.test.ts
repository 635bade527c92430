import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormulaError } from '../../src/errors.js';
import { parseFormula, parseResponse, parseRhs, printFormula, printResponse, printRhs, splitFormula } from '../../src/formula/index.js';
import { parseAutocor, printAutocor } from '../../src/formula/autocor.js';
import { autocor, formula, formulaLike, response, rhs } from './arbitraries.js';

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

  it('autocor terms', () => {
    fc.assert(fc.property(autocor, (t) => {
        expect(parseAutocor(printAutocor(t))).toStrictEqual(t);
      }), { numRuns: 1_500 });
  });
});

describe('print(parse(x)) is the normalised text of the new syntax', () => {
  const cases: [string, string][] = [
    ['y|cens(c,y2)+trunc(lb=0)+weights(w)~x', 'y | cens(c, y2) + trunc(lb = 0) + weights(w) ~ 1 + x'],
    ['y | weights(w) + trunc(ub = 10, lb = -2) + cens(c) ~ 0 + x', 'y | cens(c) + trunc(lb = -2, ub = 10) + weights(w) ~ 0 + x'],
    ['y | cens(c, y2 = hi) ~ 1', 'y | cens(c, hi) ~ 1'],
    ['y ~ poly(x,2) + poly(x, 3, raw = T) + offset( log(n) )', 'y ~ 1 + poly(x, 2) + poly(x, 3, raw = TRUE) + offset(log(n))'],
    ['y ~ poly(x, 2, raw = FALSE):g', 'y ~ 1 + poly(x, 2):g'],
    ['y ~ (1+x|p|g) + (1 | 2 | h)', 'y ~ 1 + (1 + x | p | g) + (1 | `2` | h)'],
  ];
  for (const [text, normal] of cases) {
    it(text, () => {
      expect(printFormula(parseFormula(text))).toBe(normal);
      expect(printFormula(parseFormula(normal))).toBe(normal);
    });
  }
  it('autocor', () => {
    expect(printAutocor(parseAutocor('ar(t,g)'))).toBe('ar(time = t, gr = g, p = 1)');
    expect(printAutocor(parseAutocor('car1(time = Time, gr = NA)'))).toBe('car1(time = Time)');
  });
});
