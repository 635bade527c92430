/**
 * offset(), weights(), cens() and trunc() in the kernels: the log density against values computed
 * here independently (a weight multiplies an observation's log-likelihood, an offset shifts the
 * linear predictor, censoring and truncation use the normal CDF), and the gradient against finite
 * differences for every family x link x extra (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, seededUniform } from '../../src/index.js';
import { ModelDensity } from '../../src/model/density.js';
import { checkGradient, checkGradientAt, expectFusedEqualsThreePass, type Scenario } from './gradient-check.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const normalLpdf = (y: number, mu: number, s: number) => -LOG_SQRT_2PI - Math.log(s) - 0.5 * ((y - mu) / s) ** 2;
/** Phi(z) by Simpson's rule on the density from -12 (independent of the library's erfc-based CDF). */
function normalCdf(z: number): number {
  const a = -12;
  const m = 20000;
  const h = (z - a) / m;
  let s = 0;
  for (let k = 0; k <= m; k++) {
    const x = a + k * h;
    const f = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    s += (k === 0 || k === m ? 1 : k % 2 ? 4 : 2) * f;
  }
  return (s * h) / 3;
}

const data = {
  y: [1.5, 2.5, 0.5, 3.5, 2, 1, 4, 2.25],
  c: ['none', 'left', 'right', 'interval', 'none', 'none', 'left', 'none'],
  hi: [9, 9, 9, 5, 9, 9, 9, 9],
  w: [1, 2, 1, 0.5, 1, 1, 0, 3],
  o: [0.1, -0.2, 0.3, 0, 0.5, 1, 0.7, -0.8],
  x: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  k: [1, 0, 3, 2, 5, 1, 0, 2],
};
const flat = [
  { prior: 'normal(0, 10)', class: 'b' },
  { prior: 'normal(0, 5)', class: 'sigma' },
];

/** The pointwise log-likelihood of the model at theta. */
function pointwise(spec: Record<string, unknown>, theta: number[]): Float64Array {
  return compile(spec, data).pointwiseLogLik(Float64Array.from(theta));
}

describe('weights()', () => {
  it('multiplies each observation log-likelihood (pointwise, as brms log_lik) and the density', () => {
    const theta = [1.2, 0.4, Math.log(0.9)];
    const plain = pointwise({ formula: 'y ~ 1 + x', priors: flat }, theta);
    const weighted = pointwise({ formula: 'y | weights(w) ~ 1 + x', priors: flat }, theta);
    data.w.forEach((w, i) => expect(weighted[i]).toBeCloseTo(w * normalLpdf(data.y[i], 1.2 + 0.4 * data.x[i], 0.9), 12));
    plain.forEach((v, i) => expect(weighted[i]).toBeCloseTo(data.w[i] * v, 12));
    const a = compile({ formula: 'y | weights(w) ~ 1 + x', priors: flat }, data);
    const b = compile({ formula: 'y ~ 1 + x', priors: flat }, data);
    const t = Float64Array.from(theta);
    const sum = (xs: Float64Array) => xs.reduce((s, v) => s + v, 0);
    // same priors: the difference of log densities is the difference of summed likelihoods
    expect(a.logDensity(t) - b.logDensity(t)).toBeCloseTo(sum(weighted) - sum(plain), 10);
  });
});

describe('offset()', () => {
  it('is added to the linear predictor, in the fused and the three-pass kernels and in pointwise', () => {
    const theta = Float64Array.of(0.3, -0.5);
    const m = compile({ formula: 'k ~ 1 + x + offset(o)', family: 'poisson', priors: flat.slice(0, 1) }, data);
    const eta = m.linearPredictor(theta);
    data.x.forEach((x, i) => expect(eta[i]).toBeCloseTo(0.3 - 0.5 * x + data.o[i], 14));
    const pw = m.pointwiseLogLik(theta);
    const lgammaInt = (n: number) => Array.from({ length: n }, (_, j) => Math.log(j + 1)).reduce((s, v) => s + v, 0);
    data.k.forEach((k, i) => expect(pw[i]).toBeCloseTo(k * eta[i] - Math.exp(eta[i]) - lgammaInt(k), 12));
    const fused = new ModelDensity(m.structure, m.layout);
    const plain = new ModelDensity(m.structure, m.layout, { fused: false });
    const g1 = new Float64Array(2);
    const g2 = new Float64Array(2);
    expect(fused.logDensityGradient(theta, g1)).toBeCloseTo(plain.logDensityGradient(theta, g2), 12);
    expect(g1[0]).toBeCloseTo(g2[0], 12);
    expect(g1[1]).toBeCloseTo(g2[1], 12);
  });

  it('in a nonlinear parameter formula (fused nonlinear loop)', () => {
    const spec = { formula: 'y ~ a * exp(-b * x)', nl: { a: '1 + offset(o)', b: '1' }, priors: [{ prior: 'normal(1, 2)', class: 'b', nlpar: 'a' }, { prior: 'normal(0, 1)', class: 'b', nlpar: 'b' }, flat[1]] };
    const m = compile(spec, data);
    const theta = Float64Array.of(1.1, 0.3, 0);
    const eta = m.linearPredictor(theta);
    data.x.forEach((x, i) => expect(eta[i]).toBeCloseTo((1.1 + data.o[i]) * Math.exp(-0.3 * x), 14));
    checkGradient({ spec, data }, 3);
  });
});

