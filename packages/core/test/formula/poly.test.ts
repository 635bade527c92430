/**
 * poly(): the orthogonal basis, its coefficients and predict() on new x against R's stats::poly()
 * (fixtures/poly-runner.R writes fixtures/poly.json), raw powers, brms's column names, and the basis
 * end to end: fixed and group terms, stage-2 formulas, and new data evaluated with the training
 * coefficients.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, DataError, FormulaError } from '../../src/index.js';
import { brmsRename, polyBasis, polyBasisNew, polyColumnNames } from '../../src/formula/poly.js';
import { parseRhs } from '../../src/formula/index.js';
import { thrown } from '../data/expect-error.js';

interface RBasis { degree: number; columns: number[][]; alpha: number[]; norm2: number[]; predict: number[][]; names: string[] }
const R = JSON.parse(readFileSync(new URL('./fixtures/poly.json', import.meta.url), 'utf8')) as {
  x: number[];
  newx: number[];
  poly2: RBasis;
  poly3: RBasis;
  raw3: number[][];
  raw3_names: string[];
};
const TOL = 1e-10;

function expectClose(got: ArrayLike<number>, want: number[], tol = TOL): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol * Math.max(1, Math.abs(want[i])));
}

describe("poly() against R's stats::poly", () => {
  for (const ref of [R.poly2, R.poly3]) {
    it(`degree ${ref.degree}: basis, alpha, norm2 and predict() on new x`, () => {
      const basis = polyBasis(Float64Array.from(R.x), ref.degree, false, 'x');
      basis.columns.forEach((col, j) => expectClose(col, ref.columns[j]));
      expectClose(basis.coefs!.alpha, ref.alpha);
      expectClose(basis.coefs!.norm2, ref.norm2);
      polyBasisNew(Float64Array.from(R.newx), ref.degree, basis.coefs).forEach((col, j) => expectClose(col, ref.predict[j]));
    });
  }

  it('raw = TRUE gives the powers', () => {
    polyBasis(Float64Array.from(R.x), 3, true, 'x').columns.forEach((col, j) => expectClose(col, R.raw3[j], 1e-15));
  });

  it("names columns as brms renames R's labels", () => {
    expect(polyColumnNames('x', 2, false)).toEqual(R.poly2.names.map(brmsRename));
    expect(polyColumnNames('x', 2, false)).toEqual(['polyx21', 'polyx22']);
    expect(polyColumnNames('x', 3, true)).toEqual(R.raw3_names.map(brmsRename));
    expect(polyColumnNames('x', 3, true)).toEqual(['polyx3rawEQTRUE1', 'polyx3rawEQTRUE2', 'polyx3rawEQTRUE3']);
  });

  it('refuses a degree not below the number of distinct values, naming the column', () => {
    const e = thrown(DataError, () => polyBasis(Float64Array.from([1, 2, 2, 1]), 2, false, 'age'));
    expect(e.message).toBe("poly(age, 2): the degree must be less than the number of distinct values of 'age' (2)");
  });
});

describe('poly() in formulas', () => {
  it('parses poly(x, k) and raw = TRUE / T, and refuses bad arguments with their position', () => {
    expect(parseRhs('poly(x, 2)').terms[0].factors[0]).toEqual({ kind: 'poly', name: 'x', degree: 2, raw: false });
    expect(parseRhs('poly(x, degree = 3, raw = T)').terms[0].factors[0]).toEqual({ kind: 'poly', name: 'x', degree: 3, raw: true });
    expect(parseRhs('poly(x, 2, raw = FALSE)')).toEqual(parseRhs('poly(x, 2)'));
    expect(thrown(FormulaError, () => parseRhs('poly(x)')).position).toBe(6);
    expect(thrown(FormulaError, () => parseRhs('poly(x, 1.5)')).message).toMatch(/the degree of poly\(\), a whole number from 1 to 10/);
    expect(thrown(FormulaError, () => parseRhs('poly(x, 2, rw = TRUE)')).position).toBe(11);
  });

  const n = R.x.length;
  const data = {
    y: R.x.map((v, i) => 1 + 0.1 * v - 0.002 * v * v + ((i * 7) % 5) / 10),
    x: R.x,
    g: R.x.map((_, i) => `g${i % 4}`),
  };

  it('end to end: design columns equal R, names b_polyx21, b_polyx22; in a group term too', () => {
    const model = compile({ formula: 'y ~ 1 + poly(x, 2) + (1 + poly(x, 2) | g)' }, data);
    expect(model.constrainedNames.slice(0, 3)).toEqual(['b_Intercept', 'b_polyx21', 'b_polyx22']);
    expect(model.constrainedNames).toContain('sd_g__polyx22');
    const { fixed, groups } = model.structure.predictors[0].design;
    for (let j = 0; j < 2; j++) expectClose(Array.from({ length: n }, (_, i) => fixed.X[i * 3 + 1 + j]), R.poly2.columns[j]);
    expectClose(Array.from({ length: n }, (_, i) => groups[0].Z[i * 3 + 2]), R.poly2.columns[1]);
  });

  it('in a stage-2 formula: b_A_polyx21', () => {
    const model = compile({ formula: 'y ~ A + 0 * x', nl: { A: '1 + poly(x, 2)' } }, data);
    expect(model.constrainedNames.slice(0, 3)).toEqual(['b_A_Intercept', 'b_A_polyx21', 'b_A_polyx22']);
  });

  it("predictions on new data use the training basis (R's predict.poly)", () => {
    const model = compile({ formula: 'y ~ 1 + poly(x, 3)' }, data);
    const theta = new Float64Array(model.dimension);
    theta.set([0.5, 1, 10, 100]);
    const out = new Float64Array(R.newx.length);
    model.newData({ x: R.newx }, { groups: 'none' }).run(model.constrain(theta), theta, out);
    const want = R.newx.map((_, i) => 0.5 + R.poly3.predict[0][i] + 10 * R.poly3.predict[1][i] + 100 * R.poly3.predict[2][i]);
    expectClose(out, want);
  });

  it('refuses poly() of a factor column', () => {
    const e = thrown(DataError, () => compile({ formula: 'y ~ poly(g, 2)' }, data));
    expect(e.column).toBe('g');
  });
});
