/**
 * Links (values, derivatives, log-probabilities in the tails), the cumulative ordinal pieces, and
 * the incomplete gamma / beta shape derivatives against finite differences of @stdlib's values.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import gammainc from '@stdlib/math-base-special-gammainc';
import betainc from '@stdlib/math-base-special-betainc';
import * as F from '../../src/families/index.js';
import { fivePoint } from './fd.js';

const out = new Float64Array(8);
const eta = fc.double({ min: -30, max: 30, noNaN: true });

describe('links', () => {
  const inverses: [string, (e: number, o: Float64Array) => void, (e: number) => number][] = [
    ['identity', F.invLinkIdentity, (e) => e],
    ['log', F.invLinkLog, Math.exp],
    ['logit', F.invLinkLogit, (e) => 1 / (1 + Math.exp(-e))],
    ['probit', F.invLinkProbit, (e) => normalCdf(e, 0, 1)],
    ['cloglog', F.invLinkCloglog, (e) => 1 - Math.exp(-Math.exp(e))],
  ];
  for (const [name, inv, naive] of inverses) {
    it(`${name}: inverse as the textbook formula, derivative as finite differences, link(inverse) = eta`, () => {
      fc.assert(
        fc.property(fc.double({ min: -5, max: 3, noNaN: true }), (e) => {
          inv(e, out);
          const mu = out[0];
          const d = out[1];
          expect(Math.abs(mu - naive(e))).toBeLessThanOrEqual(1e-13 * Math.abs(naive(e)) + 1e-15);
          const num = fivePoint((x) => (inv(x, out), out[0]), e, 1e-4);
          expect(Math.abs(d - num)).toBeLessThanOrEqual(1e-8 * Math.abs(d) + 1e-12);
          expect(Math.abs(F.applyLinkExt(name as F.ExtLinkName, mu) - e)).toBeLessThan(1e-8 * Math.max(1, Math.abs(e)));
          return true;
        }),
        { numRuns: 200, seed: 3 },
      );
    });
  }

  it('tails: cloglog and probit inverses keep relative accuracy far below 0', () => {
    F.invLinkCloglog(-40, out); // 1 - exp(-e^-40) = e^-40 (1 - e^-40 / 2): naive 1 - exp(.) is 0
    expect(out[0] / Math.exp(-40) - 1).toBeLessThan(1e-15);
    F.invLinkProbit(-30, out);
    expect(Math.abs(out[0] / 4.906713927148187e-198 - 1)).toBeLessThan(1e-13); // R: pnorm(-30)
  });

  const probs: [string, (e: number, o: Float64Array) => void, (e: number) => number][] = [
    ['logit', F.logProbsLogit, (e) => 1 / (1 + Math.exp(-e))],
    ['probit', F.logProbsProbit, (e) => normalCdf(e, 0, 1)],
    ['cloglog', F.logProbsCloglog, (e) => -Math.expm1(-Math.exp(e))],
  ];
  for (const [name, lp, naive] of probs) {
    it(`${name} log-probabilities: finite in both tails, derivatives as finite differences`, () => {
      fc.assert(
        fc.property(eta, (e) => {
          lp(e, out);
          const [lmu, l1mu, d0, d1] = [out[0], out[1], out[2], out[3]];
          expect(Number.isFinite(lmu) && Number.isFinite(l1mu)).toBe(true);
          const mu = naive(e);
          if (mu > 1e-300 && mu < 0.5) expect(Math.abs(lmu - Math.log(mu))).toBeLessThan(1e-12 * Math.abs(Math.log(mu)));
          expect(Math.abs(d0 - fivePoint((x) => (lp(x, out), out[0]), e, 1e-4))).toBeLessThan(1e-7 * (1 + Math.abs(d0)));
          expect(Math.abs(d1 - fivePoint((x) => (lp(x, out), out[1]), e, 1e-4))).toBeLessThan(1e-7 * (1 + Math.abs(d1)));
          return true;
        }),
        { numRuns: 200, seed: 4 },
      );
    });
  }

  it('binomial from log-probabilities: d/deta by the chain rule, finite at eta = 40 (mu rounds to 1)', () => {
    const probsSlot = new Float64Array(4);
    const f = (e: number): number => (F.logProbsProbit(e, probsSlot), F.binomialLpmfFromLogProbs(3, 10, probsSlot, out), out[0]);
    for (const e of [-2, 0.3, 4]) {
      f(e);
      const d = out[1];
      expect(Math.abs(d - fivePoint(f, e, 1e-4))).toBeLessThan(1e-7 * (1 + Math.abs(d)));
    }
    F.logProbsLogit(40, probsSlot);
    F.binomialLpmfFromLogProbs(9, 10, probsSlot, out);
    expect(out[0]).toBeCloseTo(Math.log(10) - 40, 10); // 10 mu^9 (1 - mu) ~ 10 e^-40
  });
});

describe('cumulative ordinal', () => {
  const theta = [-1.5, -0.2, 0.9, 2.5];
  for (const [name, lpmf, mean] of [
    ['logit', F.cumulativeLogitLpmfAt, F.cumulativeLogitMean],
    ['probit', F.cumulativeProbitLpmfAt, F.cumulativeProbitMean],
  ] as const) {
    it(`${name}: probabilities sum to 1 over the K categories; mean = sum k P(k)`, () => {
      for (const e of [-40, -3, 0, 1.7, 35]) {
        let total = 0;
        let m = 0;
        for (let k = 1; k <= 5; k++) {
          lpmf(k, e, theta, out);
          total += Math.exp(out[0]);
          m += k * Math.exp(out[0]);
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-13);
        expect(Math.abs(mean(e, theta) - m)).toBeLessThan(1e-12);
      }
    });
    it(`${name}: derivatives in eta and both neighbouring thresholds, deep in both tails`, () => {
      fc.assert(
        fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.integer({ min: 1, max: 5 }), (e, k) => {
          lpmf(k, e, theta, out);
          expect(Number.isFinite(out[0])).toBe(true);
          const d = Array.from(out.subarray(1, 4));
          const at = (de: number, dl: number, du: number): number => {
            const t = theta.slice();
            if (k > 1) t[k - 2] += dl;
            if (k < 5) t[k - 1] += du;
            lpmf(k, e + de, t, out);
            return out[0];
          };
          const h = 1e-4;
          const nums = [fivePoint((x) => at(x, 0, 0), 0, h), fivePoint((x) => at(0, x, 0), 0, h), fivePoint((x) => at(0, 0, x), 0, h)];
          for (let j = 0; j < 3; j++) {
            expect(Math.abs(d[j] - nums[j])).toBeLessThan(1e-6 * Math.abs(d[j]) + 1e-9 * (1 + Math.abs(out[0])) / h);
          }
          return true;
        }),
        { numRuns: 300, seed: 5 },
      );
    });
  }
  it('probit: a category 30 sd out keeps its log-probability (R: pnorm(-30, log.p = TRUE))', () => {
    F.cumulativeProbitLpmf(0, -Infinity, -30, out);
    // log Phi(-30) and log(Phi(-30) - Phi(-31)) differ by log1p(-Phi(-31)/Phi(-30)) ~ -6e-14
    expect(Math.abs(out[0] / -454.32124395634327 - 1)).toBeLessThan(1e-13);
    F.cumulativeProbitLpmf(0, 30, 31, out);
    expect(Math.abs(out[0] / -454.32124395634327 - 1)).toBeLessThan(1e-13);
  });
  it('unordered thresholds are impossible (-Infinity), not NaN', () => {
    F.cumulativeLogitLpmf(0, 1, 0.5, out);
    expect(out[0]).toBe(-Infinity);
  });
});

describe('incomplete gamma and beta: values and shape derivatives', () => {
  it('log P(a, x), log Q(a, x) vs @stdlib gammainc; d/da vs finite differences of @stdlib', () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 6, noNaN: true }), fc.double({ min: -3, max: 1.5, noNaN: true }), fc.boolean(), (la, lr, upper) => {
        const a = Math.exp(la);
        const x = a * Math.exp(lr);
        F.logIncGamma(a, x, upper, out);
        const ref = Math.log(gammainc(x, a, true, upper));
        if (!(ref > -700)) return true;
        expect(Math.abs(out[0] - ref)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref)) * Math.max(1, Math.sqrt(a) / 3));
        const h = 1e-3 * a;
        const num = fivePoint((s) => Math.log(gammainc(x, s, true, upper)), a, h);
        expect(Math.abs(out[1] - num)).toBeLessThan(1e-6 * Math.abs(out[1]) + (1e-13 * (1 + Math.abs(ref))) / h);
        return true;
      }),
      { numRuns: 300, seed: 8 },
    );
  });
  it('log I_x(a, b) and its complement vs @stdlib betainc; d/da, d/db vs finite differences of @stdlib', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 5, noNaN: true }), fc.double({ min: -3, max: 5, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.boolean(), (la, lb, x, upper) => {
        const a = Math.exp(la);
        const b = Math.exp(lb);
        F.logIncBeta(x, 1 - x, a, b, upper, out);
        const ref = Math.log(betainc(x, a, b, true, upper));
        if (!(ref > -700 && ref < -1e-300)) return true;
        const size = Math.max(1, Math.sqrt(a + b) / 3);
        expect(Math.abs(out[0] - ref)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref)) * size);
        for (const [j, s, f] of [
          [2, a, (v: number) => Math.log(betainc(x, v, b, true, upper))],
          [3, b, (v: number) => Math.log(betainc(x, a, v, true, upper))],
        ] as const) {
          const h = 1e-3 * s;
          expect(Math.abs(out[j] - fivePoint(f, s, h))).toBeLessThan(1e-6 * Math.abs(out[j]) + (1e-13 * size * (1 + Math.abs(ref))) / h);
        }
        return true;
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
