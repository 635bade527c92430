import { describe, expect, it } from 'vitest';
import { prepareTable, readCsv, toRawTable } from '../../src/data/index.js';
import type { Table } from '../../src/data/index.js';
import { DataError, SpecError } from '../../src/errors.js';
import { buildDesign, formulaColumns, parseFormula, parseRhs, rhsColumns } from '../../src/formula/index.js';
import type { Design } from '../../src/formula/index.js';
import { thrown } from '../data/expect-error.js';
import { sharedCsv, type SharedDataSet } from '../data/shared-data.js';

/** Parse, prepare the used columns, build: the path the model compiler takes. */
function designFor(formula: string, data: string | Record<string, unknown[]>): { design: Design; table: Table } {
  const f = parseFormula(formula);
  const raw = typeof data === 'string' ? readCsv(data) : toRawTable(data);
  const { table } = prepareTable(raw, formulaColumns(f), { na: 'drop' });
  return { design: buildDesign(f.rhs, table), table };
}
const shared = (name: SharedDataSet, formula: string) => designFor(formula, sharedCsv(name));

/** Row i of a row-major n x p matrix. */
const row = (m: Float64Array, p: number, i: number): number[] => [...m.subarray(i * p, (i + 1) * p)];
const column = (m: Float64Array, p: number, j: number): number[] => Array.from({ length: m.length / p }, (_, i) => m[i * p + j]);

describe('design matrices for the shared data sets', () => {
  it('sleepstudy: Reaction ~ 1 + Days + (1 + Days | Subject)', () => {
    const { design } = shared('sleepstudy', 'Reaction ~ 1 + Days + (1 + Days | Subject)');
    const { fixed, groups } = design;
    expect(fixed.names).toEqual(['Intercept', 'Days']);
    expect(fixed.terms).toEqual(['Intercept', 'Days']);
    expect(fixed.p).toBe(2);
    expect(fixed.X.length).toBe(180 * 2);
    expect(row(fixed.X, 2, 0)).toEqual([1, 0]);
    expect(row(fixed.X, 2, 12)).toEqual([1, 2]);
    expect(groups.length).toBe(1);
    const g = groups[0];
    expect(g.group).toBe('Subject');
    expect(g.levels).toEqual(['308', '309', '310', '330', '331', '332', '333', '334', '335', '337', '349', '350', '351', '352', '369', '370', '371', '372']);
    expect(g.coefNames).toEqual(['Intercept', 'Days']);
    expect(g.q).toBe(2);
    expect(g.correlated).toBe(true);
    expect([g.index[0], g.index[9], g.index[12], g.index[179]]).toEqual([0, 0, 1, 17]);
    expect(row(g.Z, 2, 12)).toEqual([1, 2]);
  });

  it('orthodont: distance ~ 1 + age * Sex + (1 + age | Subject), Male the reference level', () => {
    const { design } = shared('orthodont', 'distance ~ 1 + age * Sex + (1 + age | Subject)');
    const { fixed, groups } = design;
    expect(fixed.names).toEqual(['Intercept', 'age', 'SexFemale', 'age:SexFemale']);
    expect(fixed.terms).toEqual(['Intercept', 'age', 'Sex', 'age:Sex']);
    expect(row(fixed.X, 4, 0)).toEqual([1, 8, 0, 0]); // M01, age 8
    expect(row(fixed.X, 4, 1)).toEqual([1, 10, 0, 0]);
    expect(row(fixed.X, 4, 64)).toEqual([1, 8, 1, 8]); // F01, age 8
    expect(row(fixed.X, 4, 67)).toEqual([1, 14, 1, 14]);
    expect(groups[0].levels.slice(0, 2)).toEqual(['M01', 'M02']);
    expect(groups[0].levels.length).toBe(27);
    expect(groups[0].levels[16]).toBe('F01');
    expect(row(groups[0].Z, 2, 64)).toEqual([1, 8]);
    expect(groups[0].index[64]).toBe(16);
  });

  it('radon: log_radon ~ 1 + floor + log_uranium + (1 + floor | county), counties in order of appearance', () => {
    const { design } = shared('radon', 'log_radon ~ 1 + floor + log_uranium + (1 + floor | county)');
    expect(design.fixed.names).toEqual(['Intercept', 'floor', 'log_uranium']);
    expect(row(design.fixed.X, 3, 0)).toEqual([1, 1, -0.6890475953545]);
    expect(row(design.fixed.X, 3, 1)).toEqual([1, 0, -0.6890475953545]);
    const county = design.groups[0];
    expect(county.levels.slice(0, 3)).toEqual(['AITKIN', 'ANOKA', 'BECKER']);
    expect(county.levels.length).toBe(85);
    expect(county.coefNames).toEqual(['Intercept', 'floor']);
    expect(row(county.Z, 2, 0)).toEqual([1, 1]);
  });

  it('eight_schools: y | se(sigma) ~ 1 + (1 | school)', () => {
    const f = parseFormula('y | se(sigma) ~ 1 + (1 | school)');
    expect(f.response).toEqual({ column: 'y', se: 'sigma' });
    expect(formulaColumns(f)).toEqual({ numeric: ['y', 'sigma'], factor: ['school'], any: [] });
    const { design } = shared('eight_schools', 'y | se(sigma) ~ 1 + (1 | school)');
    expect(design.fixed.names).toEqual(['Intercept']);
    expect([...design.fixed.X]).toEqual(new Array(8).fill(1));
    expect(design.groups[0].levels).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect([...design.groups[0].index]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...design.groups[0].Z]).toEqual(new Array(8).fill(1));
  });

  it('orange: the stage-2 formula 1 + (1 | Tree) of Asym', () => {
    const rhs = parseRhs('1 + (1 | Tree)');
    expect(rhsColumns(rhs)).toEqual({ numeric: [], factor: ['Tree'], any: [] });
    const { table } = prepareTable(readCsv(sharedCsv('orange')), rhsColumns(rhs));
    const design = buildDesign(rhs, table);
    expect(design.fixed.names).toEqual(['Intercept']);
    expect(design.groups[0].group).toBe('Tree');
    expect(design.groups[0].levels).toEqual(['1', '2', '3', '4', '5']);
    expect(design.groups[0].index[7]).toBe(1);
  });
});

