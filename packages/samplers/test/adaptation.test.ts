import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DenseWelford,
  DiagonalMetric,
  DiagonalWelford,
  DualAveraging,
  regularize,
  WarmupAdapter,
  windowSchedule,
} from '../src/index.js';

const finiteArray = (n: number) => fc.float64Array({ minLength: n, maxLength: n, min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });

describe('DualAveraging', () => {
  it('first update follows the formulas by hand', () => {
    const da = new DualAveraging(0.8);
    da.restart(1); // mu = log 10
    const eps = da.learn(0.3);
    // counter 1, eta = 1/11, s_bar = 0.5/11, x = log 10 - s_bar * 1 / 0.05, x_bar = x (x_eta = 1)
    const x = Math.log(10) - 0.5 / 11 / 0.05;
    expect(eps).toBeCloseTo(Math.exp(x), 14);
    expect(da.finalStepSize).toBeCloseTo(Math.exp(x), 14);
  });

  it('caps the acceptance statistic at 1', () => {
    const a = new DualAveraging(0.8);
    const b = new DualAveraging(0.8);
    a.restart(0.5);
    b.restart(0.5);
    expect(a.learn(1.7)).toBe(b.learn(1));
  });

  it('drives a monotone acceptance curve to the target delta', () => {
    // A model of acceptance vs step size: a(eps) = exp(-eps^2); a = 0.65 at eps* = sqrt(-log 0.65).
    const delta = 0.65;
    const da = new DualAveraging(delta);
    da.restart(1);
    let eps = 1;
    for (let i = 0; i < 3000; i++) eps = da.learn(Math.exp(-eps * eps));
    expect(da.finalStepSize).toBeCloseTo(Math.sqrt(-Math.log(delta)), 2);
  });

  it('restart forgets the history', () => {
    const da = new DualAveraging(0.8);
    da.restart(2);
    for (let i = 0; i < 10; i++) da.learn(0.1);
    da.restart(2);
    const fresh = new DualAveraging(0.8);
    fresh.restart(2);
    expect(da.learn(0.5)).toBe(fresh.learn(0.5));
  });
});

describe('Welford estimators', () => {
  it('property: diagonal variance equals the two-pass sample variance', () => {
    fc.assert(
      fc.property(fc.array(finiteArray(3), { minLength: 2, maxLength: 40 }), (rows) => {
        const w = new DiagonalWelford(3);
        rows.forEach((r) => w.add(r));
        const v = w.variance();
        for (let j = 0; j < 3; j++) {
          const m = rows.reduce((s, r) => s + r[j], 0) / rows.length;
          const expected = rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / (rows.length - 1);
          expect(Math.abs(v[j] - expected)).toBeLessThanOrEqual(1e-9 * (1 + expected));
        }
      }),
      { seed: 1001 },
    );
  });

  it('property: dense covariance equals the two-pass sample covariance and is symmetric', () => {
    fc.assert(
      fc.property(fc.array(finiteArray(3), { minLength: 2, maxLength: 40 }), (rows) => {
        const w = new DenseWelford(3);
        rows.forEach((r) => w.add(r));
        const c = w.covariance();
        const m = [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const expected = rows.reduce((s, r) => s + (r[i] - m[i]) * (r[j] - m[j]), 0) / (rows.length - 1);
            expect(Math.abs(c[i * 3 + j] - expected)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(expected)) + 1e-9);
            expect(c[i * 3 + j]).toBe(c[j * 3 + i]);
          }
        }
      }),
      { seed: 1002 },
    );
  });

  it('restart empties the estimator', () => {
    const w = new DiagonalWelford(1);
    w.add(new Float64Array([100]));
    w.add(new Float64Array([-100]));
    w.restart();
    w.add(new Float64Array([1]));
    w.add(new Float64Array([3]));
    expect(w.count).toBe(2);
    expect(w.variance()[0]).toBe(2);
  });
});

describe('regularize', () => {
  it("applies Stan's shrinkage (n/(n+5)) v + 1e-3 (5/(n+5))", () => {
    const n = 25;
    expect(Array.from(regularize(new Float64Array([2, 4]), n, 'diag', 2))).toEqual([
      (25 / 30) * 2 + 1e-3 * (5 / 30),
      (25 / 30) * 4 + 1e-3 * (5 / 30),
    ]);
    const dense = regularize(new Float64Array([2, 1, 1, 2]), n, 'dense', 2);
    expect(Array.from(dense)).toEqual([(25 / 30) * 2 + 1e-3 * (5 / 30), (25 / 30) * 1, (25 / 30) * 1, (25 / 30) * 2 + 1e-3 * (5 / 30)]);
  });

  it('a non-finite estimate is a clear error', () => {
    expect(() => regularize(new Float64Array([1, Infinity]), 10, 'diag', 2)).toThrow(/Numerical overflow in metric adaptation/);
    expect(() => regularize(new Float64Array([NaN]), 10, 'diag', 1)).toThrow(/non-finite variance/);
  });
});

describe('WarmupAdapter', () => {
  it('closes windows at the scheduled iterations with the window draws only', () => {
    const schedule = windowSchedule(100); // one window [15, 89]
    const adapter = new WarmupAdapter(schedule, 'diag', 1, 0.8, 1, 1, DiagonalMetric.identity(1));
    const closed: number[] = [];
    for (let i = 0; i < 100; i++) {
      // Outside the window the draws are huge: they must not leak into the estimate.
      const x = i >= 15 && i <= 89 ? (i % 2 === 0 ? 1 : -1) : 1e6;
      if (adapter.update(i, 0.8, new Float64Array([x]))) {
        closed.push(i);
        adapter.restartStepSize(0.5);
      }
    }
    expect(closed).toEqual([89]);
    // 75 draws alternating +-1 starting at +1 (38 of +1, 37 of -1)
    const n = 75;
    const m = (38 - 37) / n;
    const variance = (38 * (1 - m) ** 2 + 37 * (1 + m) ** 2) / (n - 1);
    expect(adapter.metric.inverse[0]).toBeCloseTo((n / (n + 5)) * variance + 1e-3 * (5 / (n + 5)), 12);
  });

  it('after a restart dual averaging shrinks towards log(10 * the new step size)', () => {
    const adapter = new WarmupAdapter(windowSchedule(0), 'diag', 1, 0.8, 1, 1, DiagonalMetric.identity(1));
    adapter.restartStepSize(0.25);
    const reference = new DualAveraging(0.8);
    reference.restart(0.25);
    adapter.update(0, 0.6, new Float64Array(1));
    expect(adapter.stepSize).toBe(reference.learn(0.6));
    expect(adapter.finish()).toBe(reference.finalStepSize);
  });
});
