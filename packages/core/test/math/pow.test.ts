/**
 * core's pow (math/pow.ts), the x^y every engine computes alike: ECMAScript's special cases exactly
 * as Math.pow, exact integer powers where the result is representable, and within a few ulps of
 * Node's Math.pow elsewhere (the bound grows with |y|: the rounding of log|x| is multiplied by y).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pow, powInto } from '../../src/math/pow.js';

const bits = new DataView(new ArrayBuffer(8));
/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  bits.setFloat64(0, a);
  const ia = bits.getBigInt64(0);
  bits.setFloat64(0, b);
  return Math.abs(Number(ia - bits.getBigInt64(0)));
}

describe('pow', () => {
  const SPECIAL = [NaN, -Infinity, -3, -2, -1.5, -1, -0.5, -0, 0, 0.5, 1, 1.5, 2, 3, Infinity, 1e-310, -1e-310, 1e308, 2 ** 53, 2 ** 53 + 2];
  it('agrees with Math.pow bit for bit where ECMAScript fixes the result (NaN, zeros, infinities, |x| = 1)', () => {
    const defined = (v: number) => !Number.isFinite(v) || v === 0;
    for (const x of SPECIAL) {
      for (const y of SPECIAL) {
        // ECMAScript fixes the result when either is NaN, infinite or zero, and for |x| = 1
        if (defined(x) || defined(y) || Math.abs(x) === 1) expect(Object.is(pow(x, y), Math.pow(x, y)), `${x}^${y}`).toBe(true);
        else if (Number.isNaN(Math.pow(x, y))) expect(pow(x, y), `${x}^${y}`).toBeNaN();
        else expect(ulps(pow(x, y), Math.pow(x, y)), `${x}^${y}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('is exact for integer exponents whenever the result is an exact double', () => {
    for (let x = -12; x <= 12; x++) {
      for (let n = 0; n <= 32; n++) {
        const exact = BigInt(x) ** BigInt(n);
        if (exact > 2n ** 53n || exact < -(2n ** 53n)) continue;
        expect(pow(x, n), `${x}^${n}`).toBe(Number(exact));
        if (x !== 0 && Math.abs(x) === 2) expect(pow(x, -n)).toBe(1 / Number(exact)); // exact powers of two
      }
    }
    expect(pow(10, 22)).toBe(1e22);
    expect(pow(2, 100)).toBe(2 ** 100);
    expect(pow(0.5, 1074)).toBe(5e-324);
    expect(pow(2, 1024)).toBe(Infinity);
    expect(pow(-2, 101)).toBe(-(2 ** 101));
    expect(pow(1e8, -40)).toBe(Math.pow(1e8, -40)); // a subnormal result: not 1 / Infinity
  });

  it('gives +-1/2 powers by the correctly rounded square root', () => {
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
      expect(pow(x, 0.5)).toBe(Math.sqrt(x));
      expect(pow(x, -0.5)).toBe(1 / Math.sqrt(x));
    }));
  });

  it('stays within a few ulps of Math.pow (2 for |y| <= 5, about |y| / 3 beyond)', () => {
    const base = fc.double({ min: 1e-3, max: 1e4, noNaN: true });
    fc.assert(fc.property(base, fc.double({ min: -5, max: 5, noNaN: true }), (x, y) => ulps(pow(x, y), Math.pow(x, y)) <= 3), { numRuns: 20000 });
    fc.assert(fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: -60, max: 60, noNaN: true }), (x, y) => ulps(pow(x, y), Math.pow(x, y)) <= 3 + Math.abs(y) / 3), { numRuns: 20000 });
    // negative bases with odd and even integer exponents beyond the squaring range
    fc.assert(fc.property(fc.double({ min: -3, max: -0.3, noNaN: true }), fc.integer({ min: 33, max: 300 }), (x, n) => {
      const r = pow(x, n);
      return Math.sign(r) === (n % 2 === 1 ? -1 : 1) && ulps(r, Math.pow(x, n)) <= 3 + n / 3;
    }), { numRuns: 5000 });
  });

  it('writes to io[2] and reads io[0], io[1] only (powInto is pow)', () => {
    const io = new Float64Array([2.5, -0.75, 99]);
    powInto(io);
    expect([io[0], io[1], io[2]]).toEqual([2.5, -0.75, pow(2.5, -0.75)]);
  });
});