const small = {
  y: [1, 2, 3, 4, 5, 6],
  x: [1, 2, 3, 4, 5, 7],
  z: [2, 0, 1, 3, 1, 1],
  f: ['a', 'b', 'c', 'a', 'b', 'c'],
  g: ['A', 'A', 'A', 'B', 'B', 'B'],
  s: [1, 1, 2, 2, 3, 3],
};

describe('coding of factors (treatment contrasts, R rules)', () => {
  it('f*g: reference levels dropped; interaction columns with the first factor varying fastest', () => {
    const { fixed } = designFor('y ~ f * g', small).design;
    expect(fixed.names).toEqual(['Intercept', 'fb', 'fc', 'gB', 'fb:gB', 'fc:gB']);
    expect(row(fixed.X, 6, 4)).toEqual([1, 1, 0, 1, 1, 0]); // f = b, g = B
    expect(row(fixed.X, 6, 2)).toEqual([1, 0, 1, 0, 0, 0]); // f = c, g = A
  });

  it('without an intercept the first factor gets one column per level, later factors contrasts', () => {
    expect(designFor('y ~ 0 + f', small).design.fixed.names).toEqual(['fa', 'fb', 'fc']);
    expect(designFor('y ~ 0 + f + g', small).design.fixed.names).toEqual(['fa', 'fb', 'fc', 'gB']);
    expect(designFor('y ~ 0 + x + f', small).design.fixed.names).toEqual(['x', 'fa', 'fb', 'fc']);
    expect(designFor('y ~ -1 + g', small).design.fixed.names).toEqual(['gA', 'gB']);
  });

  it('numeric:factor without the factor main effect codes every level (as model.matrix)', () => {
    const { fixed } = designFor('y ~ x:g', small).design;
    expect(fixed.names).toEqual(['Intercept', 'x:gA', 'x:gB']);
    expect(column(fixed.X, 3, 1)).toEqual([1, 2, 3, 0, 0, 0]);
    expect(column(fixed.X, 3, 2)).toEqual([0, 0, 0, 4, 5, 7]);
  });

  it('numeric:numeric multiplies, I() evaluates the expression', () => {
    const { fixed } = designFor('y ~ x:z + I(x^2)', small).design;
    expect(fixed.names).toEqual(['Intercept', 'I(x^2)', 'x:z']);
    expect(column(fixed.X, 3, 1)).toEqual([1, 4, 9, 16, 25, 49]);
    expect(column(fixed.X, 3, 2)).toEqual([2, 0, 3, 12, 5, 7]);
  });

  it('declared factors are dummy coded even when numeric', () => {
    const f = parseFormula('y ~ s');
    const { table } = prepareTable(toRawTable(small), formulaColumns(f), { factors: ['s'] });
    expect(buildDesign(f.rhs, table).fixed.names).toEqual(['Intercept', 's2', 's3']);
  });
});

