/** conditionalEffects() against the closed form of the curve per draw (linear and nonlinear), conditions, spaghetti, errors. */
import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { conditionalEffectPoints } from '../../src/index.js';
import { csvRows, exampleSpec, fakeFit, normals, sharedCsv, thrown } from './helpers.js';

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * 0.5;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
}

describe('conditionalEffects()', () => {
  const fit = fakeFit(exampleSpec('orthodont'), sharedCsv('orthodont'), 2, 60, 8);
  const b = (n: string) => Array.from(fit.pooled(n));
  const [b0, bAge, bSex, bInt] = ['b_Intercept', 'b_age', 'b_SexFemale', 'b_age:SexFemale'].map(b);

  it('linear "age": the median over draws of b0 + b_age x (Sex at its reference level), over min..max of age', () => {
    const ce = fit.conditionalEffects('age', { resolution: 7 });
    expect(ce.conditions).toEqual({ Sex: 'Male' });
    expect(ce.rows.map((r) => r.x)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    for (const r of ce.rows) expect(r.estimate).toBeCloseTo(median(b0.map((v, s) => v + bAge[s] * (r.x as number))), 10);
    expect(ce.rows.every((r) => r.lower < r.estimate && r.estimate < r.upper)).toBe(true);
  });

  it('"age:Sex": one curve per level; conditions fix the other predictors', () => {
    const ce = fit.conditionalEffects('age:Sex', { resolution: 3 });
    expect(ce.rows.map((r) => `${r.by}@${r.x}`)).toEqual(['Male@8', 'Male@11', 'Male@14', 'Female@8', 'Female@11', 'Female@14']);
    const female = ce.rows.filter((r) => r.by === 'Female');
    for (const r of female) expect(r.estimate).toBeCloseTo(median(b0.map((v, s) => v + bSex[s] + (bAge[s] + bInt[s]) * (r.x as number))), 10);
    const cond = fit.conditionalEffects('age', { resolution: 3, conditions: { Sex: 'Female' } });
    cond.rows.forEach((r, i) => expect(r.estimate).toBeCloseTo(female[i].estimate, 12));
    const bySex = fit.conditionalEffects('Sex');
    expect(bySex.xKind).toBe('factor');
    expect(bySex.rows[1].estimate).toBeCloseTo(median(b0.map((v, s) => v + bSex[s] + (bAge[s] + bInt[s]) * 11)), 10); // age at its mean, 11
  });

  it('a numeric second variable takes mean - sd, mean, mean + sd (brms)', () => {
    const z = normals(4);
    const rows = Array.from({ length: 40 }, () => ({ y: z(), x: z(), w: 2 + z() }));
    const f = fakeFit({ formula: 'y ~ 1 + x * w' }, rows, 1, 30);
    const ce = f.conditionalEffects('x:w', { resolution: 2 });
    const w = rows.map((r) => r.w);
    const m = w.reduce((a, c) => a + c, 0) / w.length;
    const s = Math.sqrt(w.reduce((a, c) => a + (c - m) ** 2, 0) / (w.length - 1));
    expect(ce.rows.map((r) => r.by as number).filter((_, i) => i % 2 === 0)).toEqual([m - s, m, m + s].map((v) => expect.closeTo(v, 12)) as never);
  });

  it('intConditions gives the second variable its values (brms int_conditions); bad values are SpecErrors', () => {
    const z = normals(6);
    const rows = Array.from({ length: 40 }, (_, i) => ({ y: z(), time: i % 5, trt: i % 2 }));
    const f = fakeFit({ formula: 'y ~ 1 + time * trt' }, rows, 1, 30);
    const ce = f.conditionalEffects('time:trt', { resolution: 3, intConditions: { trt: [0, 1] } });
    expect(ce.rows.map((r) => `${r.by}@${r.x}`)).toEqual(['0@0', '0@2', '0@4', '1@0', '1@2', '1@4']);
    const [c0, ct, cx, cxt] = ['b_Intercept', 'b_time', 'b_trt', 'b_time:trt'].map((n) => Array.from(f.pooled(n)));
    for (const r of ce.rows) {
      const t = r.by as number;
      const x = r.x as number;
      expect(r.estimate).toBeCloseTo(median(c0.map((v, s) => v + ct[s] * x + cx[s] * t + cxt[s] * x * t)), 10);
    }
    // A factor takes a subset of its levels, in the order given.
    expect([...new Set(fit.conditionalEffects('age:Sex', { resolution: 2, intConditions: { Sex: ['Female'] } }).rows.map((r) => r.by))]).toEqual(['Female']);
    expect(thrown(SpecError, () => f.conditionalEffects('time:trt', { intConditions: { time: [1] } })).path).toBe('options.intConditions.time');
    expect(thrown(SpecError, () => f.conditionalEffects('time:trt', { intConditions: { trt: [] } })).message).toContain('non-empty array of finite numbers');
    expect(thrown(SpecError, () => fit.conditionalEffects('age:Sex', { intConditions: { Sex: ['female'] } })).message).toContain('levels of "Sex" (Male, Female)');
    expect(thrown(SpecError, () => f.conditionalEffects('time', { intConditions: { trt: [0] } })).path).toBe('options.intConditions');
  });

  it('conditionalEffectPoints: the training rows, each on its curve (factor level, or the nearest numeric value)', () => {
    const csv = csvRows(sharedCsv('orthodont'));
    const bySex = conditionalEffectPoints(fit, fit.conditionalEffects('age:Sex', { resolution: 2 }));
    expect(bySex).toHaveLength(csv.length);
    bySex.forEach((p, i) => expect(p).toEqual({ x: csv[i].age, by: csv[i].Sex, y: csv[i].distance }));
    // Only the levels shown: girls' rows alone.
    const girls = conditionalEffectPoints(fit, fit.conditionalEffects('age:Sex', { resolution: 2, intConditions: { Sex: ['Female'] } }));
    expect(girls).toHaveLength(csv.filter((r) => r.Sex === 'Female').length);
    // Numeric second variable: curves at 8 and 14 for age; each row goes to the nearer one (11 is a tie: the first).
    const ce = fit.conditionalEffects('Sex:age', { intConditions: { age: [8, 14] } });
    const points = conditionalEffectPoints(fit, ce);
    points.forEach((p, i) => expect(p.by).toBe((csv[i].age as number) <= 11 ? 8 : 14));
    expect(conditionalEffectPoints(fit, fit.conditionalEffects('age', { resolution: 2 })).every((p) => p.by === null)).toBe(true);
  });

  it('nonlinear (orange): the logistic curve at the fixed effects; spaghetti returns the draws\' curves', () => {
    const f = fakeFit(exampleSpec('orange'), sharedCsv('orange'), 1, 40);
    const A = Array.from(f.pooled('b_Asym_Intercept'));
    const xm = Array.from(f.pooled('b_xmid_Intercept'));
    const sc = Array.from(f.pooled('b_scal_Intercept'));
    const ce = f.conditionalEffects('age', { resolution: 5, spaghetti: 10 });
    for (const r of ce.rows) expect(r.estimate).toBeCloseTo(median(A.map((a, s) => a / (1 + Math.exp(-((r.x as number) - xm[s]) / sc[s])))), 8);
    expect(ce.spaghetti).toHaveLength(50);
    const one = ce.spaghetti!.find((r) => r.draw === 4 && r.x === ce.rows[2].x)!;
    expect(one.value).toBeCloseTo(A[4] / (1 + Math.exp(-((one.x as number) - xm[4]) / sc[4])), 9);
  });

  it('a name that is not a predictor is a SpecError naming it and the closest predictor', () => {
    const e = thrown(SpecError, () => fit.conditionalEffects('Age'));
    expect(e.message).toContain('"Age" is not a predictor');
    expect(e.message).toContain('did you mean "age"');
    expect(thrown(SpecError, () => fit.conditionalEffects('age', { conditions: { age: 3 } })).path).toBe('options.conditions.age');
    expect(thrown(SpecError, () => fit.conditionalEffects('age:Sex:Subject')).message).toContain('not 3');
  });
});
