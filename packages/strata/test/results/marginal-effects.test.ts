/**
 * Population-averaged effects of a logistic GLMM against brute-force simulation of a population of
 * subjects per posterior draw; the conditional odds ratio is exp(b); the marginal one is attenuated.
 */
import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { fakeFit, normals, thrown } from './helpers.js';

/** Park-Miller uniforms, independent of the code under test. */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (16807 * state) % 2147483647;
    return state / 2147483647;
  };
}

describe('marginal (population-averaged) effects of a logistic GLMM', () => {
  const z = normals(12);
  const rows = Array.from({ length: 60 }, (_, i) => ({ y: z() > 0 ? 1 : 0, trt: i % 2 === 0 ? 'control' : 'treated', age: 40 + 10 * z(), id: `s${i % 15}` }));
  const fit = fakeFit({ formula: 'y ~ 1 + trt + age + (1 | id)', family: 'bernoulli' }, rows, 1, 6, 3);
  const b0 = fit.pooled('b_Intercept');
  const b1 = fit.pooled('b_trttreated');
  const bAge = fit.pooled('b_age');
  const tau = fit.pooled('sd_id__Intercept');
  const meanAge = rows.reduce((a, r) => a + r.age, 0) / rows.length;

  it('per draw, the marginal probability equals the share of successes in a simulated population of 200000 subjects', () => {
    const nodes = 20000;
    const m = fit.posteriorMarginalEpred([{ trt: 'control', age: meanAge }, { trt: 'treated', age: meanAge }], { nodes, seed: 1 });
    const normal = normals(77);
    const u = uniforms(99);
    const people = 200000;
    for (let s = 0; s < m.S; s++) {
      for (const [i, t] of [0, 1].entries()) {
        let successes = 0;
        for (let k = 0; k < people; k++) {
          const eta = b0[s] + t * b1[s] + bAge[s] * meanAge + tau[s] * normal();
          if (u() < 1 / (1 + Math.exp(-eta))) successes++;
        }
        const p = successes / people;
        // Monte Carlo error of both: the implementation's nodes (sd of plogis <= 0.5) and the simulated population.
        const se = Math.sqrt(0.25 / nodes + (p * (1 - p)) / people);
        expect(Math.abs(m.draws[s * 2 + i] - p)).toBeLessThan(4 * se);
      }
    }
  });

  it('conditional odds ratio = exp(b_trt) per draw; the marginal one lies between 1 and it (non-collapsibility)', () => {
    const e = fit.marginalEffect('trt', { nodes: 4000, seed: 2 });
    expect(e.values).toEqual(['control', 'treated']);
    expect(e.conditions.age).toBeCloseTo(meanAge, 12);
    const or = e.conditional.draws.oddsRatio!;
    for (let s = 0; s < or.length; s++) {
      expect(or[s] / Math.exp(b1[s]) - 1).toBeLessThan(1e-12);
      // The exact integral over r ~ N(0, tau^2) by the trapezoid rule on +-10 sd, and its Monte Carlo error for 4000 nodes.
      const eta = [0, 1].map((t) => b0[s] + t * b1[s] + bAge[s] * meanAge);
      const moments = eta.map((e0) => {
        let m1 = 0;
        let m2 = 0;
        let w = 0;
        for (let k = -4000; k <= 4000; k++) {
          const x = k / 400;
          const phi = Math.exp(-0.5 * x * x);
          const p = 1 / (1 + Math.exp(-(e0 + tau[s] * x)));
          m1 += phi * p;
          m2 += phi * p * p;
          w += phi;
        }
        return { p: m1 / w, sd: Math.sqrt(Math.max(0, m2 / w - (m1 / w) ** 2)) };
      });
      const logOdds = (p: number) => Math.log(p / (1 - p));
      const exact = logOdds(moments[1].p) - logOdds(moments[0].p);
      const se = moments.reduce((a, m) => a + m.sd / Math.sqrt(4000) / (m.p * (1 - m.p)), 0);
      expect(Math.abs(Math.log(e.marginal.draws.oddsRatio![s]) - exact)).toBeLessThan(4 * se + 1e-9);
      // Non-collapsibility: the population-averaged log odds ratio is attenuated towards 0, same sign.
      expect(Math.sign(exact)).toBe(Math.sign(b1[s]));
      expect(Math.abs(exact)).toBeLessThan(Math.abs(b1[s]));
    }
    expect(e.marginal.oddsRatio!.mean).toBeGreaterThan(0);
    expect(thrown(SpecError, () => fit.marginalEffect('dose')).message).toContain('"dose" is not a predictor');
  });

  it('a numeric predictor compares mean and mean + 1 by default: the conditional log odds ratio is b_age', () => {
    const e = fit.marginalEffect('age', { nodes: 200 });
    e.conditional.draws.oddsRatio!.forEach((v, s) => expect(Math.log(v)).toBeCloseTo(bAge[s], 9));
  });
});