describe('group designs', () => {
  it('nested (1 | g/f) gives groups g and g:f with levels joined by _', () => {
    const { groups } = designFor('y ~ 1 + (1 | g/f)', small).design;
    expect(groups.map((g) => g.group)).toEqual(['g', 'g:f']);
    expect(groups[1].grouping).toEqual(['g', 'f']);
    expect(groups[1].levels).toEqual(['A_a', 'A_b', 'A_c', 'B_a', 'B_b', 'B_c']);
    expect([...groups[1].index]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('interaction grouping (1 | f:s) counts combinations in order of appearance', () => {
    const g = designFor('y ~ 1 + (1 | f:s)', { ...small, s: [1, 1, 2, 2, 1, 1] }).design.groups[0];
    expect(g.group).toBe('f:s');
    expect(g.levels).toEqual(['a_1', 'b_1', 'c_2', 'a_2', 'c_1']);
    expect([...g.index]).toEqual([0, 1, 2, 3, 1, 4]);
  });

  it('factor coefficients inside group terms, uncorrelated flag, crossed groups', () => {
    const { groups } = designFor('y ~ 1 + (0 + f || g) + (1 + x | s)', small).design;
    expect(groups[0].coefNames).toEqual(['fa', 'fb', 'fc']);
    expect(groups[0].correlated).toBe(false);
    expect(row(groups[0].Z, 3, 1)).toEqual([0, 1, 0]);
    expect(groups[1].group).toBe('s');
    expect(groups[1].levels).toEqual(['1', '2', '3']);
    expect(row(groups[1].Z, 2, 5)).toEqual([1, 7]);
  });

  it('a numeric column may be both a predictor and a grouping factor', () => {
    const { design, table } = designFor('y ~ 1 + s + (1 | s)', small);
    expect(table.columns.get('s')?.kind).toBe('numeric');
    expect(design.fixed.names).toEqual(['Intercept', 's']);
    expect(design.groups[0].levels).toEqual(['1', '2', '3']);
  });

  it('rejects a grouping factor with one level, naming it and the level (lme4 refuses it too)', () => {
    const one = { y: [1, 2, 3], x: [0, 1, 2], Subject: ['S1', 'S1', 'S1'] };
    const e = thrown(DataError, () => designFor('y ~ 1 + x + (1 + x | Subject)', one));
    expect(e.message).toBe("grouping factor 'Subject' has only 1 level ('S1'); a group-level term needs at least 2");
    expect(e.column).toBe('Subject');
    // the outer factor of a nesting too
    const nested = thrown(DataError, () => designFor('y ~ 1 + (1 | g/f)', { ...small, g: small.g.map(() => 'A') }));
    expect(nested.message).toMatch(/grouping factor 'g' has only 1 level \('A'\)/);
  });

  it('accepts one observation per level (observation-level effects)', () => {
    const g = designFor('y ~ 1 + (1 | id)', { y: [1, 2, 3], id: ['a', 'b', 'c'] }).design.groups[0];
    expect(g.levels).toEqual(['a', 'b', 'c']);
  });

  it('rejects the same coefficient varying by one grouping factor in two terms', () => {
    const e = thrown(SpecError, () => designFor('y ~ 1 + (1 | g) + (1 + x | g)', small));
    expect(e.message).toMatch(/'Intercept' varies by 'g' in two group terms/);
  });
});

describe('rank deficiency and bad values', () => {
  it('names an interaction column whose level combination never occurs', () => {
    const data = { ...small, g: ['A', 'A', 'B', 'B', 'A', 'A'] }; // f = b never meets g = B
    const e = thrown(SpecError, () => designFor('y ~ f * g', data));
    expect(e.message).toMatch(/fixed effect 'fb:gB' \(term 'f:g'\) is zero in every row/);
  });

  it('names a duplicated column and a linear combination of earlier columns', () => {
    expect(thrown(SpecError, () => designFor('y ~ x + w', { ...small, w: small.x })).message).toMatch(/'w' \(term 'w'\) is identical to 'x'/);
    const sum = small.x.map((v, i) => v + small.z[i]);
    expect(thrown(SpecError, () => designFor('y ~ x + z + w', { ...small, w: sum })).message).toMatch(/'w' \(term 'w'\) is a linear combination/);
    // f:g with an intercept codes both factors fully, which spans the intercept
    expect(thrown(SpecError, () => designFor('y ~ f:g', small)).message).toMatch(/term 'f:g'.*linear combination/);
  });

  it('accepts nearly collinear but distinct columns', () => {
    const x = [1000, 1000.25, 1000.5, 1000.75, 1001, 1001.5];
    expect(designFor('y ~ x + I(x^2)', { ...small, x }).design.fixed.p).toBe(3);
  });

  it('rejects a factor with a single level where a contrast is needed', () => {
    const e = thrown(SpecError, () => designFor('y ~ h', { ...small, h: ['k', 'k', 'k', 'k', 'k', 'k'] }));
    expect(e.message).toMatch(/factor 'h' in term 'h' has only one level \("k"\)/);
  });

  it('I() that is not finite names the column and the source row', () => {
    const e = thrown(DataError, () => designFor('y ~ I(log(x))', { ...small, y: [1, null, 3, 4, 5, 6], x: [1, 2, 3, 0, 5, 6] }));
    expect(e.column).toBe('I(log(x))');
    expect(e.row).toBe(4);
    expect(e.message).toMatch(/I\(log\(x\)\) is -Infinity at row 4/);
  });

  it('I() of a factor and a column missing from the table are DataErrors naming the column', () => {
    const f = parseFormula('y ~ I(f^2)');
    const { table } = prepareTable(toRawTable(small), { numeric: ['y'], factor: [], any: ['f'] });
    expect(thrown(DataError, () => buildDesign(f.rhs, table)).column).toBe('f');
    expect(thrown(DataError, () => buildDesign(parseFormula('y ~ q').rhs, table)).column).toBe('q');
  });
});
