import { describe, expect, it } from 'vitest';
import {
  gaussianKde,
  interpolate,
  pooledRanks,
  quantiles,
  silvermanBandwidth,
} from '../../src/plots/index.js';
import { normal } from './fixtures.js';

function trapezoid(x: number[], y: number[]): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
  return s;
}

describe('quantiles (R type 7)', () => {
  it('interpolates linearly between order statistics', () => {
    // R: quantile(c(3, 1, 4, 1, 5), c(0, 0.1, 0.5, 0.9, 1)) -> 1.0 1.0 3.0 4.6 5.0
    const q = quantiles([3, 1, 4, 1, 5], [0, 0.1, 0.5, 0.9, 1]);
    expect(q[0]).toBe(1);
    expect(q[1]).toBe(1);
    expect(q[2]).toBe(3);
    expect(q[3]).toBeCloseTo(4.6, 12);
    expect(q[4]).toBe(5);
  });
  it('rejects probabilities outside [0, 1]', () => {
    expect(() => quantiles([1, 2], [1.5])).toThrow(RangeError);
  });
});

describe('silvermanBandwidth (R bw.nrd0)', () => {
  it('uses min(sd, IQR / 1.34)', () => {
    // 1:5: sd = sqrt(2.5) = 1.581, IQR = 2, 2 / 1.34 = 1.4925 -> 0.9 * 1.4925 * 5^-0.2
    expect(silvermanBandwidth([1, 2, 3, 4, 5])).toBeCloseTo(0.9 * (2 / 1.34) * 5 ** -0.2, 14);
    // heavy outlier: IQR is small, sd is large -> IQR wins
    const x = [0, 0.1, 0.2, 0.3, 100];
    const iqr = 0.3 - 0.1;
    expect(silvermanBandwidth(x)).toBeCloseTo(0.9 * (iqr / 1.34) * 5 ** -0.2, 14);
  });
  it('falls back to sd when the IQR is zero, as R does', () => {
    const x = [1, 1, 1, 1, 1, 1, 1, 9];
    const m = 2;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / 7);
    expect(silvermanBandwidth(x)).toBeCloseTo(0.9 * sd * 8 ** -0.2, 14);
  });
});

describe('gaussianKde', () => {
  it('of a single point is a normal density with the given bandwidth', () => {
    const k = gaussianKde([2], { bandwidth: 0.5, gridSize: 101, from: 1, to: 3 });
    expect(k.x[50]).toBeCloseTo(2, 12);
    expect(k.density[50]).toBeCloseTo(1 / (0.5 * Math.sqrt(2 * Math.PI)), 12);
    expect(k.density[0]).toBeCloseTo(Math.exp(-2) / (0.5 * Math.sqrt(2 * Math.PI)), 12);
  });
  it('integrates to one and peaks near the mode of normal draws', () => {
    const r = normal(11);
    const x = Array.from({ length: 4000 }, () => 3 + 2 * r());
    const k = gaussianKde(x);
    expect(k.bandwidth).toBeCloseTo(silvermanBandwidth(x), 14);
    expect(trapezoid(k.x, k.density)).toBeCloseTo(1, 3);
    const peak = k.x[k.density.indexOf(Math.max(...k.density))];
    // The KDE's mode wanders: over 30 seeds its distance from 3 has sd ~0.25 (0.3 held for one seed only); 3 sd.
    expect(Math.abs(peak - 3)).toBeLessThan(0.75);
    // height of N(3, 2) at its mode is 0.1995; the KDE smooths it down a little
    expect(Math.max(...k.density)).toBeGreaterThan(0.18);
    expect(Math.max(...k.density)).toBeLessThan(0.21);
  });
  it('ignores non-finite values, handles constants, rejects empty input', () => {
    const k = gaussianKde([1, NaN, 2, Infinity, 3], { bandwidth: 1 });
    const k2 = gaussianKde([1, 2, 3], { bandwidth: 1 });
    expect(k.density).toEqual(k2.density);
    const c = gaussianKde([5, 5, 5]);
    expect(c.bandwidth).toBeCloseTo(5e-3, 15);
    expect(trapezoid(c.x, c.density)).toBeCloseTo(1, 2);
    expect(() => gaussianKde([NaN])).toThrow(RangeError);
  });
});

describe('pooledRanks', () => {
  it('ranks over all chains with average ranks for ties, keeping the shape', () => {
    const r = pooledRanks([
      [10, 30, 20],
      [20, 5],
    ]);
    // sorted: 5(1) 10(2) 20,20(3.5) 30(5)
    expect(r).toEqual([
      [2, 5, 3.5],
      [3.5, 1],
    ]);
  });
  it('rejects non-finite draws', () => {
    expect(() => pooledRanks([[1, NaN]])).toThrow(RangeError);
  });
});

describe('interpolate', () => {
  it('is linear between knots and clamps outside', () => {
    expect(interpolate([0, 1, 2], [0, 10, 30], 1.5)).toBe(20);
    expect(interpolate([0, 1, 2], [0, 10, 30], -1)).toBe(0);
    expect(interpolate([0, 1, 2], [0, 10, 30], 3)).toBe(30);
  });
});
