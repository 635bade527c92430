/** logGammaFill against @stdlib's gammaln and digamma (independent implementations), over six decades. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import digamma from '@stdlib/math-base-special-digamma';
import { logGammaFill } from '../../src/families/log-gamma-fill.js';

describe('logGammaFill', () => {
  it('matches @stdlib to 1e-14 absolute + 1e-14 relative', () => {
    const out = new Float64Array(2);
    fc.assert(
      fc.property(fc.double({ min: -6, max: 8, noNaN: true }), (e) => {
        const x = 10 ** e;
        logGammaFill.fill([x], out);
        expect(Math.abs(out[0] - gammaln(x))).toBeLessThanOrEqual(1e-14 + 1e-14 * Math.abs(gammaln(x)));
        expect(Math.abs(out[1] - digamma(x))).toBeLessThanOrEqual(1e-14 + 1e-14 * Math.abs(digamma(x)));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('exact cases and the edges', () => {
    const out = new Float64Array(2);
    logGammaFill.fill([1], out);
    expect(Math.abs(out[0])).toBeLessThan(5e-15); // the absolute error next to a root of log Gamma
    expect(out[1]).toBeCloseTo(-0.5772156649015329, 14);
    logGammaFill.fill([0.5], out);
    expect(out[0]).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    logGammaFill.fill([0], out);
    expect(out[0]).toBeNaN();
    logGammaFill.fill([-1], out);
    expect(out[1]).toBeNaN();
  });
});
