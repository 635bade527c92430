/** compile(): layout and names, JSON round trip, pointwise log-likelihood, and bad input. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, compileFromJSON, DataError, FormulaError, PriorError, SpecError } from '../../src/index.js';

const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
function sharedFile(rel: string): string {
  if (!existsSync(shared + rel)) throw new Error(`missing ${shared + rel}: the tests need ../shared next to the repository`);
  return readFileSync(shared + rel, 'utf8');
}
const sleepSpec = JSON.parse(sharedFile('reference/sleepstudy.json')).spec;
const sleepData = sharedFile('data/sleepstudy.csv');

function point(dim: number, seed: number): Float64Array {
  return Float64Array.from({ length: dim }, (_, i) => 0.7 * Math.sin(seed * 13.1 + i * 1.7));
}

describe('compiled model layout', () => {
  const model = compile(sleepSpec, sleepData);

  it('has the Stan program dimension and brms names', () => {
    // beta (2) + sigma + tau (2) + cholesky (1) + z (2 x 18)
    expect(model.dimension).toBe(2 + 1 + 2 + 1 + 36);
    expect(model.nobs).toBe(180);
    expect(model.constrainedNames.slice(0, 6)).toEqual([
      'b_Intercept',
      'b_Days',
      'sd_Subject__Intercept',
      'sd_Subject__Days',
      'cor_Subject__Intercept__Days',
      'sigma',
    ]);
    expect(model.constrainedNames).toContain('r_Subject[308,Intercept]');
    expect(model.constrainedNames).toContain('r_Subject[372,Days]');
    expect(model.constrainedNames.length).toBe(6 + 36);
  });

  it('constrain applies the transforms: sd = exp(y), correlation = tanh(y), r = diag(tau) L z', () => {
    const theta = point(model.dimension, 1);
    const v = model.constrainNamed(theta);
    const at = (name: string) => theta[model.parameterNames.indexOf(name)];
    expect(v.sigma).toBeCloseTo(Math.exp(at('log(sigma)')), 14);
    expect(v.sd_Subject__Days).toBeCloseTo(Math.exp(at('log(sd_Subject__Days)')), 14);
    const c = Math.tanh(at('atanh_cpc(Subject)[1]'));
    expect(v.cor_Subject__Intercept__Days).toBeCloseTo(c, 14);
    const z1 = at('z_Subject[310,Intercept]');
    const z2 = at('z_Subject[310,Days]');
    expect(v['r_Subject[310,Intercept]']).toBeCloseTo(v.sd_Subject__Intercept * z1, 12);
    expect(v['r_Subject[310,Days]']).toBeCloseTo(v.sd_Subject__Days * (c * z1 + Math.sqrt(1 - c * c) * z2), 12);
  });

  it('pointwise log-likelihood is the normal density per observation', () => {
    const theta = point(model.dimension, 2);
    const v = model.constrainNamed(theta);
    const ll = model.pointwiseLogLik(theta);
    const rows = sleepData.trim().split('\n').slice(1).map((l) => l.split(','));
    rows.forEach(([y, days, s], i) => {
      const mu = v.b_Intercept + v[`r_Subject[${s},Intercept]`] + (v.b_Days + v[`r_Subject[${s},Days]`]) * Number(days);
      const expected = -0.5 * Math.log(2 * Math.PI) - Math.log(v.sigma) - 0.5 * ((Number(y) - mu) / v.sigma) ** 2;
      expect(ll[i]).toBeCloseTo(expected, 9);
    });
  });

  it('rebuilds from its JSON form to the same log density', () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const again = compileFromJSON(json);
    expect(again.parameterNames).toEqual(model.parameterNames);
    for (let s = 0; s < 5; s++) {
      const theta = point(model.dimension, s + 10);
      expect(again.logDensity(theta)).toBe(model.logDensity(theta));
    }
  });

  it('gradient evaluation returns the same value as logDensity and fills every coordinate', () => {
    const theta = point(model.dimension, 3);
    const grad = new Float64Array(model.dimension).fill(Number.NaN);
    const lp = model.logDensityGradient(theta, grad);
    expect(lp).toBe(model.logDensity(theta));
    expect(grad.every(Number.isFinite)).toBe(true);
  });

  it('lists the priors with their sources', () => {
    const days = model.priors.find((p) => p.slot.parameter === 'b_Days')!;
    expect(days.prior.text).toBe('normal(0, 50)');
    expect(days.source).toMatch(/^user/);
  });
});

describe('defaults and missing data', () => {
  it('uses documented default priors when none are given, none flat', () => {
    const model = compile({ formula: 'Reaction ~ 1 + Days + (1 | Subject)' }, sleepData);
    for (const p of model.priors) {
      expect(p.source).toMatch(/^default/);
      expect(p.prior.text).not.toMatch(/flat|uniform/);
    }
    expect(Number.isFinite(model.logDensity(point(model.dimension, 4)))).toBe(true);
  });

  it('drops rows with missing values only when asked, and reports the count', () => {
    const rows = [
      { y: 1.2, x: 0.5, g: 'a' },
      { y: null, x: 0.1, g: 'a' },
      { y: 2.2, x: 1.5, g: 'b' },
      { y: 0.7, x: Number.NaN, g: 'b' },
      { y: 1.9, x: 2.5, g: 'c' },
    ];
    expect(() => compile({ formula: 'y ~ x + (1 | g)' }, rows)).toThrow(DataError);
    const model = compile({ formula: 'y ~ x + (1 | g)', na: 'drop' }, rows);
    expect(model.nobs).toBe(3);
    expect(model.dropped).toEqual({ count: 2, rows: [2, 4] });
  });
});

describe('bad input gives typed errors that name the problem', () => {
  it('missing column', () => {
    expect(() => compile({ formula: 'Reaction ~ Dayz + (1 | Subject)' }, sleepData)).toThrow(/Dayz/);
    expect(() => compile({ formula: 'Reaction ~ Dayz + (1 | Subject)' }, sleepData)).toThrow(DataError);
  });
  it('text in a numeric column names column and row', () => {
    const data = 'y,x\n1,2\n2,abc\n3,4\n';
    let err: unknown;
    try {
      compile({ formula: 'y ~ I(x^2)' }, data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).column).toBe('x');
    expect((err as DataError).row).toBe(2);
  });
  it('a mostly numeric predictor with a stray text cell is an error naming it, unless declared a factor', () => {
    const data = 'y,x\n1,2\n2,3\n3,four\n4,5\n';
    try {
      compile({ formula: 'y ~ x' }, data);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).column).toBe('x');
      expect((e as DataError).row).toBe(3);
    }
    expect(compile({ formula: 'y ~ x', factors: ['x'] }, data).constrainedNames).toContain('b_xfour');
  });
  it('response outside the family support names the row', () => {
    const data = { y: [1, 2, -1, 4], x: [1, 2, 3, 4] };
    try {
      compile({ formula: 'y ~ x', family: 'poisson' }, data);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).row).toBe(3);
      expect((e as DataError).column).toBe('y');
    }
  });
  it('formula syntax error gives the position', () => {
    try {
      compile({ formula: 'y ~ x + + (1 | g)' }, { y: [1], x: [1], g: ['a'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormulaError);
      expect((e as FormulaError).position).toBe(8);
    }
  });
  it('a prior for a coefficient that does not exist', () => {
    expect(() => compile({ ...sleepSpec, priors: [{ prior: 'normal(0, 1)', class: 'b', coef: 'Dayz' }] }, sleepData)).toThrow(PriorError);
  });
  it('spec shape errors name the field', () => {
    expect(() => compile({ formula: 1 }, sleepData)).toThrow(SpecError);
    expect(() => compile({ formula: 'Reaction ~ Days', family: 'gama' }, sleepData)).toThrow(/valid families/);
    expect(compile({ formula: 'r ~ x', family: 'cumulative' }, { r: [1, 2, 3, 2], x: [0.1, 0.4, 0.2, 0.3] }).parameterNames).toEqual(['b_x', 'b_Intercept[1]', 'b_Intercept[2]']);
    expect(() => compile({ formula: 'Reaction ~ Days', famly: 'gaussian' }, sleepData)).toThrow(/famly/);
    expect(() => compile({ formula: 'Reaction ~ Days', nl: { A: '1' } }, sleepData)).toThrow(/A/);
  });
  it('binomial without trials, and a nonlinear formula naming an unknown variable', () => {
    expect(() => compile({ formula: 'y ~ x', family: 'binomial' }, { y: [1, 0], x: [1, 2] })).toThrow(/trials/);
    expect(() => compile({ formula: 'y ~ A * exp(-k * tt)', nl: { A: '1', k: '1' } }, { y: [1, 2], t: [1, 2] })).toThrow(/tt/);
  });
  it('a parameter vector of the wrong length', () => {
    const model = compile(sleepSpec, sleepData);
    expect(() => model.logDensity(new Float64Array(3))).toThrow(SpecError);
  });
});
