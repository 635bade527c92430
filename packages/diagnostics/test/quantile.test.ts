import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mad, median, quantile } from '../src/index.js';

describe('quantile (R type 7), median, mad', () => {
  const x = [1, 2, 3, 4, 5, 10];

  it('matches R on a small example', () => {
    // R: quantile(c(1,2,3,4,5,10), c(0, .05, .5, .95, 1)) = 1, 1.25, 3.5, 8.75, 10
    expect([0, 0.05, 0.5, 0.95, 1].map((p) => quantile(x, p))).toEqual([1, 1.25, 3.5, 8.75, 10]);
    expect(median(x)).toBe(3.5);
    // R: mad(c(1,2,3,4,5,10)) = 1.4826 * 1.5
    expect(mad(x)).toBe(1.4826 * 1.5);
  });

  it('pools chains', () => {
    expect(quantile([[1, 2, 3], [4, 5, 10]], 0.95)).toBe(8.75);
    expect(median([[10, 1], [2, 3], [4, 5]])).toBe(3.5);
    expect(mad([new Float64Array([1, 2, 3]), new Float64Array([4, 5, 10])])).toBe(mad(x));
  });

  it('handles infinities as R does (no NaN from interpolating between equal infinities)', () => {
    const y = [-Infinity, 1, 2, Infinity];
    expect(quantile(y, 0)).toBe(-Infinity);
    expect(quantile(y, 0.1)).toBe(-Infinity);
    expect(quantile(y, 0.5)).toBe(1.5);
    expect(quantile(y, 0.9)).toBe(Infinity);
    expect(quantile([Infinity, Infinity, 1], 0.9)).toBe(Infinity);
    expect(median([-Infinity, Infinity])).toBeNaN(); // R: mean(c(-Inf, Inf)) is NaN
  });

  it('gives NaN for NaN draws (posterior quantile2) and for no draws', () => {
    expect(quantile([1, NaN, 3], 0.5)).toBeNaN();
    expect(median([[1, 2], [NaN, 4]])).toBeNaN();
    expect(mad([1, NaN])).toBeNaN();
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('rejects probabilities outside [0, 1]', () => {
    for (const p of [-0.01, 1.01, NaN]) expect(() => quantile(x, p)).toThrow(RangeError);
  });

  it('takes the mean of the middle pair without overflow', () => {
    expect(median([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
  });

  it('is monotone in p and bounded by the extremes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p1, p2) => {
          const [lo, hi] = p1 < p2 ? [p1, p2] : [p2, p1];
          const q1 = quantile(values, lo);
          const q2 = quantile(values, hi);
          expect(q1).toBeLessThanOrEqual(q2);
          expect(q1).toBeGreaterThanOrEqual(Math.min(...values));
          expect(q2).toBeLessThanOrEqual(Math.max(...values));
          expect(quantile(values, 0)).toBe(Math.min(...values));
          expect(quantile(values, 1)).toBe(Math.max(...values));
        },
      ),
    );
  });

  it('mad is 1.4826 times the median absolute deviation, and 0 for constant draws', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }), (ints) => {
        const values = ints.map((v) => v / 8);
        const m = median(values);
        expect(mad(values)).toBe(1.4826 * median(values.map((v) => Math.abs(v - m))));
      }),
    );
    expect(mad([3.25, 3.25, 3.25])).toBe(0);
  });
});
