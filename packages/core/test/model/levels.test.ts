/**
 * "levels" in the spec fixes a factor's level order (the first is the reference level), end to end:
 * design coding, parameter names, grouping-level order, new-data coding in predictions, and the
 * one-line errors for a level the list lacks, a listed level the data lacks, and a numeric or unknown
 * column.
 */
import { describe, expect, it } from 'vitest';
import { compile, DataError, SpecError } from '../../src/index.js';
import { thrown } from '../data/expect-error.js';

const data = {
  y: [1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 0.4, 2.8],
  Sex: ['Male', 'Female', 'Male', 'Female', 'Male', 'Female', 'Male', 'Female'],
  x: [0.1, 0.5, 0.3, 0.9, 0.2, 0.4, 0.8, 0.6],
  g: ['b', 'a', 'b', 'a', 'c', 'c', 'a', 'b'],
};

describe('levels', () => {
  it('without it the first level in order of appearance is the reference', () => {
    const model = compile({ formula: 'y ~ 1 + Sex' }, data);
    expect(model.constrainedNames.slice(0, 2)).toEqual(['b_Intercept', 'b_SexFemale']);
  });

  it('the first listed level is the reference: names, design column and predictions', () => {
    const model = compile({ formula: 'y ~ 1 + Sex + x', levels: { Sex: ['Female', 'Male'] } }, data);
    expect(model.constrainedNames.slice(0, 3)).toEqual(['b_Intercept', 'b_SexMale', 'b_x']);
    const X = model.structure.predictors[0].design.fixed.X;
    // column 1 is the Male indicator: row 1 is Male, row 2 Female
    expect([X[1], X[4]]).toEqual([1, 0]);
    // predictions on new data use the same coding: eta = b0 + b1 [Sex = Male] + b2 x
    const theta = new Float64Array(model.dimension);
    theta[0] = 1;
    theta[1] = 10;
    theta[2] = 100;
    const constrained = model.constrain(theta);
    const out = new Float64Array(2);
    model.newData({ Sex: ['Female', 'Male'], x: [0, 0.5] }, { groups: 'none' }).run(constrained, theta, out);
    expect([...out]).toEqual([1, 1 + 10 + 50]);
  });

  it('orders the levels of a grouping factor (r_ names)', () => {
    const model = compile({ formula: 'y ~ 1 + (1 | g)', levels: { g: ['c', 'a', 'b'] } }, data);
    expect(model.constrainedNames.filter((n) => n.startsWith('r_'))).toEqual(['r_g[c,Intercept]', 'r_g[a,Intercept]', 'r_g[b,Intercept]']);
  });

  it('refuses a level of the data the list lacks, naming the column, level and row', () => {
    const e = thrown(DataError, () => compile({ formula: 'y ~ 1 + Sex', levels: { Sex: ['Female'] } }, data));
    expect(e.message).toBe(`column 'Sex' has level "Male" at row 1, which "levels" does not list (listed: Female)`);
    expect([e.column, e.row]).toEqual(['Sex', 1]);
  });

  it('refuses a listed level no row has', () => {
    const e = thrown(DataError, () => compile({ formula: 'y ~ 1 + Sex', levels: { Sex: ['Female', 'Male', 'Other'] } }, data));
    expect(e.message).toBe(`"levels" lists level "Other" of column 'Sex', which no row of the data has`);
    expect(e.column).toBe('Sex');
  });

  it('refuses a numeric column and an unknown column', () => {
    const numeric = thrown(SpecError, () => compile({ formula: 'y ~ 1 + x', levels: { x: ['0.1'] } }, data));
    expect(numeric.message).toMatch(/^spec\.levels\.x: "levels" lists column 'x', which the model uses as a number; list it in "factors"/);
    const unknown = thrown(SpecError, () => compile({ formula: 'y ~ 1 + x', levels: { Sexx: ['a'] } }, data));
    expect(unknown.message).toMatch(/^spec\.levels\.Sexx: "levels" names column 'Sexx', which is not in the data/);
    expect(() => compile({ formula: 'y ~ 1', levels: { Sex: 'Female' } }, data)).toThrow(/levels of column 'Sex' must be a non-empty array of strings/);
  });

  it('with "factors", orders a column of numbers', () => {
    const d = { y: [1, 2, 3, 4, 5, 6], dose: [1, 2, 3, 1, 2, 3] };
    const model = compile({ formula: 'y ~ 1 + dose', factors: ['dose'], levels: { dose: ['3', '2', '1'] } }, d);
    expect(model.constrainedNames.slice(0, 3)).toEqual(['b_Intercept', 'b_dose2', 'b_dose1']);
  });
});
