import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SpecError } from '../../src/errors.js';
import { boundTransform } from '../../src/transforms/index.js';

const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A random transform: identity, lower, upper or interval with random finite bounds. */
const transformArb = fc
  .tuple(fc.constantFrom('identity', 'lower', 'upper', 'interval'), d(-100, 100), d(0.01, 200))
  .map(([kind, a, width]) => {
    switch (kind) {
      case 'identity':
        return boundTransform();
      case 'lower':
        return boundTransform(a, Infinity);
      case 'upper':
        return boundTransform(-Infinity, a);
      default:
        return boundTransform(a, a + width);
    }
  });

describe('scalar bound transforms', () => {
  it('picks the transform kind from the bounds', () => {
    expect(boundTransform().kind).toBe('identity');
    expect(boundTransform(0).kind).toBe('lower');
    expect(boundTransform(-Infinity, 3).kind).toBe('upper');
    expect(boundTransform(-1, 1).kind).toBe('interval');
    expect(() => boundTransform(2, 1)).toThrow(SpecError);
    expect(() => boundTransform(Number.NaN, 1)).toThrow(SpecError);
  });

  it('matches the nuts.md formulas at fixed points', () => {
    const lower = boundTransform(2);
    expect(lower.constrain(0)).toBe(3);
    expect(lower.logJacobian(0.7)).toBe(0.7);
    const upper = boundTransform(-Infinity, 5);
    expect(upper.constrain(Math.log(2))).toBeCloseTo(3, 15);
    const interval = boundTransform(-1, 3);
    expect(interval.constrain(0)).toBe(1);
    // log(b - a) + log s + log(1 - s) at y = 0: log 4 + 2 log 0.5 = 0
    expect(interval.logJacobian(0)).toBeCloseTo(0, 15);
    expect(interval.logJacobian(1.3)).toBeCloseTo(Math.log(4) - 1.3 - 2 * Math.log1p(Math.exp(-1.3)), 15);
  });

  it('round trip: constrain(unconstrain(x)) = x and unconstrain(constrain(y)) = y', () => {
    fc.assert(
      fc.property(transformArb, d(-8, 8), (t, y) => {
        const x = t.constrain(y);
        // skip points that rounded onto a bound (possible for wide intervals at |y| ~ 8)
        fc.pre(x > t.lower && x < t.upper);
        const y2 = t.unconstrain(x);
        expect(Math.abs(y2 - y)).toBeLessThan(1e-7 * Math.max(1, Math.abs(y)) * Math.max(1, Math.abs(x)));
        expect(Math.abs(t.constrain(y2) - x)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
      }),
    );
  });

  it('log-Jacobian equals log |dx/dy| computed numerically', () => {
    fc.assert(
      fc.property(transformArb, d(-6, 6), (t, y) => {
        const h = 1e-5;
        const numeric = Math.log(Math.abs((t.constrain(y + h) - t.constrain(y - h)) / (2 * h)));
        expect(Math.abs(t.logJacobian(y) - numeric)).toBeLessThan(1e-6);
      }),
    );
  });

  it('gradient = d/dy [f(x(y)) + log J(y)] by finite differences, for f(x) = sin(x) + x^2 / 10', () => {
    const f = (x: number) => Math.sin(x) + (x * x) / 10;
    const df = (x: number) => Math.cos(x) + x / 5;
    fc.assert(
      fc.property(transformArb, d(-5, 5), (t, y) => {
        const g = (v: number) => f(t.constrain(v)) + t.logJacobian(v);
        const h = 1e-6;
        const fd = (g(y + h) - g(y - h)) / (2 * h);
        const analytic = t.gradient(y, df(t.constrain(y)));
        expect(Math.abs(analytic - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }),
    );
  });

  it('interval log-Jacobian stays finite far in the tails', () => {
    const t = boundTransform(0, 1);
    expect(t.logJacobian(800)).toBeCloseTo(-800, 10);
    expect(t.logJacobian(-800)).toBeCloseTo(-800, 10);
    expect(t.gradient(800, 0)).toBeCloseTo(-1, 12);
  });

  it('unconstrain rejects values outside the range with a SpecError naming the parameter', () => {
    expect(() => boundTransform(0).unconstrain(0, 'sigma')).toThrow(/initial value 0 for sigma/);
    expect(() => boundTransform(0).unconstrain(-1, 'sigma')).toThrow(SpecError);
    expect(() => boundTransform(0, 1).unconstrain(1, 'p')).toThrow(SpecError);
    expect(() => boundTransform().unconstrain(Number.NaN, 'b')).toThrow(SpecError);
  });
});
