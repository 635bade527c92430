import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chainRng,
  DenseMetric,
  DensityEvaluator,
  DiagonalMetric,
  hmcKernel,
  MAX_ENERGY_ERROR,
  nutsKernel,
  type LogDensity,
} from '../src/index.js';
import { column, estimateMean } from './support/ess.js';
import { iterate, stateAt } from './support/kernel-run.js';
import { iidNormal } from './support/targets.js';

/** Mean 0 and variance 1 of every coordinate within 5 MCSE. */
function expectStandardNormal(draws: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    const x = column(draws, d, j);
    const m = estimateMean([x]);
    expect(Math.abs(m.mean) / m.mcse, `mean[${j}] = ${m.mean}, mcse ${m.mcse}`).toBeLessThan(5);
    const v = estimateMean([x.map((v) => v * v)]);
    expect(Math.abs(v.mean - 1) / v.mcse, `var[${j}] = ${v.mean}, mcse ${v.mcse}`).toBeLessThan(5);
  }
}

/** A start drawn from the target itself, so the chain is stationary from the first draw. */
function exactStart(seed: number, d: number): number[] {
  const rng = chainRng(seed, 1000);
  return Array.from({ length: d }, () => rng.normal());
}

describe('NUTS kernel', () => {
  it('property: leaves a standard normal invariant for any step size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.2, max: 1.6, noNaN: true }),
        (seed, d, stepSize) => {
          const density = new DensityEvaluator(iidNormal(d));
          const rng = chainRng(seed, 0);
          const run = iterate(nutsKernel(density), rng, stateAt(density, exactStart(seed, d)), { stepSize, metric: DiagonalMetric.identity(d) }, 2500);
          expectStandardNormal(run.draws, d);
        },
      ),
      { numRuns: 12, seed: 20240601 },
    );
  });

  it('stays exact at large step sizes, where the multinomial weights differ most', () => {
    // Energy errors of order 1: sampling between subtree halves by anything but their weights
    // (e.g. a fair coin) inflates these variances by 10-35%, i.e. 5-16 MCSE.
    for (const [d, stepSize] of [
      [2, 1.7],
      [5, 1.2],
    ]) {
      const density = new DensityEvaluator(iidNormal(d));
      const run = iterate(nutsKernel(density), chainRng(1, 0), stateAt(density, exactStart(1, d)), { stepSize, metric: DiagonalMetric.identity(d) }, 20000);
      expectStandardNormal(run.draws, d);
    }
  });

  it('leaves a correlated normal invariant with a dense metric', () => {
    const rho = 0.9;
    const model: LogDensity = {
      dimension: 2,
      logDensityGradient(q, g) {
        const det = 1 - rho * rho;
        g[0] = -(q[0] - rho * q[1]) / det;
        g[1] = -(q[1] - rho * q[0]) / det;
        return (-0.5 * (q[0] * q[0] - 2 * rho * q[0] * q[1] + q[1] * q[1])) / det;
      },
    };
    const density = new DensityEvaluator(model);
    const metric = new DenseMetric(new Float64Array([1, 0.8, 0.8, 1]), 2);
    const run = iterate(nutsKernel(density), chainRng(5, 0), stateAt(density, [0.3, 0.1]), { stepSize: 0.6, metric }, 4000);
    expectStandardNormal(run.draws, 2);
    const xy = estimateMean([Float64Array.from({ length: 4000 }, (_, i) => run.draws[2 * i] * run.draws[2 * i + 1])]);
    expect(Math.abs(xy.mean - rho) / xy.mcse).toBeLessThan(5);
  });

  it('reports consistent per-transition stats and never exceeds the maximum depth', () => {
    const d = 5;
    const density = new DensityEvaluator(iidNormal(d));
    for (const maxTreeDepth of [1, 3, 10]) {
      const before = density.evaluations;
      const run = iterate(nutsKernel(density, { maxTreeDepth }), chainRng(3, 0), stateAt(density, [0, 0, 0, 0, 0]), { stepSize: 0.05, metric: DiagonalMetric.identity(d) }, 200);
      let leapfrogs = 0;
      for (const info of run.infos) {
        expect(info.treeDepth).toBeLessThanOrEqual(maxTreeDepth);
        // Completed doublings give 2^depth - 1 steps; a rejected last subtree adds fewer than 2^depth.
        expect(info.nLeapfrog).toBeGreaterThanOrEqual(2 ** info.treeDepth - 1);
        expect(info.nLeapfrog).toBeLessThan(2 ** (info.treeDepth + 1));
        expect(info.acceptStat).toBeGreaterThanOrEqual(0);
        expect(info.acceptStat).toBeLessThanOrEqual(1);
        expect(info.divergent).toBe(false);
        leapfrogs += info.nLeapfrog;
      }
      expect(density.evaluations - before - 1).toBe(leapfrogs);
      // eps = 0.05 on N(0, 1): a U-turn takes ~pi / 0.05 steps, far beyond depth 1 or 3.
      if (maxTreeDepth < 10) expect(run.infos.every((i) => i.treeDepth === maxTreeDepth)).toBe(true);
      else expect(Math.max(...run.infos.map((i) => i.treeDepth))).toBeLessThan(10);
    }
  });

  it('does not modify the input state and is deterministic given the generator state', () => {
    const density = new DensityEvaluator(iidNormal(3));
    const kernel = nutsKernel(density);
    const start = stateAt(density, [0.5, -0.5, 1]);
    const copy = { position: Float64Array.from(start.position), gradient: Float64Array.from(start.gradient) };
    const params = { stepSize: 0.7, metric: DiagonalMetric.identity(3) };
    const a = kernel(chainRng(9, 2), start, params);
    const b = kernel(chainRng(9, 2), start, params);
    expect(start.position).toEqual(copy.position);
    expect(start.gradient).toEqual(copy.gradient);
    expect(a.state.position).toEqual(b.state.position);
    expect(a.info).toEqual(b.info);
    expect(a.info.energy).toBeGreaterThanOrEqual(-a.state.logDensity);
  });

  it('a huge step size diverges (energy error > 1000) without moving to a divergent state', () => {
    const density = new DensityEvaluator(iidNormal(10));
    const run = iterate(nutsKernel(density), chainRng(4, 0), stateAt(density, new Array(10).fill(1)), { stepSize: 40, metric: DiagonalMetric.identity(10) }, 50);
    expect(run.infos.filter((i) => i.divergent).length).toBeGreaterThan(40);
    // The draw is never a divergent state: its energy stays within the threshold of the start's.
    for (const info of run.infos) expect(info.energy).toBeLessThan(run.infos[0].energy + MAX_ENERGY_ERROR);
    expect(run.draws.every(Number.isFinite)).toBe(true);
  });

  it('a log density that is NaN or throws in a region gives divergences, never an exception', () => {
    const inner = iidNormal(2);
    let calls = 0;
    const model: LogDensity = {
      dimension: 2,
      logDensityGradient(q, g) {
        calls++;
        if (q[0] > 1) return NaN;
        if (q[0] < -1) throw new Error('outside');
        return inner.logDensityGradient(q, g);
      },
    };
    const density = new DensityEvaluator(model);
    const run = iterate(nutsKernel(density), chainRng(8, 0), stateAt(density, [0, 0]), { stepSize: 0.4, metric: DiagonalMetric.identity(2) }, 500);
    expect(calls).toBeGreaterThan(500);
    expect(run.infos.some((i) => i.divergent)).toBe(true);
    for (let i = 0; i < 500; i++) expect(Math.abs(run.draws[2 * i])).toBeLessThanOrEqual(1);
  });
});

