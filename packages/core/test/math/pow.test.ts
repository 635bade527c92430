/**
 * core's pow (math/pow.ts), the x^y every engine computes alike: ECMAScript's special cases exactly
 * as Math.pow, integer powers correctly rounded (so exact where the result is representable), and
 * within a few ulps of Node's Math.pow elsewhere.
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

/** x^n correctly rounded, from x = M 2^E exactly (x normal, the result a normal double). */
function exactPower(x: number, n: number): number {
  bits.setFloat64(0, Math.abs(x));
  const word = bits.getBigUint64(0);
  const M = (word & 0xfffffffffffffn) | 0x10000000000000n;
  const E = Number(word >> 52n) - 1075;
  const sign = x < 0 && n % 2 !== 0 ? -1 : 1;
  const scale = (v: number, e: number) => v * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2)); // exact in range
  if (n >= 0) {
    // keep 64 bits and a sticky bit, so Number() rounds as the exact value would and cannot overflow
    const big = M ** BigInt(n);
    const shift = Math.max(0, big.toString(2).length - 64);
    const sticky = big % (1n << BigInt(shift)) === 0n ? 0n : 1n;
    return sign * scale(Number(((big >> BigInt(shift)) << 1n) | sticky), E * n + shift - 1);
  }
  const D = M ** BigInt(-n);
  const P = BigInt(D.toString(2).length + 64);
  const q = (1n << P) / D;
  const sticky = (1n << P) % D === 0n ? 0n : 1n; // keeps the rounding of Number() right
  return sign * scale(Number((q << 1n) | sticky), -Number(P) - 1 - E * -n);
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
        else expect(ulps(pow(x, y), Math.pow(x, y)), `${x}^${y}`).toBeLessThanOrEqual(2);
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

  it('rounds integer powers |n| <= 32 correctly (against exact BigInt arithmetic)', () => {
    const x = fc.double({ min: 0.01, max: 100, noNaN: true }).chain((v) => fc.constantFrom(v, -v));
    fc.assert(fc.property(x, fc.integer({ min: -32, max: 32 }), (v, n) => {
      expect(pow(v, n), `${v}^${n}`).toBe(exactPower(v, n));
    }), { numRuns: 20000 });
  });

  it('gives +-1/2 powers by the correctly rounded square root', () => {
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
      expect(pow(x, 0.5)).toBe(Math.sqrt(x));
      expect(pow(x, -0.5)).toBe(1 / Math.sqrt(x));
    }));
  });

  // Against mpmath at 200 bits (2026-12-08, 110,000 arguments, |y| up to 2000) core's pow is within
  // 1 ulp of the correctly rounded x^y, as Node's Math.pow is; so within 2 of Math.pow here.
  it('stays within 2 ulps of Math.pow, whatever the size of y', () => {
    const base = fc.double({ min: 1e-3, max: 1e4, noNaN: true });
    fc.assert(fc.property(base, fc.double({ min: -5, max: 5, noNaN: true }), (x, y) => ulps(pow(x, y), Math.pow(x, y)) <= 2), { numRuns: 20000 });
    fc.assert(fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true }), (x, y) => ulps(pow(x, y), Math.pow(x, y)) <= 2), { numRuns: 20000 });
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 1e-200, noNaN: true }), fc.double({ min: 0.1, max: 1.4, noNaN: true }), (x, y) => ulps(pow(x, y), Math.pow(x, y)) <= 2), { numRuns: 5000 });
    // negative bases with odd and even integer exponents beyond the squaring range (normal results)
    fc.assert(fc.property(fc.double({ min: -3, max: -0.5, noNaN: true }), fc.integer({ min: 33, max: 600 }), (x, n) => {
      const r = pow(x, n);
      return Math.sign(r) === (n % 2 === 1 ? -1 : 1) && ulps(r, Math.pow(x, n)) <= 2;
    }), { numRuns: 5000 });
  });

  it('writes to io[2] and reads io[0], io[1] only (powInto is pow)', () => {
    const io = new Float64Array([2.5, -0.75, 99]);
    powInto(io);
    expect([io[0], io[1], io[2]]).toEqual([2.5, -0.75, pow(2.5, -0.75)]);
  });
});
