/** The finite-difference check of a compiled model's hand-written gradient, shared by the property tests. */
import { expect } from 'vitest';
import { compile, seededUniform, type CompiledModel } from '../../src/index.js';

export interface Scenario {
  spec: Record<string, unknown>;
  data: Record<string, (number | string)[]>;
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