describe('cens() and trunc()', () => {
  it('left / right / interval cases and the truncation normaliser, gaussian', () => {
    const [mu, sigma] = [2, 1.3];
    const theta = [mu, Math.log(sigma)];
    const cens = pointwise({ formula: 'y | cens(c, hi) ~ 1', priors: flat }, theta);
    const F = (v: number) => normalCdf((v - mu) / sigma);
    const expected = data.y.map((y, i) => {
      switch (data.c[i]) {
        case 'left':
          return Math.log(F(y));
        case 'right':
          return Math.log(1 - F(y));
        case 'interval':
          return Math.log(F(data.hi[i]) - F(y));
        default:
          return normalLpdf(y, mu, sigma);
      }
    });
    expected.forEach((v, i) => expect(cens[i]).toBeCloseTo(v, 9));
    const trunc = pointwise({ formula: 'y | trunc(lb = 0, ub = 5) ~ 1', priors: flat }, theta);
    data.y.forEach((y, i) => expect(trunc[i]).toBeCloseTo(normalLpdf(y, mu, sigma) - Math.log(F(5) - F(0)), 9));
  });

  it('count families: right censoring at k means Y >= k, trunc(lb) includes lb', () => {
    const theta = [Math.log(2)];
    const dpois = (k: number) => Math.exp(k * Math.log(2) - 2 - Array.from({ length: k }, (_, j) => Math.log(j + 1)).reduce((s, v) => s + v, 0));
    const below = (k: number) => Array.from({ length: k }, (_, j) => dpois(j)).reduce((s, v) => s + v, 0); // P(Y < k)
    const d2 = { ...data, c2: data.k.map((_, i) => (i % 2 ? 'right' : 'none')) };
    const pw = compile({ formula: 'k | cens(c2) ~ 1', family: 'poisson', priors: flat.slice(0, 1) }, d2).pointwiseLogLik(Float64Array.from(theta));
    data.k.forEach((k, i) => expect(pw[i]).toBeCloseTo(i % 2 ? Math.log(1 - below(k)) : Math.log(dpois(k)), 11));
    const tr = compile({ formula: 'k | trunc(lb = 1) ~ 1', family: 'poisson', priors: flat.slice(0, 1) }, { k: [1, 3, 2, 5] }).pointwiseLogLik(Float64Array.from(theta));
    [1, 3, 2, 5].forEach((k, i) => expect(tr[i]).toBeCloseTo(Math.log(dpois(k)) - Math.log(1 - dpois(0)), 11));
  });
});

type Kind = 'real' | 'positive' | 'positive0' | 'unit' | 'count' | 'binary' | 'trials';

describe('links', () => {
  it('probit and cloglog for bernoulli / binomial, identity for poisson', () => {
    const d = { y: [0, 1, 1, 0], n: [3, 2, 5, 1], x: [-1, 0.5, 2, 0.2] };
    const theta = Float64Array.of(0.2, 0.7);
    const eta = d.x.map((x) => 0.2 + 0.7 * x);
    const probit = compile({ formula: 'y ~ 1 + x', family: 'bernoulli', link: 'probit', priors: flat.slice(0, 1) }, d).pointwiseLogLik(theta);
    eta.forEach((e, i) => expect(probit[i]).toBeCloseTo(Math.log(d.y[i] ? normalCdf(e) : 1 - normalCdf(e)), 9));
    const cloglog = compile({ formula: 'y | trials(n) ~ 1 + x', family: 'binomial', link: 'cloglog', priors: flat.slice(0, 1) }, d).pointwiseLogLik(theta);
    const choose = (n: number, k: number) => Array.from({ length: k }, (_, j) => (n - j) / (j + 1)).reduce((s, v) => s * v, 1);
    eta.forEach((e, i) => {
      const p = 1 - Math.exp(-Math.exp(e));
      expect(cloglog[i]).toBeCloseTo(Math.log(choose(d.n[i], d.y[i]) * p ** d.y[i] * (1 - p) ** (d.n[i] - d.y[i])), 11);
    });
    const identity = compile({ formula: 'y ~ 1 + x', family: 'poisson', link: 'identity', priors: flat.slice(0, 1) }, d);
    const pw = identity.pointwiseLogLik(Float64Array.of(1, 0.2));
    d.x.forEach((x, i) => expect(pw[i]).toBeCloseTo(d.y[i] * Math.log(1 + 0.2 * x) - (1 + 0.2 * x), 12));
    // a mean <= 0 on the identity link: no observation is possible
    expect(identity.logDensity(Float64Array.of(-1, 0))).toBe(-Infinity);
  });
});

