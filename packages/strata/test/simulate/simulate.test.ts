/** simulate(): designs, parameters from a fixed truth or the priors, and the response through each family. */
import { describe, expect, it } from 'vitest';
import { generateDesign } from '../../src/simulate/design.js';
import { simulate } from '../../src/simulate/simulate.js';
import { sbcRandom } from '../../src/sbc/random.js';
import { powerStudy } from '../../src/power/study.js';
import { decide } from '../../src/power/decision.js';

const twoLevel = { groups: 5, perGroup: [2, 3], group: 'school', level1: { x: 'normal(0, 1)', t: 'seq(0, 1)' }, level2: { treat: 'cycle(0, 1)', z: 'normal(0, 1)' } };

describe('designs', () => {
  it('level-2 covariates are constant within a unit, sizes are taken in turn, seq spans each unit', () => {
    const d = generateDesign(twoLevel, sbcRandom(1, 0));
    expect(d.school).toEqual(['school1', 'school1', 'school2', 'school2', 'school2', 'school3', 'school3', 'school4', 'school4', 'school4', 'school5', 'school5']);
    for (const col of ['treat', 'z']) {
      const byUnit = new Map<string, Set<unknown>>();
      d.school.forEach((s, i) => (byUnit.get(s as string) ?? byUnit.set(s as string, new Set()).get(s as string)!).add(d[col][i]));
      for (const values of byUnit.values()) expect(values.size).toBe(1);
    }
    expect([...new Set(d.treat)]).toEqual([0, 1]);
    expect(d.t.slice(0, 5)).toEqual([0, 1, 0, 0.5, 1]);
  });

  it('bad designs fail with a message naming the field or the column', () => {
    expect(() => generateDesign({ ...twoLevel, groups: 0 }, sbcRandom(1, 0))).toThrow(/design groups must be a whole number >= 1, got 0/);
    expect(() => generateDesign({ ...twoLevel, level1: { x: 'normal(0)' } }, sbcRandom(1, 0))).toThrow(/covariate "x": normal takes 2 arguments, got 1/);
    expect(() => generateDesign({ ...twoLevel, level2: { w: 'poisson(2)' } }, sbcRandom(1, 0))).toThrow(/covariate "w": unknown distribution "poisson"/);
    expect(() => generateDesign({ ...twoLevel, level2: { x: 'cycle(0, 1)' } }, sbcRandom(1, 0))).toThrow(/design column "x" is defined twice/);
  });
});

