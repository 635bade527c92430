import { describe, expect, it } from 'vitest';
import { getFamily } from '@strata/core';
import { truncateRows } from '../../src/results/truncated-predict.js';
import { resultsRandom } from '../../src/results/draws-access.js';

const N = 20000;

function draws(name: string, eta: number, aux: number[], lb: number, ub: number): Float64Array {
  const family = getFamily(name);
  const rng = resultsRandom(7, 2);
  const e = new Float64Array(N).fill(eta);
  const out = new Float64Array(N);
  family.simulate(e, aux, null, rng, out);
  truncateRows(family, e, aux, null, rng, out, { lb: new Float64Array(N).fill(lb), ub: new Float64Array(N).fill(ub) });
  return out;
}

const meanSd = (x: Float64Array): [number, number] => {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let v2 = 0;
  for (const v of x) v2 += (v - m) ** 2;
  return [m, Math.sqrt(v2 / (x.length - 1))];
};

describe('posteriorPredict under trunc()', () => {
  it('gaussian: draws in [lb, ub], mean = truncated mean (numerical integration)', () => {
    const mu = 1, sigma = 2, lb = 0, ub = 2.5;
    const y = draws('gaussian', mu, [sigma], lb, ub);
    for (const v of y) expect(v >= lb && v <= ub).toBe(true);
    // trapezoid integral of x phi(x) / integral of phi(x) over [lb, ub]
    let num = 0, den = 0;
    const K = 100000, h = (ub - lb) / K;
    for (let k = 0; k <= K; k++) {
      const x = lb + k * h, w = k === 0 || k === K ? 0.5 : 1;
      const d = Math.exp(-0.5 * ((x - mu) / sigma) ** 2);
      num += w * x * d;
      den += w * d;
    }
    const [m, sd] = meanSd(y);
    expect(Math.abs(m - num / den)).toBeLessThan(4 * sd / Math.sqrt(N));
  });

  it('poisson: draws in [lb, ub], mean = truncated mean (summation)', () => {
    const lambda = 6, lb = 4, ub = 9;
    const y = draws('poisson', Math.log(lambda), [], lb, ub);
    for (const v of y) expect(v >= lb && v <= ub).toBe(true);
    let num = 0, den = 0, p = Math.exp(-lambda);
    for (let k = 0; k <= ub; k++) {
      if (k > 0) p *= lambda / k;
      if (k >= lb) { num += k * p; den += p; }
    }
    const [m, sd] = meanSd(y);
    expect(Math.abs(m - num / den)).toBeLessThan(4 * sd / Math.sqrt(N));
  });

  it('a region with negligible mass is a clear error', () => {
    expect(() => draws('gaussian', 0, [1], 40, 41)).toThrow(/trunc\(\) region.*negligible/);
  });
});
