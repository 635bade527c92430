import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareTable, readCsv, toRawTable } from '../../src/data/index.js';
import { DataError } from '../../src/errors.js';
import { buildDesign, buildNewDataDesign, formulaColumns, newDataColumns, parseFormula, prepareNewData } from '../../src/formula/index.js';
import type { NewDataDesign } from '../../src/formula/index.js';
import { thrown } from '../data/expect-error.js';
import { sharedCsv } from '../data/shared-data.js';

/** Training design, and a function building the design of new data with its coding. */
function trained(formula: string, data: string | Record<string, unknown[]>) {
  const f = parseFormula(formula);
  const { table } = prepareTable(typeof data === 'string' ? readCsv(data) : toRawTable(data), formulaColumns(f));
  const design = buildDesign(f.rhs, table);
  const build = (newdata: string | Record<string, unknown>[] | Record<string, unknown[]>, groups = true): NewDataDesign => {
    const raw = toRawTable(newdata);
    const newTable = prepareNewData(raw, table, newDataColumns(f.rhs, groups));
    return buildNewDataDesign(f.rhs, { design, table }, newTable, { groups });
  };
  return { design, table, build };
}

const row = (m: Float64Array, p: number, i: number): number[] => [...m.subarray(i * p, (i + 1) * p)];

/** The training rows (all columns, as plain objects) of a CSV text. */
function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, k) => [names[k], v])));
}

describe('design matrices for new data use the training coding', () => {
  const orthodont = sharedCsv('orthodont');
  const formula = 'distance ~ 1 + age * Sex + I(age^2) + (1 + age | Subject)';

  it('the training data as new data gives the training design exactly', () => {
    const { design, build } = trained(formula, orthodont);
    const nd = build(orthodont);
    expect(nd.fixed.names).toEqual(design.fixed.names);
    expect(nd.fixed.X).toEqual(design.fixed.X);
    expect(nd.groups[0].Z).toEqual(design.groups[0].Z);
    expect(nd.groups[0].levels).toEqual(design.groups[0].levels);
    expect([...nd.groups[0].trainingLevel]).toEqual(design.groups[0].levels.map((_, k) => k));
    expect(nd.groups[0].index).toEqual(design.groups[0].index);
  });

  it('any subset of rows, in any order, gives those rows of the training design (property)', () => {
    const { design, build } = trained(formula, orthodont);
    const rows = csvRows(orthodont);
    const p = design.fixed.p;
    const q = design.groups[0].q;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: rows.length - 1 }), { minLength: 1, maxLength: 20 }), (picks) => {
        const nd = build(picks.map((i) => rows[i]));
        const g = nd.groups[0];
        picks.forEach((i, r) => {
          expect(row(nd.fixed.X, p, r)).toEqual(row(design.fixed.X, p, i));
          expect(row(g.Z, q, r)).toEqual(row(design.groups[0].Z, q, i));
          expect(g.trainingLevel[g.index[r]]).toBe(design.groups[0].index[i]);
        });
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('codes a factor by the training levels even when the new data has them in another order', () => {
    const { build } = trained(formula, orthodont);
    // Female first: still Male is the reference level, so SexFemale = 1 and age:SexFemale = age.
    const nd = build({ distance: [0, 0], age: [9, 3], Sex: ['Female', 'Male'], Subject: ['F01', 'M01'] });
    expect(nd.fixed.names).toEqual(['Intercept', 'age', 'SexFemale', 'I(age^2)', 'age:SexFemale']);
    expect(row(nd.fixed.X, 5, 0)).toEqual([1, 9, 1, 81, 9]);
    expect(row(nd.fixed.X, 5, 1)).toEqual([1, 3, 0, 9, 0]);
  });

  it('a fixed-effect factor level the training data does not have is a DataError naming column, level and row', () => {
    const { build } = trained(formula, orthodont);
    const e = thrown(DataError, () => build([{ age: 8, Sex: 'Male', Subject: 'M01' }, { age: 8, Sex: 'Other', Subject: 'M01' }]));
    expect(e.column).toBe('Sex');
    expect(e.row).toBe(2);
    expect(e.message).toContain('"Other"');
    expect(e.message).toContain('Male, Female');
  });

  it('new grouping levels are allowed and marked -1, with the row where they first appear', () => {
    const { design, build } = trained(formula, orthodont);
    const nd = build([
      { age: 8, Sex: 'Male', Subject: 'X1' },
      { age: 9, Sex: 'Male', Subject: 'M02' },
      { age: 10, Sex: 'Male', Subject: 'X1' },
    ]);
    const g = nd.groups[0];
    expect(g.levels).toEqual(['X1', 'M02']);
    expect([...g.index]).toEqual([0, 1, 0]);
    expect([...g.trainingLevel]).toEqual([-1, design.groups[0].levels.indexOf('M02')]);
    expect([...g.firstRow]).toEqual([1, 2]);
    expect(row(g.Z, 2, 2)).toEqual([1, 10]);
  });

  it('without groups, the grouping column is not needed', () => {
    const { build } = trained(formula, orthodont);
    const nd = build([{ age: 10, Sex: 'Female' }], false);
    expect(nd.groups).toEqual([]);
    expect(row(nd.fixed.X, 5, 0)).toEqual([1, 10, 1, 100, 10]);
  });

  it('a numeric grouping column (also a predictor) labels levels by their numbers', () => {
    const data = { y: [1, 2, 3, 4, 5, 6], x: [1, 1, 2, 2, 3, 3] };
    const { build } = trained('y ~ 1 + x + (1 | x)', data);
    const nd = build({ x: [3, 7] });
    expect(nd.groups[0].levels).toEqual(['3', '7']);
    expect([...nd.groups[0].trainingLevel]).toEqual([2, -1]);
  });

  it('bad new data: missing column, missing value, text in a numeric column', () => {
    const { build } = trained(formula, orthodont);
    const missingColumn = thrown(DataError, () => build([{ age: 8, Subject: 'M01' }]));
    expect(missingColumn.column).toBe('Sex');
    const missingValue = thrown(DataError, () => build({ age: [8, null], Sex: ['Male', 'Male'], Subject: ['M01', 'M01'] }));
    expect([missingValue.column, missingValue.row]).toEqual(['age', 2]);
    const text = thrown(DataError, () => build({ age: [8, 'eight'], Sex: ['Male', 'Male'], Subject: ['M01', 'M01'] }));
    expect([text.column, text.row]).toEqual(['age', 2]);
    expect(text.message).toContain('"eight"');
  });

  it('interactions of two factors keep the training column order and contrasts', () => {
    const data = { y: [1, 2, 3, 4, 5, 6, 7, 8], a: ['p', 'q', 'p', 'q', 'p', 'q', 'p', 'q'], b: ['u', 'u', 'v', 'v', 'w', 'w', 'u', 'v'] };
    const { design, build } = trained('y ~ a * b', data);
    const nd = build({ a: ['q', 'p'], b: ['w', 'u'] });
    expect(nd.fixed.names).toEqual(design.fixed.names);
    expect(nd.fixed.names).toEqual(['Intercept', 'aq', 'bv', 'bw', 'aq:bv', 'aq:bw']);
    expect(row(nd.fixed.X, 6, 0)).toEqual([1, 1, 0, 1, 0, 1]);
    expect(row(nd.fixed.X, 6, 1)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});
