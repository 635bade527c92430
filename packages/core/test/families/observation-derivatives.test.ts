/**
 * Every hand-written derivative of the per-observation pieces against five-point finite
 * differences in each parameter, over wide parameter ranges (fast-check), including points 30+
 * scales into either tail for the CDFs, CCDFs and interval probabilities.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { families, type Fn } from './observation-catalogue.js';
import { derivativeAgrees, fivePoint, stepFor } from './fd.js';

const out = new Float64Array(8);
const tmp = new Float64Array(8);

/** Checks out[1 + j] of fn at (y, p) against finite differences; returns a message on failure. */
function checkAll(fn: Fn, y: number, p: number[], kinds: string[], stepScale = 1, valueRel = 1e-13): string | null {
  fn(y, p, out);
  const value = out[0];
  if (!Number.isFinite(value)) return `value ${value} at y=${y} p=${p}`;
  const analytic = Array.from(out.subarray(1, 1 + p.length));
  for (let j = 0; j < p.length; j++) {
    const h = stepScale * stepFor(p[j], kinds[j] as 'real');
    const f = (x: number): number => {
      const q = p.slice();
      q[j] = x;
      fn(y, q, tmp);
      return tmp[0];
    };
    const numeric = fivePoint(f, p[j], h);
    if (!derivativeAgrees(analytic[j], numeric, value, h, 2e-6, valueRel)) {
      return `d/dp[${j}] analytic ${analytic[j]} vs numeric ${numeric} at y=${y} p=${p} (value ${value})`;
    }
  }
  return null;
}

describe('per-observation derivatives against finite differences', () => {
  for (const fam of families) {
    const pieces: [string, Fn | undefined][] = [
      ['lpdf', fam.lpdf],
      ['lcdf', fam.lcdf],
      ['lccdf', fam.lccdf],
    ];
    for (const [piece, fn] of pieces) {
      if (!fn) continue;
      it(`${fam.name} ${piece}`, () => {
        fc.assert(
          fc.property(fam.arb, ({ y, p }) => {
            // At the edges of a discrete support a CDF is exactly 1 (log 0) or a CCDF exactly 0.
            fn(y, p, out);
            if (piece !== 'lpdf' && (out[0] === 0 || (fam.discrete && out[0] === -Infinity))) return true;
            const msg = checkAll(fn, y, p, fam.kinds);
            if (msg) throw new Error(msg);
            return true;
          }),
          { numRuns: 150, seed: 20240613 },
        );
      });
    }
    if (fam.interval) {
      const interval = fam.interval;
      it(`${fam.name} log interval`, () => {
        // Intervals holding a fair share of the mass: a sliver of a tail is ill-conditioned for the
        // finite difference itself (log(F(b) - F(a)) loses digits as F(a) / F(b) -> 1). Steps 10x
        // larger, and the value trusted to 1e-11 (the gap of two log CDFs), cover that noise.
        const widths = fam.discrete ? fc.integer({ min: 1, max: 50 }) : fc.double({ min: 0.3, max: 3, noNaN: true });
        fc.assert(
          fc.property(fam.arb, widths, ({ y, p }, w) => {
            const hi = fam.discrete ? y + w : fam.intervalScale ? y + w * fam.intervalScale(y, p) : y;
            const fn: Fn = (lo, q, o) => interval(lo, hi, q, o);
            fn(y, p, out);
            if (out[0] === 0 || out[0] === -Infinity) return true; // interval covering all mass, or none
            const msg = checkAll(fn, y, p, fam.kinds, 10, 1e-11);
            if (msg) throw new Error(`[${y}, ${hi}] ${msg}`);
            return true;
          }),
          { numRuns: 100, seed: 7 },
        );
      });
    }
  }
});

describe('far tails keep value and derivative', () => {
  it('gaussian and lognormal CDF 30-40 sd below, CCDF above: Mills-ratio asymptotes', () => {
    const find = (n: string) => families.find((f) => f.name === n)!;
    for (const z of [30, 35, 40]) {
      const mu = 1.5;
      const sigma = 2;
      for (const [name, y] of [
        ['gaussian', mu - z * sigma],
        ['lognormal', Math.exp(mu - z * sigma)],
      ] as const) {
        const fam = find(name);
        fam.lcdf!(y, [mu, sigma], out);
        // log Phi(-z) = -z^2/2 - log(z sqrt(2 pi)) + log(1 - 1/z^2 + 3/z^4 - ...)
        const asym = -0.5 * z * z - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log1p(-1 / (z * z) + 3 / z ** 4 - 15 / z ** 6);
        expect(Math.abs(out[0] - asym)).toBeLessThan(1e-9 * Math.abs(asym));
        // d/dmu log Phi((y - mu)/sigma) = -(phi/Phi)/sigma, phi/Phi(-z) = z + 1/z - 2/z^3 + ...
        const mills = z + 1 / z - 2 / z ** 3 + 10 / z ** 5;
        expect(Math.abs(out[1] + mills / sigma)).toBeLessThan(1e-6);
        expect(checkAll(fam.lcdf!, y, [mu, sigma], fam.kinds)).toBeNull();
        const yUp = name === 'gaussian' ? mu + z * sigma : Math.exp(mu + z * sigma);
        fam.lccdf!(yUp, [mu, sigma], out);
        expect(Math.abs(out[0] - asym)).toBeLessThan(1e-9 * Math.abs(asym));
        expect(Math.abs(out[1] - mills / sigma)).toBeLessThan(1e-6);
        expect(checkAll(fam.lccdf!, yUp, [mu, sigma], fam.kinds)).toBeNull();
      }
    }
  });

  it('an interval 30-31 sd out has log(Phi(-30) - Phi(-31)) with derivatives', () => {
    const fam = families.find((f) => f.name === 'gaussian')!;
    const fn: Fn = (lo, q, o) => fam.interval!(lo, 31, q, o);
    fn(30, [0, 1], out);
    // Phi(-30) - Phi(-31) = Phi(-30) (1 - Phi(-31)/Phi(-30)), both from the asymptote
    expect(Math.abs(out[0] / -454.32124395634327 - 1)).toBeLessThan(1e-13); // R: pnorm log.p and log(-expm1)
    expect(checkAll(fn, 30, [0, 1], fam.kinds)).toBeNull();
  });

  it('count CDFs thousands of sd out stay finite with derivatives', () => {
    const poisson = families.find((f) => f.name === 'poisson')!;
    poisson.lcdf!(1000, [1e4], out);
    expect(out[0]).toBeLessThan(-5000);
    expect(checkAll(poisson.lcdf!, 1000, [1e4], poisson.kinds)).toBeNull();
    const nb = families.find((f) => f.name === 'negbinomial')!;
    nb.lccdf!(5000, [10, 50], out);
    expect(out[0]).toBeLessThan(-1000);
    expect(checkAll(nb.lccdf!, 5000, [10, 50], nb.kinds)).toBeNull();
  });
});
