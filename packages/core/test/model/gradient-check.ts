/**
 * The gradient check the property tests share: the compiled model's hand-written gradient at a random
 * point (coordinates uniform in +-0.8 from thetaSeed) agrees with a fourth-order central finite
 * difference of its log density.
 */
import { expect } from 'vitest';
import { compile, seededUniform, type CompiledModel } from '../../src/index.js';
import { ModelDensity } from '../../src/model/density.js';

export interface Scenario {
  spec: Record<string, unknown>;
  data: Record<string, (number | string)[]>;
}

export const FAMILIES = ['gaussian', 'student', 'lognormal', 'gamma', 'weibull', 'exponential', 'bernoulli', 'binomial', 'poisson', 'negbinomial', 'zero_inflated_poisson', 'hurdle_poisson', 'hurdle_lognormal', 'zero_inflated_negbinomial', 'hurdle_negbinomial', 'beta'] as const;

/** Deterministic random data with columns y, x1, x2, tt, f, g1 (sorted), g2, trials and s. */
export function makeData(seed: number, n: number, family: (typeof FAMILIES)[number]): Record<string, (number | string)[]> {
  const u = seededUniform(seed); // deterministic data, so a failing case is reproducible from its seed
  // g1 sorted, as longitudinal data usually are (the fused loops then run over blocks of a level);
  // g2 shuffled
  const g1 = Array.from({ length: n }, (_, i) => `s${Math.floor((i * 5) / n)}`);
  const g2 = Array.from({ length: n }, () => `c${Math.floor(u() * 3)}`);
  const x1 = Array.from({ length: n }, () => Math.round((u() * 4 - 2) * 100) / 100);
  const x2 = Array.from({ length: n }, () => Math.round(u() * 300) / 100);
  // a measurement time shared by every subject: few distinct values (the fused nonlinear loop hoists
  // work that depends only on it and on observation-invariant parameters)
  const tt = Array.from({ length: n }, (_, i) => 0.5 + (i % 4) * 0.75);
  const f = Array.from({ length: n }, (_, i) => ['lo', 'mid', 'hi'][(i * 7 + Math.floor(u() * 3)) % 3]);
  const trials = Array.from({ length: n }, () => 1 + Math.floor(u() * 10));
  const y = Array.from({ length: n }, (_, i) => {
    switch (family) {
      case 'gaussian':
      case 'student':
        return Math.round((2 + x1[i] + u() * 2) * 100) / 100;
      case 'beta':
        return Math.round((0.05 + 0.9 / (1 + Math.exp(-(x1[i] + u() - 0.5)))) * 1000) / 1000;
      case 'hurdle_lognormal':
        return i % 4 === 0 ? 0 : Math.round(Math.exp(0.5 + 0.3 * x1[i] + u()) * 100) / 100;
      case 'lognormal':
      case 'gamma':
      case 'weibull':
      case 'exponential':
        return Math.round(Math.exp(0.5 + 0.3 * x1[i] + u()) * 100) / 100;
      case 'bernoulli':
        return u() < 0.5 ? 1 : 0;
      case 'binomial':
        return Math.floor(u() * (trials[i] + 1));
      case 'poisson':
      case 'negbinomial':
      case 'zero_inflated_poisson':
      case 'hurdle_poisson':
      case 'zero_inflated_negbinomial':
      case 'hurdle_negbinomial':
        return Math.floor(u() * 6);
    }
  });
  const s = Array.from({ length: n }, () => Math.round((0.5 + u()) * 100) / 100);
  return { y, x1, x2, tt, f, g1, g2, trials, s };
}

/** Gradient at a random theta (uniform in [-0.8, 0.8] per coordinate, or `scale`) vs a fourth-order central difference. */
export function checkGradient(s: Scenario, thetaSeed: number, scale = 0.8): void {
  const model = compile(s.spec, s.data);
  const u = seededUniform(thetaSeed);
  const theta = Float64Array.from({ length: model.dimension }, () => (u() * 2 - 1) * scale);
  checkGradientAt(model, theta, JSON.stringify(s.spec));
}

/** The same check at a given theta. */
export function checkGradientAt(model: CompiledModel, theta: Float64Array, label = ''): void {
  const grad = new Float64Array(model.dimension);
  const lp = model.logDensityGradient(theta, grad);
  expect(Number.isFinite(lp)).toBe(true);
  expect(lp).toBeCloseTo(model.logDensity(theta), 10);
  const h = 1e-4;
  const probe = theta.slice();
  const at = (i: number, d: number): number => {
    probe[i] = theta[i] + d;
    const v = model.logDensity(probe);
    probe[i] = theta[i];
    return v;
  };
  for (let i = 0; i < model.dimension; i++) {
    const fd = (-at(i, 2 * h) + 8 * at(i, h) - 8 * at(i, -h) + at(i, -2 * h)) / (12 * h);
    const tol = 1e-6 * Math.max(1, Math.abs(fd)) + 1e-12 * Math.abs(lp) / h;
    if (!(Math.abs(fd - grad[i]) <= tol)) {
      throw new Error(`d/d ${model.parameterNames[i]}: analytic ${grad[i]}, finite difference ${fd} (spec ${label})`);
    }
  }
}

/**
 * The one-pass (fused) loop and the three-pass path at theta: the same log density (1e-9 relative) and
 * gradient (1e-9 relative per coordinate). `expectFused` also checks the model has a fused kernel of
 * that name (`fused`, `fusedNonlinear`, `fusedDpars`), so the comparison is not of a path with itself.
 */
export function expectFusedEqualsThreePass(model: CompiledModel, theta: Float64Array, expectFused?: 'fused' | 'fusedNonlinear' | 'fusedDpars'): void {
  const fused = new ModelDensity(model.structure, model.layout);
  const plain = new ModelDensity(model.structure, model.layout, { fused: false });
  if (expectFused) expect((fused as unknown as Record<string, unknown>)[expectFused], expectFused).not.toBeNull();
  const g1 = new Float64Array(model.dimension);
  const g2 = new Float64Array(model.dimension);
  const lp1 = fused.logDensityGradient(theta, g1);
  const lp2 = plain.logDensityGradient(theta, g2);
  expect(Math.abs(lp1 - lp2)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(lp2)));
  g1.forEach((g, i) => expect(Math.abs(g - g2[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g2[i]))));
}
