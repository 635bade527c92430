import { describe, expect, it } from 'vitest';
import { DataError, SpecError } from '../../src/errors.js';
import { familyNames, getFamily } from '../../src/families/index.js';

const f = (values: number[]) => Float64Array.from(values);

/** Runs fn and returns the DataError it throws (failing the test if it throws something else). */
function dataError(fn: () => void): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('checkResponse', () => {
  it.each([
    ['poisson', [0, 2, -1], 'count', 3, /negative count -1/],
    ['negbinomial', [0, 2.5, 1], 'count', 2, /non-integer count 2.5/],
    ['bernoulli', [0, 1, 2], 'win', 3, /value 2 is not 0 or 1/],
    ['lognormal', [1.5, 0, 2], 'conc', 2, /value 0 must be > 0/],
    ['lognormal', [1.5, -3], 'conc', 2, /must be > 0/],
    ['gaussian', [1, Number.NaN], 'Reaction', 2, /not a finite number/],
    ['student', [Infinity], 'Reaction', 1, /not a finite number/],
  ] as const)('%s rejects %j naming column %s and row %i', (name, values, column, row, message) => {
    const err = dataError(() => getFamily(name).checkResponse(f([...values]), null, column));
    expect(err.column).toBe(column);
    expect(err.row).toBe(row);
    expect(err.message).toMatch(message);
    expect(err.message).toContain(`column "${column}", row ${row}`);
  });

  it('binomial: successes above trials, non-integer and non-positive trials', () => {
    const bin = getFamily('binomial');
    let err = dataError(() => bin.checkResponse(f([1, 5]), f([3, 4]), 'hits', { trialsColumn: 'n' }));
    expect([err.column, err.row]).toEqual(['hits', 2]);
    expect(err.message).toMatch(/5 successes out of 4 trials \(column "n"\)/);
    err = dataError(() => bin.checkResponse(f([1, 1]), f([3, 2.5]), 'hits', { trialsColumn: 'n' }));
    expect([err.column, err.row]).toEqual(['n', 2]);
    err = dataError(() => bin.checkResponse(f([0]), f([0]), 'hits', { trialsColumn: 'n' }));
    expect([err.column, err.row]).toEqual(['n', 1]);
    err = dataError(() => bin.checkResponse(f([-1]), f([3]), 'hits'));
    expect([err.column, err.row]).toEqual(['hits', 1]);
  });

  it('binomial without trials is a SpecError pointing at y | trials(n)', () => {
    expect(() => getFamily('binomial').checkResponse(f([1]), null, 'hits')).toThrow(SpecError);
    expect(() => getFamily('binomial').bind({ y: f([1]) })).toThrow(/trials\(n\)/);
  });

  it('bind validates too, so a likelihood never sees bad data', () => {
    const err = dataError(() => getFamily('poisson').bind({ y: f([1, 2, 3.5]), column: 'events' }));
    expect([err.column, err.row]).toEqual(['events', 3]);
  });

  it('accepts valid responses', () => {
    expect(() => getFamily('binomial').checkResponse(f([0, 3]), f([3, 3]), 'y')).not.toThrow();
    expect(() => getFamily('bernoulli').checkResponse(f([0, 1, 1]), null, 'y')).not.toThrow();
    expect(() => getFamily('lognormal').checkResponse(f([1e-300, 5]), null, 'y')).not.toThrow();
  });
});

describe('getFamily', () => {
  it('knows the sixteen fitted families', () => {
    expect([...familyNames].sort()).toEqual([
      'bernoulli', 'beta', 'binomial', 'exponential', 'gamma', 'gaussian', 'hurdle_lognormal', 'hurdle_negbinomial', 'hurdle_poisson',
      'lognormal', 'negbinomial', 'poisson', 'student', 'weibull', 'zero_inflated_negbinomial', 'zero_inflated_poisson',
    ]);
    for (const name of familyNames) expect(getFamily(name).name).toBe(name);
  });
  it('rejects an unknown family with a SpecError listing the valid names', () => {
    expect(() => getFamily('gausian')).toThrow(SpecError);
    expect(() => getFamily('gausian')).toThrow(/unknown family "gausian"; valid families: gaussian, student, lognormal/);
  });
  it('se() selects the known-sd gaussian and is refused for other families', () => {
    expect(getFamily('gaussian', { se: true }).knownSe).toBe(true);
    expect(getFamily('gaussian', { se: true }).aux).toHaveLength(0);
    expect(getFamily('gaussian').aux).toHaveLength(1);
    expect(() => getFamily('poisson', { se: true })).toThrow(SpecError);
  });
  it('bounds: nu > 1 for student, shape > 0, sigma > 0', () => {
    expect(getFamily('student').aux).toEqual([
      { name: 'sigma', lower: 0 },
      { name: 'nu', lower: 1 },
    ]);
    expect(getFamily('negbinomial').aux).toEqual([{ name: 'shape', lower: 0 }]);
  });
  it('inverse links and means', () => {
    expect(getFamily('poisson').inverseLink(Math.log(3))).toBeCloseTo(3, 14);
    expect(getFamily('bernoulli').inverseLink(0)).toBe(0.5);
    expect(getFamily('binomial').mean(0, [], 10)).toBe(5);
    expect(getFamily('lognormal').mean(1, [2], 0)).toBeCloseTo(Math.exp(3), 12);
    expect(getFamily('gaussian').inverseLink(-2.5)).toBe(-2.5);
  });
});
