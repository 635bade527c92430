import { describe, expect, it } from 'vitest';
import { exampleSpec, fakeFit, sharedCsv } from './helpers.js';

/** Mean, sd and the 5% / 95% quantiles of a column of pooled draws, computed here independently. */
function describeDraws(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, sd };
}

describe('ranef', () => {
  it('keys linear effects by grouping factor, one row per level and coefficient, matching the draws', () => {
    const f = fakeFit(exampleSpec('sleepstudy'), sharedCsv('sleepstudy'));
    const re = f.ranef();
    expect(Object.keys(re)).toEqual(['Subject']);
    expect(re.Subject).toHaveLength(18 * 2);
    expect(new Set(re.Subject.map((r) => r.coef))).toEqual(new Set(['Intercept', 'Days']));
    const row = re.Subject.find((r) => r.level === '308' && r.coef === 'Days')!;
    expect(row.name).toBe('r_Subject[308,Days]');
    const column = f.constrained.flatMap((chain) => {
      const k = f.names.indexOf('r_Subject[308,Days]');
      return Array.from({ length: f.iterations }, (_, i) => chain[i * f.names.length + k]);
    });
    const { mean, sd } = describeDraws(column);
    expect(row.mean).toBeCloseTo(mean, 12);
    expect(row.sd).toBeCloseTo(sd, 12);
    expect(row.q5).toBeLessThan(row.q95);
  });

  it('keys a nonlinear parameter\'s effects by the grouping factor, coefficients named nlpar_coef (as brms)', () => {
    const f = fakeFit(exampleSpec('orange'), sharedCsv('orange'));
    const re = f.ranef();
    expect(Object.keys(re)).toEqual(['Tree']);
    expect(re.Tree.map((r) => r.coef)).toEqual(Array(5).fill('Asym_Intercept'));
    expect(re.Tree.map((r) => r.name)).toEqual(re.Tree.map((r) => `r_Tree__Asym[${r.level},Intercept]`));
  });

  it('keeps nested grouping factors as their own keys', () => {
    const rows = Array.from({ length: 48 }, (_, i) => ({ y: Math.sin(i), school: `s${i % 4}`, klass: `c${i % 3}` }));
    const f = fakeFit({ formula: 'y ~ 1 + (1 | school/klass)' }, rows);
    expect(Object.keys(f.ranef()).sort()).toEqual(['school', 'school:klass']);
  });
});
