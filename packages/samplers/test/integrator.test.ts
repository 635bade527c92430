import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseMetric, DensityEvaluator, DiagonalMetric, hamiltonian, leapfrog, PhasePoint, type Metric } from '../src/index.js';
import { banana, independentNormal } from './support/targets.js';

function startPoint(density: DensityEvaluator, metric: Metric, q: number[], p: number[]): PhasePoint {
  const point = new PhasePoint(q.length);
  point.q.set(q);
  point.p.set(p);
  point.logDensity = density.evaluate(point.q, point.grad);
  metric.velocity(point.p, point.pSharp);
  return point;
}

const coordinate = fc.double({ min: -2, max: 2, noNaN: true });

describe('leapfrog', () => {
  it('property: reversible (n steps, flip p, n steps, flip p gives the start back)', () => {
    fc.assert(
      fc.property(
        fc.tuple(coordinate, coordinate),
        fc.tuple(coordinate, coordinate),
        fc.tuple(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true })),
        fc.double({ min: 0.005, max: 0.05, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        ([q0, q1], [p0, p1], [m0, m1], eps, steps, dense) => {
          const density = new DensityEvaluator(banana());
          const metric: Metric = dense
            ? new DenseMetric(new Float64Array([m0, 0.3, 0.3, m1]), 2)
            : new DiagonalMetric(new Float64Array([m0, m1]));
          const point = startPoint(density, metric, [q0, q1], [p0, p1]);
          for (let k = 0; k < steps; k++) leapfrog(point, eps, metric, density);
          for (let i = 0; i < 2; i++) point.p[i] = -point.p[i];
          metric.velocity(point.p, point.pSharp);
          for (let k = 0; k < steps; k++) leapfrog(point, eps, metric, density);
          const back = [point.q[0], point.q[1], -point.p[0], -point.p[1]];
          const start = [q0, q1, p0, p1];
          back.forEach((x, i) => expect(Math.abs(x - start[i])).toBeLessThan(1e-8 * (1 + Math.abs(start[i]))));
          expect(density.evaluations).toBe(1 + 2 * steps);
        },
      ),
      { seed: 1003 },
    );
  });

  it('property: the energy error over a fixed time shrinks as O(eps^2)', () => {
    // The largest |H - H0| along a trajectory of fixed length; halving eps must divide it by ~4.
    const maxEnergyError = (scales: number[], q: number[], p: number[], eps: number, time: number) => {
      const density = new DensityEvaluator(independentNormal(scales));
      const metric = DiagonalMetric.identity(scales.length);
      const point = startPoint(density, metric, q, p);
      const h0 = hamiltonian(point);
      let worst = 0;
      for (let k = 0; k < Math.round(time / eps); k++) {
        leapfrog(point, eps, metric, density);
        worst = Math.max(worst, Math.abs(hamiltonian(point) - h0));
      }
      return worst;
    };
    // In one dimension the leading eps^2 term cannot vanish (in several, isotropic circular orbits
    // cancel it exactly and leave eps^4).
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        coordinate,
        coordinate,
        fc.double({ min: 0.05, max: 0.2, noNaN: true }),
        (scale, q, p, relativeEps) => {
          fc.pre(Math.abs(q) > 0.1 || Math.abs(p) > 0.1);
          const eps = relativeEps * scale;
          const time = 2 * Math.PI * scale; // one period
          const coarse = maxEnergyError([scale], [q], [p], eps, time);
          const fine = maxEnergyError([scale], [q], [p], eps / 2, time);
          const finer = maxEnergyError([scale], [q], [p], eps / 4, time);
          expect(coarse / fine).toBeGreaterThan(3.8);
          expect(coarse / fine).toBeLessThan(4.2);
          expect(fine / finer).toBeGreaterThan(3.8);
          expect(fine / finer).toBeLessThan(4.2);
        },
      ),
      { seed: 1004 },
    );
  });

  it('a failing density gives H = +Infinity, not an exception', () => {
    const density = new DensityEvaluator({
      dimension: 1,
      logDensityGradient: (q, g) => {
        if (q[0] > 1) throw new Error('domain');
        g[0] = -q[0];
        return -0.5 * q[0] * q[0];
      },
    });
    const metric = DiagonalMetric.identity(1);
    const point = startPoint(density, metric, [0.9], [5]);
    leapfrog(point, 0.5, metric, density);
    expect(point.logDensity).toBe(-Infinity);
    expect(hamiltonian(point)).toBe(Infinity);
  });
});
