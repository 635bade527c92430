import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fft, fftPlan, nextPowerOfTwo } from '../src/fft.js';

/** Textbook O(N^2) DFT in double, the reference for the FFT. */
function naiveDft(re: ArrayLike<number>, im: ArrayLike<number>): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
      si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  return [outRe, outIm];
}

const sizes = fc.constantFrom(1, 2, 4, 8, 16, 32, 64, 128);
const signal = (n: number) =>
  fc.tuple(
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
  );

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe('Fft', () => {
  it('agrees with the naive DFT on random complex input', () => {
    fc.assert(
      fc.property(sizes.chain((n) => signal(n)), ([re, im]) => {
        const n = re.length;
        const [wantRe, wantIm] = naiveDft(re, im);
        const gotRe = Float64Array.from(re);
        const gotIm = Float64Array.from(im);
        new Fft(n).forward(gotRe, gotIm);
        const scale = Math.max(1, maxAbs(re), maxAbs(im)) * n;
        for (let k = 0; k < n; k++) {
          expect(Math.abs(gotRe[k] - wantRe[k])).toBeLessThan(1e-12 * scale);
          expect(Math.abs(gotIm[k] - wantIm[k])).toBeLessThan(1e-12 * scale);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('inverse(forward(x)) = x', () => {
    fc.assert(
      fc.property(sizes.chain((n) => signal(n)), ([re, im]) => {
        const n = re.length;
        const r = Float64Array.from(re);
        const i = Float64Array.from(im);
        const plan = fftPlan(n);
        plan.forward(r, i);
        plan.inverse(r, i);
        const scale = Math.max(1, maxAbs(re), maxAbs(im));
        for (let k = 0; k < n; k++) {
          expect(Math.abs(r[k] - re[k])).toBeLessThan(1e-13 * scale);
          expect(Math.abs(i[k] - im[k])).toBeLessThan(1e-13 * scale);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("keeps Parseval's identity sum |x|^2 = sum |X|^2 / N", () => {
    fc.assert(
      fc.property(sizes.chain((n) => signal(n)), ([re, im]) => {
        const n = re.length;
        const r = Float64Array.from(re);
        const i = Float64Array.from(im);
        fftPlan(n).forward(r, i);
        let time = 0;
        let frequency = 0;
        for (let k = 0; k < n; k++) {
          time += re[k] * re[k] + im[k] * im[k];
          frequency += r[k] * r[k] + i[k] * i[k];
        }
        expect(Math.abs(frequency / n - time)).toBeLessThanOrEqual(1e-12 * Math.max(1, time));
      }),
      { numRuns: 60 },
    );
  });

  it('transforms a unit impulse to ones and a constant to an impulse', () => {
    const n = 1024;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    re[0] = 1;
    fftPlan(n).forward(re, im);
    expect(maxAbs(re.map((v) => v - 1))).toBe(0);
    expect(maxAbs(im)).toBe(0);
    const c = new Float64Array(n).fill(2);
    const ci = new Float64Array(n);
    fftPlan(n).forward(c, ci);
    expect(c[0]).toBe(2 * n);
    expect(maxAbs(c.subarray(1))).toBeLessThan(1e-12);
    expect(maxAbs(ci)).toBeLessThan(1e-12);
  });

  it('puts a pure tone in its frequency bin', () => {
    const n = 256;
    const bin = 37;
    const re = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * bin * j) / n));
    const im = new Float64Array(n);
    fftPlan(n).forward(re, im);
    expect(re[bin]).toBeCloseTo(n / 2, 10);
    expect(re[n - bin]).toBeCloseTo(n / 2, 10);
    re[bin] = 0;
    re[n - bin] = 0;
    expect(maxAbs(re)).toBeLessThan(1e-10);
    expect(maxAbs(im)).toBeLessThan(1e-10);
  });

  it('is linear', () => {
    fc.assert(
      fc.property(sizes.chain((n) => fc.tuple(signal(n), signal(n))), fc.double({ min: -10, max: 10, noNaN: true }), ([[ar, ai], [br, bi]], s) => {
        const n = ar.length;
        const plan = fftPlan(n);
        const sum = (x: number[], y: number[]) => Float64Array.from(x, (v, k) => v + s * y[k]);
        const [r1, i1] = [sum(ar, br), sum(ai, bi)];
        plan.forward(r1, i1);
        const [r2, i2] = [Float64Array.from(ar), Float64Array.from(ai)];
        const [r3, i3] = [Float64Array.from(br), Float64Array.from(bi)];
        plan.forward(r2, i2);
        plan.forward(r3, i3);
        const scale = n * 100 * (1 + Math.abs(s));
        for (let k = 0; k < n; k++) {
          expect(Math.abs(r1[k] - (r2[k] + s * r3[k]))).toBeLessThan(1e-12 * scale);
          expect(Math.abs(i1[k] - (i2[k] + s * i3[k]))).toBeLessThan(1e-12 * scale);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('rejects sizes that are not powers of two and mismatched arrays', () => {
    for (const n of [0, 3, 6, 1000, 1.5, -4]) expect(() => new Fft(n)).toThrow(RangeError);
    expect(() => fftPlan(8).forward(new Float64Array(8), new Float64Array(4))).toThrow(/length/);
  });

  it('nextPowerOfTwo rounds up', () => {
    expect([1, 2, 3, 5, 1000, 1024, 1025].map(nextPowerOfTwo)).toEqual([1, 2, 4, 8, 1024, 1024, 2048]);
  });
});