describe('cumulative', () => {
  const d = { r: [1, 2, 3, 2, 1, 3, 3, 2], x: [0.1, 0.5, 1.2, -0.3, -1, 0.8, 2, 0], g: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'], w: data.w };
  it('P(y = k) = F(theta_k - eta) - F(theta_{k-1} - eta), thresholds b_Intercept[k], no intercept in eta', () => {
    const m = compile({ formula: 'r ~ 1 + x', family: 'cumulative' }, d);
    expect(m.parameterNames).toEqual(['b_x', 'b_Intercept[1]', 'b_Intercept[2]']);
    const F = (v: number) => 1 / (1 + Math.exp(-v));
    const theta = [0.6, -0.4, 1.1];
    const pw = m.pointwiseLogLik(Float64Array.from(theta));
    d.r.forEach((r, i) => {
      const eta = 0.6 * d.x[i];
      const cut = [-Infinity, -0.4, 1.1, Infinity];
      expect(pw[i]).toBeCloseTo(Math.log(F(cut[r] - eta) - F(cut[r - 1] - eta)), 12);
    });
    // thresholds out of order: no observation of the middle category is possible
    expect(m.logDensity(Float64Array.of(0.6, 1.1, -0.4))).toBe(-Infinity);
    expect(m.priors.map((p) => p.prior.text)).toContain('student_t(3, 0, 2.5)');
  });
  it('gradient with weights and a group term (finite differences)', () => {
    const spec = { formula: 'r | weights(w) ~ 1 + x + (1 | g)', family: 'cumulative' };
    const u = seededUniform(5);
    for (let t = 1; t <= 10; t++) {
      const model = compile(spec, d);
      const theta = Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * 0.5);
      theta[1] = -1;
      theta[2] = 1; // ordered thresholds
      checkGradientAt(model, theta);
    }
  });
});

/** Random data for the property test, per response kind. */
function scenarioData(seed: number, n: number, kind: Kind): Record<string, (number | string)[]> {
  const u = seededUniform(seed);
  const x = Array.from({ length: n }, () => Math.round((u() * 2 - 1) * 100) / 100);
  const g = Array.from({ length: n }, (_, i) => `g${i % 4}`);
  const trials = Array.from({ length: n }, () => 1 + Math.floor(u() * 8));
  const y = Array.from({ length: n }, (_, i) => {
    if (kind === 'real') return Math.round((1 + x[i] + u() * 2) * 100) / 100;
    if (kind === 'positive') return Math.round(Math.exp(0.3 * x[i] + u()) * 100) / 100;
    if (kind === 'positive0') return u() < 0.3 ? 0 : Math.round(Math.exp(0.3 * x[i] + u()) * 100) / 100;
    if (kind === 'unit') return Math.round((0.05 + 0.9 * u()) * 100) / 100;
    if (kind === 'binary') return u() < 0.5 ? 1 : 0;
    if (kind === 'trials') return Math.floor(u() * (trials[i] + 1));
    return Math.floor(u() * 6);
  });
  const codes = ['none', 'left', 'right', 'interval'];
  const c = Array.from({ length: n }, () => codes[Math.floor(u() * 4)]);
  const y2 = y.map((v) => (kind === 'count' ? v + 1 + Math.floor(u() * 3) : Math.round((v + 0.1 + u()) * 100) / 100));
  const w = Array.from({ length: n }, () => Math.round(u() * 300) / 100);
  const o = Array.from({ length: n }, () => Math.round((u() - 0.5) * 100) / 100);
  // a shift that keeps an identity-link count mean positive at every tested theta
  const o3 = o.map((v) => v + 3);
  return { y, x, g, trials, c, y2, w, o, o3 };
}

