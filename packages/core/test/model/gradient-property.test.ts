/**
 * Property: for random models (fixed effects, factors, interactions, I(), crossed / nested / correlated
 * group terms, nonlinear stage-1 expressions, every family) on random data, the hand-written gradient
 * agrees with a fourth-order central finite difference of the log density.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, seededUniform } from '../../src/index.js';
import { checkGradient, expectFusedEqualsThreePass, FAMILIES, makeData, type Scenario } from './gradient-check.js';

const linearScenario = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    n: fc.integer({ min: 15, max: 40 }),
    family: fc.constantFrom(...FAMILIES),
    knownSe: fc.boolean(),
    intercept: fc.boolean(),
    fixed: fc.subarray(['x1', 'x2', 'f', 'x1:f', 'I(x2^2)', 'x1*x2'], { minLength: 1 }),
    // at most one term per grouping factor (a coefficient may vary by a factor in one term only)
    g1: fc.option(fc.constantFrom('(1 | g1)', '(1 + x1 | g1)', '(1 | g1/g2)'), { nil: null }),
    g2: fc.option(fc.constantFrom('(x1 || g2)', '(1 + x1 + x2 | g2)', '(0 + x2 | g2)'), { nil: null }),
  })
  .map(({ seed, n, family, knownSe, intercept, fixed, g1, g2 }): Scenario => {
    const groups = ([g1, g2] as (string | null)[]).filter((g): g is string => g !== null && !(g1 === '(1 | g1/g2)' && g !== g1 && g.startsWith('(1')));
    const lhs = family === 'binomial' ? 'y | trials(trials)' : family === 'gaussian' && knownSe ? 'y | se(s)' : 'y';
    // like R, `0 + x1 + x1:f` codes f by indicators in x1:f, which is rank deficient (and refused)
    const fixedTerms = intercept ? fixed : fixed.filter((t) => t !== 'x1:f');
    const terms = [intercept ? '1' : '0', ...(fixedTerms.length ? fixedTerms : ['x2']), ...groups];
    return {
      spec: { formula: `${lhs} ~ ${terms.join(' + ')}`, family, priors: [{ prior: 'lkj(1.5)', class: 'cor' }].filter(() => groups.some((g) => g.includes('+ x1'))) },
      data: makeData(seed, n, family),
    };
  });

const nonlinearScenario = fc
  .record({
    seed: fc.integer({ min: 1, max: 1e9 }),
    n: fc.integer({ min: 15, max: 40 }),
    family: fc.constantFrom('gaussian', 'student', 'poisson', 'lognormal'),
    expression: fc.constantFrom(
      'a * exp(-b * x2) + c',
      'a / (1 + exp(-(x1 - b) / c))',
      'SSlogis(x2, a, b, c)',
      'a + b * log1p(x2) + sqrt(c^2 + x1^2)',
      'SSasymp(x2, a, b, c)',
      'a / (1 + exp(-(tt - b) / c))',
      'a * exp(-b * tt) + c / tt',
      'SSasymp(tt, a, b, c) + log1p(tt)',
      'a + b * log(tt) + c * x1 * pow(tt, b)',
      // x^y through the kernel's $pow: hoisted (tt, invariant b), and with active bases
      'a * tt^b + c',
      'c * (1 + exp(a * x1))^b + (1 + exp(a))^2.5',
    ),
    aFormula: fc.constantFrom('1', '1 + (1 | g1)', '1 + x1', '1 + f + (1 | g2)'),
    cFormula: fc.constantFrom('1', '1 + (1 | g1)'),
  })
  .map(({ seed, n, family, expression, aFormula, cFormula }): Scenario => ({
    spec: {
      formula: `y ~ ${expression}`,
      nl: { a: aFormula, b: '1', c: cFormula },
      family,
      priors: [
        { prior: 'normal(1, 2)', class: 'b', nlpar: 'a' },
        { prior: 'normal(0.5, 1)', class: 'b', nlpar: 'b' },
        { prior: 'normal(1, 1)', class: 'b', nlpar: 'c' },
      ],
    },
    data: makeData(seed, n, family === 'poisson' ? 'poisson' : family === 'lognormal' ? 'lognormal' : 'gaussian'),
  }));

describe('compiled model gradient vs finite differences', () => {
  it('random linear mixed models, every family', () => {
    fc.assert(
      fc.property(linearScenario, fc.integer({ min: 1, max: 1e9 }), (s, thetaSeed) => checkGradient(s, thetaSeed)),
      { numRuns: 120, seed: 20261124 },
    );
  });

  it('random nonlinear mixed models', () => {
    fc.assert(
      fc.property(nonlinearScenario, fc.integer({ min: 1, max: 1e9 }), (s, thetaSeed) => checkGradient(s, thetaSeed)),
      { numRuns: 60, seed: 424242 },
    );
  });

  const fusedEqualsThreePass = (s: Scenario, thetaSeed: number): void => {
    const model = compile(s.spec, s.data);
    const u = seededUniform(thetaSeed);
    expectFusedEqualsThreePass(model, Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * 0.8));
  };

  it('the fused one-pass loop equals the three-pass path on nonlinear models (expression, likelihood, backprop)', () => {
    fc.assert(fc.property(nonlinearScenario, fc.integer({ min: 1, max: 1e9 }), fusedEqualsThreePass), { numRuns: 60 });
  });

  it('the fused one-pass likelihood loop equals the three-pass path (every family with fused code)', () => {
    fc.assert(fc.property(linearScenario, fc.integer({ min: 1, max: 1e9 }), fusedEqualsThreePass), { numRuns: 80 });
  });

  it('centred parameterisation of an uncorrelated term', () => {
    const data = makeData(7, 30, 'gaussian');
    checkGradient({ spec: { formula: 'y ~ 1 + x1 + (1 + x1 || g1)', parameterization: 'centered' }, data }, 11);
  });
});
