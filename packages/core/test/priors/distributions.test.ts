import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makePrior, parsePrior } from '../../src/priors/index.js';
import type { PriorDist } from '../../src/priors/index.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const scalar = (text: string) => parsePrior(text) as PriorDist;
const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe('lpdf at fixed points (R log densities, by hand formulas)', () => {
  it.each([
    ['normal(0, 1)', 1, -1.418938533204672741780], // dnorm(1, log = TRUE)
    ['normal(2, 3)', -1, -HALF_LOG_2PI - Math.log(3) - 0.5],
    ['student_t(1, 0, 1)', 0, -Math.log(Math.PI)], // dt(0, 1)
    ['student_t(3, 0, 1)', 2, Math.log((6 * Math.sqrt(3)) / (49 * Math.PI))], // dt(2, 3)
    ['student_t(3, 1, 2)', 5, Math.log((6 * Math.sqrt(3)) / (49 * Math.PI)) - Math.log(2)],
    ['cauchy(0, 1)', 1, -Math.log(2 * Math.PI)], // dcauchy(1)
    ['cauchy(1, 2)', 3, -Math.log(Math.PI) - 2 * Math.log(2)],
    ['exponential(2)', 0.5, Math.log(2) - 1], // dexp(0.5, 2)
    ['gamma(2, 3)', 1, 2 * Math.log(3) - 3], // dgamma(1, 2, 3)
    ['gamma(0.5, 1)', 2, -0.5 * Math.log(Math.PI) - 0.5 * Math.log(2) - 2],
    ['lognormal(0, 1)', 1, -0.918938533204672741780], // dlnorm(1)
    ['lognormal(1, 0.5)', Math.E, -1 - Math.log(0.5) - HALF_LOG_2PI],
    ['uniform(-1, 3)', 0, -Math.log(4)], // dunif(0, -1, 3)
  ])('%s at %d', (text, x, expected) => {
    expect(scalar(text).lpdf(x)).toBeCloseTo(expected, 13);
  });

  it('is -Infinity outside the support (and grad 0 there)', () => {
    for (const [text, x] of [
      ['exponential(1)', -0.1],
      ['gamma(2, 1)', -1],
      ['lognormal(0, 1)', 0],
      ['uniform(0, 1)', 1.5],
    ] as const) {
      expect(scalar(text).lpdf(x)).toBe(-Infinity);
      expect(scalar(text).grad(x)).toBe(0);
    }
  });
});

/** A random scalar prior with sensible arguments and a point inside its support. */
const priorAndPoint = fc.oneof(
  fc.tuple(d(-10, 10), d(0.1, 10), d(-30, 30)).map(([m, s, x]) => ({ p: makePrior('normal', [m, s]), x })),
  fc.tuple(d(0.5, 30), d(-10, 10), d(0.1, 10), d(-30, 30)).map(([n, m, s, x]) => ({ p: makePrior('student_t', [n, m, s]), x })),
  fc.tuple(d(-10, 10), d(0.1, 10), d(-30, 30)).map(([m, s, x]) => ({ p: makePrior('cauchy', [m, s]), x })),
  fc.tuple(d(0.1, 10), d(0.01, 20)).map(([r, x]) => ({ p: makePrior('exponential', [r]), x })),
  fc.tuple(d(0.2, 20), d(0.1, 10), d(0.01, 20)).map(([a, b, x]) => ({ p: makePrior('gamma', [a, b]), x })),
  fc.tuple(d(-2, 2), d(0.2, 3), d(0.01, 30)).map(([m, s, x]) => ({ p: makePrior('lognormal', [m, s]), x })),
  fc.tuple(d(-10, 10), d(0.5, 10), d(0.01, 0.99)).map(([a, w, u]) => ({ p: makePrior('uniform', [a, a + w]), x: a + u * w })),
);

describe('properties of every scalar prior', () => {
  it('grad agrees with central finite differences of lpdf', () => {
    fc.assert(
      fc.property(priorAndPoint, ({ p, x }) => {
        const prior = p as PriorDist;
        const h = 1e-6 * Math.max(1e-2, Math.min(1, Math.abs(x)));
        const fd = (prior.lpdf(x + h) - prior.lpdf(x - h)) / (2 * h);
        expect(Math.abs(prior.grad(x) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }),
    );
  });

  it('cdf + ccdf = 1, and d cdf / dx = exp(lpdf) (ties lpdf normalisation to the cdf)', () => {
    fc.assert(
      fc.property(priorAndPoint, ({ p, x }) => {
        const prior = p as PriorDist;
        expect(Math.abs(prior.cdf(x) + prior.ccdf(x) - 1)).toBeLessThan(1e-12);
        const h = 1e-5 * Math.max(1e-2, Math.min(1, Math.abs(x)));
        const slope = (prior.cdf(x + h) - prior.cdf(x - h)) / (2 * h);
        const density = Math.exp(prior.lpdf(x));
        expect(Math.abs(slope - density)).toBeLessThan(1e-6 + 1e-5 * density);
      }),
    );
  });
});

describe('distribution functions at known values', () => {
  it('normal: pnorm(-1), pnorm(1.96), far tail', () => {
    expect(scalar('normal(0, 1)').cdf(-1)).toBeCloseTo(0.158655253931457, 14);
    expect(scalar('normal(0, 1)').cdf(1.96)).toBeCloseTo(0.97500210485178, 13);
    // pnorm(-10) = 7.619853024160527e-24: relative accuracy in the tail
    expect(scalar('normal(0, 1)').cdf(-10) / 7.619853024160527e-24 - 1).toBeLessThan(1e-10);
    expect(scalar('normal(5, 2)').ccdf(5)).toBeCloseTo(0.5, 15);
  });
  it('student_t: nu = 1 and nu = 2 closed forms', () => {
    for (const t of [-30, -2.5, -0.3, 0, 0.7, 4, 100]) {
      expect(scalar('student_t(1, 0, 1)').cdf(t)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(scalar('student_t(2, 0, 1)').cdf(t)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    // relative accuracy in the upper tail: P(T_2 > t) = 0.5 - t / (2 s) = 1 / (s (s + t)), s = sqrt(2 + t^2)
    for (const t of [1e3, 1e6]) {
      const s = Math.sqrt(2 + t * t);
      expect(Math.abs(scalar('student_t(2, 0, 1)').ccdf(t) * s * (s + t) - 1)).toBeLessThan(1e-10);
    }
  });
  it('gamma: shape 1 is exponential, shape 2 closed form', () => {
    for (const x of [0.01, 0.5, 2, 10, 60]) {
      expect(scalar('gamma(1, 2)').ccdf(x)).toBeCloseTo(Math.exp(-2 * x), 14);
      expect(scalar('gamma(2, 0.1)').ccdf(x) / (Math.exp(-0.1 * x) * (1 + 0.1 * x)) - 1).toBeLessThan(1e-12);
    }
  });
  it('cauchy and exponential tails keep relative accuracy', () => {
    expect(scalar('cauchy(0, 1)').ccdf(1e8) * Math.PI * 1e8).toBeCloseTo(1, 10);
    expect(scalar('exponential(1)').cdf(1e-10) / 1e-10).toBeCloseTo(1, 9);
  });
});