const FAMILY_KINDS: Record<string, { kind: Kind; censoring: boolean; links?: string[] }> = {
  gaussian: { kind: 'real', censoring: true },
  student: { kind: 'real', censoring: true },
  lognormal: { kind: 'positive', censoring: true },
  poisson: { kind: 'count', censoring: true, links: ['log', 'identity'] },
  negbinomial: { kind: 'count', censoring: true, links: ['log', 'identity'] },
  bernoulli: { kind: 'binary', censoring: false, links: ['logit', 'probit', 'cloglog'] },
  binomial: { kind: 'trials', censoring: false, links: ['logit', 'probit', 'cloglog'] },
};

const extrasScenario = (families: Record<string, { kind: Kind; censoring: boolean; links?: string[] }>) =>
  fc
    .record({
      seed: fc.integer({ min: 1, max: 1e9 }),
      n: fc.integer({ min: 12, max: 30 }),
      family: fc.constantFrom(...Object.keys(families)),
      linkPick: fc.nat(),
      weights: fc.boolean(),
      offset: fc.boolean(),
      cens: fc.boolean(),
      trunc: fc.boolean(),
      group: fc.boolean(),
    })
    .map(({ seed, n, family, linkPick, weights, offset, cens, trunc, group }): Scenario => {
      const f = families[family];
      const links = f.links ?? [];
      const link = links.length ? links[linkPick % links.length] : undefined;
      const data = scenarioData(seed, n, f.kind);
      const extras: string[] = [];
      if (f.kind === 'trials') extras.push('trials(trials)');
      if (weights) extras.push('weights(w)');
      if (cens && f.censoring) extras.push('cens(c, y2)');
      if (trunc && f.censoring) {
        // bounds around every y (and y2): lb below the smallest, ub above the largest
        const ys = [...(data.y as number[]), ...(cens ? (data.y2 as number[]) : [])];
        const lb = f.kind === 'count' ? 0 : f.kind === 'positive' ? Math.min(...ys) / 2 : Math.min(...ys) - 0.5;
        extras.push(`trunc(lb = ${lb}, ub = ${Math.max(...ys) + 1})`);
      }
      const lhs = extras.length ? `y | ${extras.join(' + ')}` : 'y';
      const shift = link === 'identity' && f.kind === 'count' ? ['offset(o3)'] : offset ? ['offset(o)'] : [];
      const rhs = ['1', 'x', ...shift, ...(group ? ['(1 | g)'] : [])].join(' + ');
      return { spec: { formula: `${lhs} ~ ${rhs}`, family, ...(link ? { link } : {}) }, data };
    });

const NEW_FAMILY_KINDS: Record<string, { kind: Kind; censoring: boolean }> = {
  gamma: { kind: 'positive', censoring: true },
  weibull: { kind: 'positive', censoring: true },
  exponential: { kind: 'positive', censoring: true },
  beta: { kind: 'unit', censoring: false },
  zero_inflated_poisson: { kind: 'count', censoring: false },
  zero_inflated_negbinomial: { kind: 'count', censoring: false },
  hurdle_poisson: { kind: 'count', censoring: false },
  hurdle_negbinomial: { kind: 'count', censoring: false },
  hurdle_lognormal: { kind: 'positive0', censoring: false },
};

describe('gradient vs finite differences, every family x extra (weights, offset, cens, trunc)', () => {
  it('new families', () => {
    fc.assert(
      fc.property(extrasScenario(NEW_FAMILY_KINDS), fc.integer({ min: 1, max: 1e9 }), (s, t) => checkGradient(s, t, 0.5)),
      { numRuns: 200, seed: 171717 },
    );
  });

  it('existing families', () => {
    fc.assert(
      fc.property(extrasScenario(FAMILY_KINDS), fc.integer({ min: 1, max: 1e9 }), (s, t) => checkGradient(s, t, 0.5)),
      { numRuns: 150, seed: 131313 },
    );
  });
});

describe('weights() with the gaussian family: the fused loop', () => {
  it('equals the per-observation path (value and gradient) and finite differences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.boolean(), (seed, zeros) => {
        const u = seededUniform(seed);
        const n = 25;
        const x = Array.from({ length: n }, () => u() * 4 - 2);
        const g = x.map((_, i) => `g${i % 4}`);
        const y = x.map((v) => 1 + v + u() * 2);
        // some zero weights (rows that drop out) and some large ones
        const w = x.map((_, i) => (zeros && i % 5 === 0 ? 0 : 0.2 + u() * 3));
        const model = compile({ formula: 'y | weights(w) ~ 1 + x + (1 | g)' }, { x, g, y, w });
        const theta = Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * 0.8);
        expectFusedEqualsThreePass(model, theta, 'fused');
        checkGradientAt(model, theta);
      }),
      { numRuns: 30, seed: 5150 },
    );
  });
});
