import { describe, expect, it } from 'vitest';
import {
  chainRng,
  DensityEvaluator,
  DiagonalMetric,
  initialize,
  initialStepSize,
  MAX_INIT_TRIES,
  PhasePoint,
  type LogDensity,
} from '../src/index.js';
import { stateAt } from './support/kernel-run.js';
import { independentNormal, iidNormal } from './support/targets.js';

describe('initialize', () => {
  it('draws each coordinate uniform(-radius, radius)', () => {
    const density = new DensityEvaluator(iidNormal(1000));
    const state = initialize(density, chainRng(1, 0), { radius: 0.5 });
    expect(Math.max(...state.position)).toBeLessThan(0.5);
    expect(Math.min(...state.position)).toBeGreaterThanOrEqual(-0.5);
    // Uniform(-0.5, 0.5) has sd 0.289: the sample range should nearly fill the interval.
    expect(Math.max(...state.position) - Math.min(...state.position)).toBeGreaterThan(0.98);
    expect(state.logDensity).toBeCloseTo(-0.5 * state.position.reduce((s, x) => s + x * x, 0), 9);
    expect(density.evaluations).toBe(1);
  });

  it('radius 0 starts at zero; a user init is used as given', () => {
    const density = new DensityEvaluator(iidNormal(3));
    expect(Array.from(initialize(density, chainRng(1, 0), { radius: 0 }).position)).toEqual([0, 0, 0]);
    const init = new Float64Array([1, 2, 3]);
    const state = initialize(density, chainRng(1, 0), { radius: 2, init });
    expect(Array.from(state.position)).toEqual([1, 2, 3]);
    expect(state.position).not.toBe(init);
    expect(() => initialize(density, chainRng(1, 0), { radius: 2, init: new Float64Array(2) })).toThrow(/length 2.*dimension is 3/);
  });

  it('retries until the log density and gradient are finite', () => {
    let calls = 0;
    const model: LogDensity = {
      dimension: 1,
      logDensityGradient(q, g) {
        calls++;
        g[0] = -q[0];
        return q[0] > 0 ? -0.5 * q[0] * q[0] : NaN; // half of the inits fail
      },
    };
    const state = initialize(new DensityEvaluator(model), chainRng(2, 0), { radius: 2 });
    expect(state.position[0]).toBeGreaterThan(0);
    expect(calls).toBeGreaterThanOrEqual(1);
  });

  it('gives up after 100 tries naming the parameters whose gradient is not finite', () => {
    const density = new DensityEvaluator({
      dimension: 3,
      logDensityGradient(_q, g) {
        g[0] = 0;
        g[1] = NaN;
        g[2] = Infinity;
        return 0;
      },
    });
    expect(() => initialize(density, chainRng(3, 0), { radius: 2, parameterNames: ['mu', 'sigma', 'tau'] })).toThrow(
      /Initialization failed after 100 attempts.*gradient is not finite for sigma, tau/,
    );
    expect(density.evaluations).toBe(MAX_INIT_TRIES);
  });

  it('reports a throwing density with its message; a user init is tried once', () => {
    const density = new DensityEvaluator({
      dimension: 1,
      logDensityGradient() {
        throw new Error('log of a negative number');
      },
    });
    expect(() => initialize(density, chainRng(3, 0), { radius: 2, init: new Float64Array([1]) })).toThrow(
      /after 1 attempt at the user-supplied init: the log density threw: log of a negative number/,
    );
    expect(density.evaluations).toBe(1);
  });
});

describe('initialStepSize (Stan heuristic)', () => {
  const scratch = new PhasePoint(1);

  it('returns a power-of-two multiple of the start whose one-step acceptance brackets 0.8', () => {
    for (const [sd, start] of [
      [1, 1],
      [0.01, 1],
      [100, 1],
      [1, 0.001],
    ]) {
      const density = new DensityEvaluator(independentNormal([sd]));
      const eps = initialStepSize(stateAt(density, [0.3 * sd]), start, DiagonalMetric.identity(1), density, chainRng(5, 0), scratch);
      const ratio = Math.log2(eps / start);
      expect(Math.abs(ratio - Math.round(ratio))).toBeLessThan(1e-9);
      // One leapfrog step on N(0, sd^2) is stable only for eps < 2 sd, and the acceptance of a
      // step of size eps falls below 0.8 around eps ~ sd: the result must be of that order.
      expect(eps / sd).toBeGreaterThan(0.1);
      expect(eps / sd).toBeLessThan(8);
    }
  });

  it('is skipped for a step size above 1e7', () => {
    const density = new DensityEvaluator(iidNormal(1));
    expect(initialStepSize(stateAt(density, [0]), 2e7, DiagonalMetric.identity(1), density, chainRng(5, 0), scratch)).toBe(2e7);
    expect(density.evaluations).toBe(1);
  });

  it('a flat density is reported as improper', () => {
    const density = new DensityEvaluator({
      dimension: 1,
      logDensityGradient(_q, g) {
        g[0] = 0;
        return 0;
      },
    });
    expect(() => initialStepSize(stateAt(density, [0]), 1, DiagonalMetric.identity(1), density, chainRng(5, 0), scratch)).toThrow(/improper/);
  });

  it('a density that fails at every other point ends (at a vanishing step size), not an endless loop', () => {
    const density = new DensityEvaluator({
      dimension: 1,
      logDensityGradient(q, g) {
        g[0] = 1;
        return q[0] === 0 ? 0 : NaN;
      },
    });
    // Halving goes on until eps * p underflows and the step lands back on 0 exactly.
    const eps = initialStepSize(stateAt(density, [0]), 1, DiagonalMetric.identity(1), density, chainRng(5, 0), scratch);
    expect(eps).toBeGreaterThan(0);
    expect(eps).toBeLessThan(1e-300);
  });
});
