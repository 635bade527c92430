import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gpdCdf, gpdFit, gpdQuantile } from '../../src/results/loo/index.js';
import { uniforms } from './helpers.js';

/** n draws from GPD(k, sigma) by inversion. */
function rgpd(seed: number, n: number, k: number, sigma: number): Float64Array {
  return uniforms(seed, n).map((u) => gpdQuantile(u, k, sigma));
}

describe('generalized Pareto', () => {
  it('quantile and cdf are inverse to each other', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: -0.9, max: 2, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (p, k, sigma) => {
          expect(gpdCdf(gpdQuantile(p, k, sigma), k, sigma)).toBeCloseTo(p, 8);
        },
      ),
    );
    expect(gpdQuantile(0.5, 0, 2)).toBeCloseTo(2 * Math.log(2), 14); // exponential median
    expect(gpdQuantile(0.75, 1, 1)).toBeCloseTo(3, 12); // (1 - p)^-1 - 1
  });

  it.each([-0.2, 0.2, 0.5, 0.8, 1.2])('the Zhang-Stephens fit recovers k = %s (40 samples of 1000, fixed seeds)', (k) => {
    const sigma = 2.5;
    const fits = Array.from({ length: 40 }, (_, r) => gpdFit(rgpd(1000 + r, 1000, k, sigma), { prior: false }));
    const ks = fits.map((f) => f.k);
    const meanK = ks.reduce((a, b) => a + b, 0) / ks.length;
    expect(Math.abs(meanK - k)).toBeLessThan(0.02);
    for (const kh of ks) expect(Math.abs(kh - k)).toBeLessThan(0.15);
    const meanSigma = fits.reduce((a, f) => a + f.sigma, 0) / fits.length;
    expect(Math.abs(meanSigma / sigma - 1)).toBeLessThan(0.05);
  });

  it('the prior pulls k toward 0.5 with the weight of 10 observations', () => {
    const x = rgpd(5, 90, 0.9, 1);
    const raw = gpdFit(x, { prior: false });
    const adj = gpdFit(x);
    expect(adj.k).toBeCloseTo((90 * raw.k + 5) / 100, 12);
    expect(adj.sigma).toBe(raw.sigma);
  });

  it('is degenerate (NaN) for constant or too short input, and does not reorder its input', () => {
    expect(gpdFit(new Float64Array([2, 2, 2, 2, 2])).k).toBeNaN();
    expect(gpdFit(new Float64Array([1])).k).toBeNaN();
    const x = rgpd(9, 50, 0.4, 1);
    const copy = Float64Array.from(x);
    gpdFit(x);
    expect(Array.from(x)).toEqual(Array.from(copy));
  });
});
