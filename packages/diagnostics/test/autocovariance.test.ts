import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autocovariance, MeanAutocovariance } from '../src/autocovariance.js';
import type { DrawMatrix } from '../src/draws.js';
import { ar1Chains } from './helpers.js';

/** (1/N) sum_i y_i y_{i+k}, y centred: the biased estimator, directly. */
function directAutocovariance(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] / n;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i + k < n; i++) s += (x[i] - mean) * (x[i + k] - mean);
    out[k] = s / n;
  }
  return out;
}

const chain = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 70 });

describe('autocovariance', () => {
  it('equals the direct biased estimator at every lag', () => {
    fc.assert(
      fc.property(chain, (x) => {
        const got = autocovariance(x);
        const want = directAutocovariance(x);
        const scale = Math.max(want[0], 1e-300);
        for (let k = 0; k < x.length; k++) expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(1e-12 * scale);
      }),
    );
  });

  it('has lag 0 equal to sum(y^2)/N exactly', () => {
    const x = [0.1, 0.7, -0.3, 2.5, 1.25];
    const mean = x.reduce((a, b) => a + b) / x.length;
    const lag0 = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(autocovariance(x)[0]).toBe(lag0);
  });

  it('is all zeros for a constant chain', () => {
    expect([...autocovariance(new Array(33).fill(0.1))]).toEqual(new Array(33).fill(0));
  });

  it('averages chains: the mean of per-chain autocovariances, with odd and even chain counts', () => {
    for (const m of [1, 2, 3, 5]) {
      const chains = ar1Chains(7 + m, m, 40, 0.6);
      const x: DrawMatrix = { chains: m, iterations: 40, values: Float64Array.from(chains.flatMap((c) => [...c])) };
      const got = new MeanAutocovariance(x).all();
      const want = new Float64Array(40);
      for (const c of chains) directAutocovariance(c).forEach((v, k) => (want[k] += v / m));
      for (let k = 0; k < 40; k++) expect(got[k]).toBeCloseTo(want[k], 13);
    }
  });

  it('gives the same lags by direct sums and by FFT (the two paths essCore mixes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 3, max: 90 }),
        fc.double({ min: -0.9, max: 0.95, noNaN: true }),
        fc.integer(),
        (m, n, phi, seed) => {
          const values = Float64Array.from(ar1Chains(seed, m, n, phi).flatMap((c) => [...c]));
          const x: DrawMatrix = { chains: m, iterations: n, values };
          const direct = new MeanAutocovariance(x, { directLags: n });
          const viaFft = new MeanAutocovariance(x, { directLags: 1 });
          for (let k = 0; k < n; k++) expect(Math.abs(direct.at(k) - viaFft.at(k))).toBeLessThan(1e-12 * direct.at(0));
        },
      ),
      { numRuns: 60 },
    );
  });
});