describe('simulate', () => {
  const spec = { formula: 'y ~ 1 + x + treat + (1 + x | school)' };
  const truth = { b_Intercept: 2, b_x: 0.5, b_treat: -1, sd_school__Intercept: 0.7, sd_school__x: 0.3, cor_school__Intercept__x: -0.4, sigma: 0.2 };

  it('a fixed truth comes back as the true values, with group effects of the right spread', () => {
    const [sim] = simulate(spec, { ...twoLevel, groups: 400, perGroup: 2 }, { from: truth, seed: 4 });
    for (const [k, v] of Object.entries(truth)) expect(sim.truth[k]).toBeCloseTo(v, 12);
    const r0 = Object.entries(sim.truth).filter(([k]) => k.endsWith(',Intercept]')).map(([, v]) => v);
    const r1 = Object.entries(sim.truth).filter(([k]) => k.endsWith(',x]')).map(([, v]) => v);
    const sd = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    const corr = r0.reduce((s, v, i) => s + v * r1[i], 0) / r0.length / (sd(r0) * sd(r1));
    // 400 levels: the sd's relative error is about 1 / sqrt(800) = 0.035, the correlation's about 0.05
    expect(sd(r0)).toBeGreaterThan(0.7 * 0.88), expect(sd(r0)).toBeLessThan(0.7 * 1.12);
    expect(sd(r1)).toBeGreaterThan(0.3 * 0.88), expect(sd(r1)).toBeLessThan(0.3 * 1.12);
    expect(Math.abs(corr - -0.4)).toBeLessThan(0.15);
    // y = b0 + b1 x + b2 treat + r0 + r1 x + e: residuals have sd sigma
    const d = sim.data;
    const res = d.y.map((y, i) => {
      const s = d.school[i] as string;
      const x = d.x[i] as number;
      return (y as number) - (2 + 0.5 * x - (d.treat[i] as number) + sim.truth[`r_school[${s},Intercept]`] + sim.truth[`r_school[${s},x]`] * x);
    });
    expect(sd(res)).toBeGreaterThan(0.2 * 0.9), expect(sd(res)).toBeLessThan(0.2 * 1.1);
  });

  it('replication i is the same whatever the number of replications; seeds differ', () => {
    const a = simulate(spec, twoLevel, { from: truth, reps: 3, seed: 9 });
    const b = simulate(spec, twoLevel, { from: truth, reps: 1, seed: 9 });
    expect(b[0]).toEqual(a[0]);
    expect(a[1].data.y).not.toEqual(a[0].data.y);
  });

  it('binomial counts stay within their trials; poisson counts are whole numbers', () => {
    const [bin] = simulate({ formula: 'k | trials(n) ~ 1 + (1 | g)', family: 'binomial' }, { groups: 10, perGroup: 5, level1: { n: 'constant(7)' } }, { from: { b_Intercept: 0.3, sd_g__Intercept: 1 }, seed: 2 });
    expect(bin.data.k.every((k) => Number.isInteger(k) && (k as number) >= 0 && (k as number) <= 7)).toBe(true);
    const [poi] = simulate({ formula: 'c ~ 1 + x', family: 'poisson' }, { data: { x: Array.from({ length: 2000 }, (_, i) => (i % 2) * 1.0) } }, { from: { b_Intercept: 1, b_x: 0.5 }, seed: 2 });
    const mean = (v: number) => {
      const ys = poi.data.c.filter((_, i) => poi.data.x[i] === v) as number[];
      return ys.reduce((s, y) => s + y, 0) / ys.length;
    };
    // Poisson means e^1 and e^1.5, each from 1000 draws: SE about 0.05 and 0.07
    expect(Math.abs(mean(0) - Math.E)).toBeLessThan(0.25);
    expect(Math.abs(mean(1) - Math.exp(1.5))).toBeLessThan(0.35);
  });

  it('refuses an incomplete truth, an unknown parameter, and prior draws from data-scaled default priors', () => {
    expect(() => simulate(spec, twoLevel, { from: { ...truth, sigma: undefined } as never })).toThrow(/the truth has no value \(a finite number\) for sigma/);
    expect(() => simulate(spec, twoLevel, { from: { ...truth, b_z: 1 } })).toThrow(/the truth names b_z, which is not a parameter/);
    expect(() => simulate(spec, twoLevel, { from: 'prior' })).toThrow(/needs a prior for every parameter: b_Intercept would get the default/);
  });
});

describe('power study', () => {
  const design = {
    model: { formula: 'y ~ 1 + treat + (1 | g)' },
    design: { groups: 4, perGroup: 3, level2: { treat: 'cycle(0, 1)' } },
    truth: { b_Intercept: 0, b_treat: 0.5, sd_g__Intercept: 0.5, sigma: 1 },
    grid: { groups: [4, 8], perGroup: [3, 6], effects: { b_treat: [0, 0.5] } },
    decisions: [{ parameter: 'b_treat', rule: 'q5 > 0' }],
  };
  it('expands groups x per-group sizes x effects into cells, checked before any job', () => {
    const s = powerStudy(design, 10, 1);
    expect(s.cells.map((c) => c.label)).toHaveLength(8);
    expect(s.cells[1]).toMatchObject({ label: { groups: 4, perGroup: 3, b_treat: 0.5 }, from: { b_treat: 0.5 }, design: { groups: 4, perGroup: 3 } });
    expect(() => powerStudy({ ...design, decisions: [{ parameter: 'b_x', rule: 'q5 > 0' }] }, 10, 1)).toThrow(/decision on b_x: not a parameter/);
    expect(() => powerStudy({ ...design, decisions: [{ parameter: 'b_treat', rule: 'q7 > 0' }] }, 10, 1)).toThrow(/cannot read rule "q7 > 0"/);
  });
  it('decisions: inequalities on the mean or an interval end, and a ROPE', () => {
    const e = { name: 'b', mean: 0.3, sd: 0.1, q5: 0.12, q95: 0.5 };
    expect(decide({ parameter: 'b', rule: 'q5 > 0' }, e)).toBe(true);
    expect(decide({ parameter: 'b', rule: 'q5 > 0.2' }, e)).toBe(false);
    expect(decide({ parameter: 'b', rule: 'mean <= 0.3' }, e)).toBe(true);
    expect(decide({ parameter: 'b', rope: [-0.1, 0.1] }, e)).toBe(true);
    expect(decide({ parameter: 'b', rope: [-0.1, 0.2] }, e)).toBe(false);
  });
});
