/**
 * The constrained layout and the new-data predictor against the density itself: on the training data
 * with each row's own effects, newData().run(constrain(theta), theta) is the density's linear
 * predictor, for random models and random points; 'none' drops exactly the group terms; 'new' draws
 * effects with the draw's sds and correlations. The layout's positions name the values constrain()
 * writes there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, DataError, seededUniform, type CompiledModel, type RandomSource } from '../../src/index.js';

function rows(n: number, seed: number): Record<string, (number | string)[]> {
  const u = seededUniform(seed);
  const g = Array.from({ length: n }, (_, i) => `s${Math.floor((i * 6) / n)}`);
  const h = Array.from({ length: n }, () => `c${Math.floor(u() * 3)}`);
  const x = Array.from({ length: n }, () => Math.round((u() * 4 - 2) * 100) / 100);
  const t = Array.from({ length: n }, (_, i) => 0.5 + (i % 5));
  const y = x.map((xi) => Math.round((10 + xi + u() * 3) * 100) / 100);
  return { y, x, t, g, h };
}

const SPECS: Record<string, unknown>[] = [
  { formula: 'y ~ 1 + x + (1 + x | g)' },
  { formula: 'y ~ 1 + x + (1 | g) + (1 | h)' },
  { formula: 'y ~ 0 + x + (1 + x || g)' },
  { formula: 'y ~ 1 + x + (1 | g/h)' },
  { formula: 'y ~ A * (1 - exp(-k * t))', nl: { A: '1 + x + (1 | g)', k: '1 + (1 | h)' }, priors: [{ prior: 'normal(10, 5)', class: 'b', nlpar: 'A' }, { prior: 'normal(0.5, 0.2)', class: 'b', nlpar: 'k' }] },
];

function randomPoint(model: CompiledModel, values: number[]): Float64Array {
  return Float64Array.from({ length: model.dimension }, (_, i) => values[i % values.length]);
}

function normals(seed: number): RandomSource {
  const u = seededUniform(seed);
  return { uniform: u, normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()) };
}

describe('new-data predictor on the training data equals the density', () => {
  for (const spec of SPECS) {
    it(String(spec.formula), () => {
      const model = compile(spec, rows(60, 3));
      const observed = model.newData(undefined, { groups: 'observed' });
      const none = model.newData(undefined, { groups: 'none' });
      const expected = new Float64Array(model.nobs);
      const got = new Float64Array(model.nobs);
      fc.assert(
        fc.property(fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
          const theta = randomPoint(model, values);
          const constrained = model.constrain(theta);
          model.linearPredictor(theta, expected);
          observed.run(constrained, theta, got);
          for (let i = 0; i < model.nobs; i++) expect(got[i]).toBeCloseTo(expected[i], 10);
          if (!model.nonlinear) {
            // 'none': X beta alone
            none.run(constrained, theta, got);
            const { X, p } = model.layout.fixed[0].design;
            const beta = model.layout.constrained.beta[0];
            for (let i = 0; i < model.nobs; i++) {
              let xb = 0;
              for (let j = 0; j < p; j++) xb += X[i * p + j] * constrained[beta[j]];
              expect(got[i]).toBeCloseTo(xb, 10);
            }
          }
        }),
        { numRuns: 25, seed: 5 },
      );
    });
  }
});

describe('the constrained layout', () => {
  it('names every position constrain() writes, sds and correlations included', () => {
    const model = compile(SPECS[0], rows(60, 4));
    const c = model.layout.constrained;
    expect(c.names).toEqual(model.constrainedNames);
    expect(c.beta[0].map((k) => c.names[k])).toEqual(['b_Intercept', 'b_x']);
    expect(c.groups[0].sd.map((k) => c.names[k])).toEqual(['sd_g__Intercept', 'sd_g__x']);
    expect(c.names[c.groups[0].cor]).toBe('cor_g__Intercept__x');
    expect(c.aux.map((k) => c.names[k])).toEqual(['sigma']);
    expect(c.names[c.groups[0].r]).toBe('r_g[s0,Intercept]');
    expect(c.names[c.groups[0].r + 3]).toBe('r_g[s1,x]');
    const theta = randomPoint(model, [0.3, -0.4, 0.8, 0.1, -0.9]);
    const v = model.constrain(theta);
    const sdOffset = model.layout.groups[0].sd[1].offset;
    expect(v[c.groups[0].sd[1]]).toBeCloseTo(Math.exp(theta[sdOffset]), 14);
    expect(v[c.groups[0].cor]).toBeCloseTo(Math.tanh(theta[model.layout.groups[0].corOffset]), 14);
  });
});

describe("fresh effects ('new') follow the draw's sds and correlation", () => {
  it('a level never seen gets r = diag(tau) L z: sample sd and correlation over many draws', () => {
    const model = compile(SPECS[0], rows(60, 5));
    const newdata = { x: [0, 1], g: ['unseen', 'unseen'] };
    const predictor = model.newData(newdata, { groups: 'new', rng: normals(9) });
    const theta = randomPoint(model, [0.2, -0.3, 0.5, -0.2, 0.6]);
    const v = model.constrain(theta);
    const c = model.layout.constrained;
    const tau0 = v[c.groups[0].sd[0]];
    const tau1 = v[c.groups[0].sd[1]];
    const rho = v[c.groups[0].cor];
    const xb0 = v[c.beta[0][0]];
    const xb1 = xb0 + v[c.beta[0][1]];
    const out = new Float64Array(2);
    const N = 20000;
    let s00 = 0;
    let s11 = 0;
    let s01 = 0;
    for (let d = 0; d < N; d++) {
      predictor.run(v, theta, out);
      const r0 = out[0] - xb0; // intercept effect
      const r1 = out[1] - xb1 - r0; // slope effect (x = 1)
      s00 += r0 * r0;
      s11 += r1 * r1;
      s01 += r0 * r1;
    }
    // sd of a sample sd is about sd / sqrt(2N): 4 of those as tolerance
    expect(Math.sqrt(s00 / N)).toBeGreaterThan(tau0 * (1 - 4 / Math.sqrt(2 * N)));
    expect(Math.sqrt(s00 / N)).toBeLessThan(tau0 * (1 + 4 / Math.sqrt(2 * N)));
    expect(Math.sqrt(s11 / N)).toBeGreaterThan(tau1 * (1 - 4 / Math.sqrt(2 * N)));
    expect(Math.sqrt(s11 / N)).toBeLessThan(tau1 * (1 + 4 / Math.sqrt(2 * N)));
    expect(Math.abs(s01 / Math.sqrt(s00 * s11) - rho)).toBeLessThan(4 * (1 - rho * rho) / Math.sqrt(N));
  });

  it("an unseen level with groups 'observed' is a DataError naming the column, level and row", () => {
    const model = compile(SPECS[0], rows(60, 6));
    expect(() => model.newData({ x: [0, 1], g: ['s1', 'zz'] }, { groups: 'observed' })).toThrow(DataError);
    expect(() => model.newData({ x: [0, 1], g: ['s1', 'zz'] }, { groups: 'observed' })).toThrow(/column 'g' has level "zz" at row 2/);
  });
});
