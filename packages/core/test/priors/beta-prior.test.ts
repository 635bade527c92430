import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import betaLogpdf from '@stdlib/stats-base-dists-beta-logpdf';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { PriorError } from '../../src/errors.js';
import { listPriors, parsePrior, printPrior, resolvePriors } from '../../src/priors/index.js';
import type { DataScale, PriorDist, PriorSlot } from '../../src/priors/index.js';

const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const scale: DataScale = { yLocation: 0, yScale: 1 };
const beta = (a: number, b: number) => parsePrior(`beta(${a}, ${b})`) as PriorDist;

describe('beta(a, b) prior', () => {
  it('lpdf equals @stdlib beta logpdf to 1e-12 relative', () => {
    fc.assert(
      fc.property(d(0.2, 30), d(0.2, 30), d(0.001, 0.999), (a, b, x) => {
        const ref = betaLogpdf(x, a, b);
        expect(Math.abs(beta(a, b).lpdf(x) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
      }),
      { numRuns: 500 },
    );
  });

  it('grad agrees with central finite differences', () => {
    fc.assert(
      fc.property(d(0.2, 30), d(0.2, 30), d(0.01, 0.99), (a, b, x) => {
        const p = beta(a, b);
        const h = 1e-6 * Math.min(x, 1 - x);
        const fd = (p.lpdf(x + h) - p.lpdf(x - h)) / (2 * h);
        expect(Math.abs(p.grad(x) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }),
      { numRuns: 500 },
    );
  });

  it('cdf / ccdf match @stdlib beta cdf, and the code strings match the methods', () => {
    fc.assert(
      fc.property(d(0.2, 30), d(0.2, 30), d(0.001, 0.999), (a, b, x) => {
        const p = beta(a, b);
        expect(p.cdf(x)).toBeCloseTo(betaCdf(x, a, b), 10);
        expect(p.cdf(x) + p.ccdf(x)).toBeCloseTo(1, 12);
        const { lpdf, grad } = p.code('x', (v) => `(${String(v)})`);
        const f = (part: { prelude: string[]; value: string }) =>
          new Function('x', `${part.prelude.join('\n')}\nreturn ${part.value};`) as (x: number) => number;
        expect(f(lpdf)(x)).toBe(p.lpdf(x));
        expect(f(grad)(x)).toBe(p.grad(x));
      }),
      { numRuns: 200 },
    );
    expect(beta(2, 3).lpdf(-0.1)).toBe(-Infinity);
    expect(beta(2, 3).lpdf(1.1)).toBe(-Infinity);
    expect(beta(1, 1).lpdf(0.3)).toBe(0);
  });

  it('parse round trip and argument checks', () => {
    fc.assert(
      fc.property(d(1e-3, 1e3), d(1e-3, 1e3), (a, b) => {
        const p = beta(a, b);
        expect(parsePrior(printPrior(p))).toEqual(p);
        expect(printPrior(p)).toBe(p.text);
      }),
    );
    expect(() => parsePrior('beta(0, 1)')).toThrow(/beta: a must be > 0/);
    expect(() => parsePrior('beta(1)')).toThrow(/beta takes 2 arguments \(a, b\)/);
  });

  it('on class b narrows the range to [0, 1] (as uniform does); across a range edge it is a one-line PriorError', () => {
    const b: PriorSlot[] = [{ class: 'b', coef: 'Intercept', parameter: 'b_Intercept' }];
    expect(resolvePriors([{ prior: 'beta(2, 2)', class: 'b' }], b, scale)[0].bounds).toEqual({ lower: 0, upper: 1 });
    const slots: PriorSlot[] = [{ class: 'nu', parameter: 'nu' }];
    let message = '';
    try {
      resolvePriors([{ prior: 'beta(2, 2)', class: 'nu' }], slots, scale);
    } catch (e) {
      expect(e).toBeInstanceOf(PriorError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/beta\(2, 2\).*support \[0, 1\] neither covers the range \(1, Inf\) of nu nor lies inside it/);
    expect(message).not.toContain('\n');
  });

  it('is the default for zi and hu (beta(1, 1) as brms)', () => {
    const slots: PriorSlot[] = [
      { class: 'zi', parameter: 'zi', lower: 0, upper: 1 },
      { class: 'hu', parameter: 'hu', lower: 0, upper: 1 },
    ];
    const rows = listPriors(resolvePriors([], slots, scale));
    expect(rows.map((r) => r.prior)).toEqual(['beta(1, 1)', 'beta(1, 1)']);
    const resolved = resolvePriors([{ prior: 'beta(2, 5)', class: 'zi' }], slots, scale);
    expect(resolved[0].prior.text).toBe('beta(2, 5)');
    expect(resolved[0].logTruncation).toBe(0);
  });
});
