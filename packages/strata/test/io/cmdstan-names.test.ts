import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdstanColumnToName, toCsvColumns } from '../../src/io/index.js';

describe('CSV column names', () => {
  it('portable style: CmdStan dots for integer indices, underscores otherwise', () => {
    const names = ['b_Intercept', 'sd_Subject__Intercept', 'cor_Subject__Intercept__Days', 'z[1,2]', 'theta[10]',
      'r_Subject[308,Intercept]', 'r_Tree__Asym[1,Intercept]', 'b_age:SexFemale', 'b_I(age^2)', 'z[01]', 'if', 'lp__', 'r_g[a b,Intercept]'];
    expect(toCsvColumns(names)).toEqual(['b_Intercept', 'sd_Subject__Intercept', 'cor_Subject__Intercept__Days', 'z.1.2', 'theta.10',
      'r_Subject_308_Intercept', 'r_Tree__Asym_1_Intercept', 'b_age_SexFemale', 'b_I_age_2', 'z_01', 'if_v', 'lp', 'r_g_a_b_Intercept']);
  });

  it('cmdstan style: dotted indices of any word, colons kept', () => {
    const names = ['b_Intercept', 'r_Subject[308,Intercept]', 'b_age:SexFemale', 'r_g[a b,Intercept]', 'z[1,2]'];
    expect(toCsvColumns(names, 'cmdstan')).toEqual(['b_Intercept', 'r_Subject.308.Intercept', 'b_age:SexFemale', 'r_g_a_b_Intercept', 'z.1.2']);
  });

  it('never collides with another column or a sampler column', () => {
    expect(toCsvColumns(['a_1', 'a.1', 'a:1', 'a[1]', 'energy__'])).toEqual(['a_1', 'a_1_2', 'a_1_3', 'a.1', 'energy']);
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 30 }), fc.constantFrom('portable', 'cmdstan' as const), (names, style) => {
        const cols = toCsvColumns(names, style);
        expect(new Set(cols).size).toBe(names.length);
        for (const c of cols) {
          expect(c.endsWith('__')).toBe(false);
          expect(c).not.toMatch(/[,\s"'\r\n]/);
          if (style === 'portable') expect(c).toMatch(/^[A-Za-z][A-Za-z0-9_]*(\.[1-9][0-9]*)*$/);
        }
      }),
    );
  });

  it("reads CmdStan's dotted names as readers do", () => {
    expect(cmdstanColumnToName('theta')).toBe('theta');
    expect(cmdstanColumnToName('beta.1')).toBe('beta[1]');
    expect(cmdstanColumnToName('z.1.2')).toBe('z[1,2]');
    expect(cmdstanColumnToName('r_Subject.308.Intercept')).toBe('r_Subject[308,Intercept]');
    expect(cmdstanColumnToName('b_age:SexFemale')).toBe('b_age:SexFemale');
    expect(cmdstanColumnToName('pair.2:1')).toBe('pair[2]:1'); // tuple element, as CmdStan prints it
  });
});
