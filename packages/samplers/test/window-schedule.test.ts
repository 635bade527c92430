import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowSchedule } from '../src/index.js';

// Expected windows worked out by hand from the rules in nuts.md: init buffer 75, first window 25,
// terminal buffer 50; at a window end c the size doubles and the next end is c + size, stretched
// to num_warmup - 50 - 1 when the window after it would reach the terminal buffer.
describe('windowSchedule', () => {
  it('num_warmup 1000: 75 / 25 doubling / 50', () => {
    // 99 -> size 50: 149 (149 + 100 < 950) -> size 100: 249 -> size 200: 449 (449 + 400 < 950)
    // -> size 400: 849, but 849 + 800 >= 950, so stretched to 949.
    const s = windowSchedule(1000);
    expect(s).toMatchObject({ initBuffer: 75, baseWindow: 25, termBuffer: 50 });
    expect(s.windows).toEqual([
      { start: 75, end: 99 },
      { start: 100, end: 149 },
      { start: 150, end: 249 },
      { start: 250, end: 449 },
      { start: 450, end: 949 },
    ]);
  });

  it('num_warmup 2000', () => {
    // ... 449 -> size 400: 849 (849 + 800 = 1649 < 1950) -> size 800: 1649, 1649 + 1600 >= 1950: 1949.
    expect(windowSchedule(2000).windows).toEqual([
      { start: 75, end: 99 },
      { start: 100, end: 149 },
      { start: 150, end: 249 },
      { start: 250, end: 449 },
      { start: 450, end: 849 },
      { start: 850, end: 1949 },
    ]);
  });

  it('num_warmup 150: the default buffers just fit, one window', () => {
    // 75 + 25 + 50 = 150 is not > 150; the first end 99 is already 150 - 50 - 1.
    const s = windowSchedule(150);
    expect(s).toMatchObject({ initBuffer: 75, baseWindow: 25, termBuffer: 50 });
    expect(s.windows).toEqual([{ start: 75, end: 99 }]);
  });

  it('num_warmup 100: 15% / 75% / 10%, the middle one window', () => {
    // 150 > 100: init = trunc(15) = 15, term = trunc(10) = 10, window = 100 - 25 = 75 -> [15, 89].
    const s = windowSchedule(100);
    expect(s).toMatchObject({ initBuffer: 15, baseWindow: 75, termBuffer: 10 });
    expect(s.windows).toEqual([{ start: 15, end: 89 }]);
  });

  it('truncates the proportional buffers (num_warmup 130: 19 / 98 / 13)', () => {
    expect(windowSchedule(130).windows).toEqual([{ start: 19, end: 116 }]);
  });

  it('no metric adaptation below 20 warmup iterations', () => {
    expect(windowSchedule(19).windows).toEqual([]);
    expect(windowSchedule(0).windows).toEqual([]);
    expect(windowSchedule(20).windows).toEqual([{ start: 3, end: 17 }]);
  });

  it('rejects a negative or fractional warmup', () => {
    expect(() => windowSchedule(-1)).toThrow(/non-negative integer/);
    expect(() => windowSchedule(10.5)).toThrow(/non-negative integer/);
  });

  it('property: windows tile [init, n - term - 1] contiguously, each at least as long as the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 20000 }), (n) => {
        const s = windowSchedule(n);
        const w = s.windows;
        expect(w[0].start).toBe(s.initBuffer);
        expect(w[w.length - 1].end).toBe(n - s.termBuffer - 1);
        for (let i = 1; i < w.length; i++) {
          expect(w[i].start).toBe(w[i - 1].end + 1);
          expect(w[i].end - w[i].start).toBeGreaterThanOrEqual(w[i - 1].end - w[i - 1].start);
        }
        // Every window but the stretched last one is exactly twice the previous one.
        for (let i = 1; i < w.length - 1; i++) {
          expect(w[i].end - w[i].start + 1).toBe(2 * (w[i - 1].end - w[i - 1].start + 1));
        }
      }),
      { seed: 1007 },
    );
  });
});