describe('static HMC kernel', () => {
  it('property: leaves a standard normal invariant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0.1, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (seed, d, stepSize, numSteps) => {
          const density = new DensityEvaluator(iidNormal(d));
          const run = iterate(hmcKernel(density, { numSteps }), chainRng(seed, 0), stateAt(density, exactStart(seed, d)), { stepSize, metric: DiagonalMetric.identity(d) }, 4000);
          expectStandardNormal(run.draws, d);
          expect(run.infos.every((i) => i.nLeapfrog === numSteps && i.treeDepth === 0)).toBe(true);
        },
      ),
      { numRuns: 10, seed: 7 },
    );
  });

  it('rejects (keeps the old state) after a divergence', () => {
    const density = new DensityEvaluator(iidNormal(4));
    const start = stateAt(density, [1, 1, 1, 1]);
    const t = hmcKernel(density, { numSteps: 20 })(chainRng(1, 0), start, { stepSize: 50, metric: DiagonalMetric.identity(4) });
    expect(t.info.divergent).toBe(true);
    expect(t.info.acceptStat).toBe(0);
    expect(Array.from(t.state.position)).toEqual([1, 1, 1, 1]);
    expect(t.info.nLeapfrog).toBeLessThan(20);
  });

  it('validates numSteps', () => {
    const density = new DensityEvaluator(iidNormal(1));
    expect(() => hmcKernel(density, { numSteps: 0 })).toThrow(/numSteps/);
    expect(() => nutsKernel(density, { maxTreeDepth: 0 })).toThrow(/maxTreeDepth/);
  });
});
