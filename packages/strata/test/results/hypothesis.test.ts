/** hypothesis() against counting and quantiles of the draws by hand; the expression grammar; errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { exampleSpec, fakeFit, mean, sharedCsv, thrown } from './helpers.js';

const fit = fakeFit(exampleSpec('orthodont'), sharedCsv('orthodont'), 2, 200, 17);
const S = fit.totalDraws;
const inter = fit.pooled('b_age:SexFemale');
const age = fit.pooled('b_age');

/** R's type-7 quantile, written out here. */
function q7(x: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(x).sort();
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

describe('hypothesis() as brms computes it', () => {
  it('one-sided: posterior probability = share of draws that agree; evidence ratio = agree / disagree; 90% interval open on one side', () => {
    const h = fit.hypothesis('b_age:SexFemale < 0');
    const agree = inter.filter((v) => v < 0).length;
    expect(h.postProb).toBeCloseTo(agree / S, 14);
    expect(h.evidenceRatio).toBeCloseTo(agree / (S - agree), 12);
    expect(h.estimate).toBeCloseTo(mean(inter), 12);
    expect(h.lower).toBe(-Infinity);
    expect(h.upper).toBeCloseTo(q7(inter, 0.95), 12);
    expect(h.hypothesis).toBe('(b_age:SexFemale) < 0');
    const g = fit.hypothesis('age > 0.1'); // brms's class prefix: b_age
    expect(g.postProb).toBeCloseTo(age.filter((v) => v > 0.1).length / S, 14);
    expect(g.lower).toBeCloseTo(q7(age.map((v) => v - 0.1), 0.05), 12);
    expect(g.upper).toBe(Infinity);
  });

  it('two-sided "a - b = 0": 95% interval of the difference per draw, no evidence ratio without prior draws (brms: NA)', () => {
    const h = fit.hypothesis('b_age - b_age:SexFemale = 0');
    const d = age.map((v, s) => v - inter[s]);
    expect(h.lower).toBeCloseTo(q7(d, 0.025), 12);
    expect(h.upper).toBeCloseTo(q7(d, 0.975), 12);
    expect(h.estError).toBeGreaterThan(0);
    expect(h.evidenceRatio).toBeNull();
    expect(h.postProb).toBeNull();
    expect(h.star).toBe(!(h.upper >= 0 && h.lower <= 0));
    const [a, b] = fit.hypothesis(['2 * (b_age + b_age:SexFemale) = b_age', 'exp(b_age) > 1'], { alpha: 0.1 });
    expect(a.estimate).toBeCloseTo(mean(age.map((v, s) => 2 * (v + inter[s]) - v)), 12);
    expect(b.postProb).toBeCloseTo(age.filter((v) => Math.exp(v) > 1).length / S, 14);
    expect(b.lower).toBeCloseTo(q7(age.map((v) => Math.exp(v) - 1), 0.1), 12);
  });

  it('property: for any threshold c, P(b_age < c) is the share of draws below c', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), (c) => {
        const h = fit.hypothesis(`b_age < ${c.toFixed(6)}`);
        const c6 = Number(c.toFixed(6));
        return Math.abs(h.postProb! - age.filter((v) => v < c6).length / S) < 1e-12;
      }),
      { numRuns: 50 },
    );
  });

  it('an unknown name is a SpecError naming it and the closest parameter; malformed hypotheses are refused', () => {
    const e = thrown(SpecError, () => fit.hypothesis('b_age:Sexfemale < 0'));
    expect(e.message).toContain('unknown parameter "b_age:Sexfemale"');
    expect(e.message).toContain('did you mean "b_age:SexFemale"');
    expect(thrown(SpecError, () => fit.hypothesis('b_age')).message).toContain('one comparison');
    expect(thrown(SpecError, () => fit.hypothesis('b_age < 0 < 1')).message).toContain('one comparison');
    expect(thrown(SpecError, () => fit.hypothesis('b_age + < 0')).message).toContain('ends too early');
    expect(thrown(SpecError, () => fit.hypothesis('foo(b_age) > 0')).message).toContain('unknown function foo()');
    // Brackets hold commas and no comparison: a group-level effect parses as one name.
    const r = fit.hypothesis('r_Subject[M01,Intercept] > 0');
    expect(r.postProb).toBeCloseTo(fit.pooled('r_Subject[M01,Intercept]').filter((v) => v > 0).length / S, 14);
  });
});
