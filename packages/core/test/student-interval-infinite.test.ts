import { describe, expect, it } from 'vitest';
import { studentLogInterval } from '../src/families/observation/index.js';

/** Cauchy (nu = 1) tails in a cancellation-free form: P(T < -t) = atan(1/t)/pi for t > 0. */
const cauchyLowerTail = (t: number) => Math.log(Math.atan(1 / t) / Math.PI);

describe('studentLogInterval with an infinite bound', () => {
  const out = new Float64Array(4);
  it('(-inf, +inf) is log 1 = 0 with zero derivatives', () => {
    studentLogInterval(-Infinity, Infinity, 0.3, 2, 5, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
  it('far tails (30 sd) match the Cauchy closed form', () => {
    for (const sd of [3, 10, 30]) {
      const mu = 1.5;
      const sigma = 2;
      studentLogInterval(-Infinity, mu - sd * sigma, mu, sigma, 1, out);
      expect(out[0]).toBeCloseTo(cauchyLowerTail(sd), 12);
      studentLogInterval(mu + sd * sigma, Infinity, mu, sigma, 1, out);
      expect(out[0]).toBeCloseTo(cauchyLowerTail(sd), 12);
      expect(Number.isFinite(out[1]) && Number.isFinite(out[2]) && Number.isFinite(out[3])).toBe(true);
    }
  });
});
