import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIBRARY, Richards, SSfol, SSlogis, SSweibull, type NlFunction } from '../../src/functions/index.js';
import { closeTo, numericDerivative } from '../expr/arbitraries.js';

/**
 * Every library function against (a) its formula written out independently, exactly as in R's stats
 * documentation, at fixed and random points, and (b) central finite differences of that formula for
 * every argument.
 */
interface Spec {
  formula: (a: number[]) => number;
  domain: Array<[number, number]>;
  fixed: number[][];
}

const exp = Math.exp;
const SPECS: Record<string, Spec> = {
  SSlogis: {
    formula: ([x, Asym, xmid, scal]) => Asym! / (1 + exp((xmid! - x!) / scal!)),
    domain: [[0, 20], [1, 50], [2, 15], [0.5, 5]],
    fixed: [[1, 10, 5, 2], [5, 10, 5, 2], [10, 10, 5, 2], [1004, 192.7, 728.8, 353.5]],
  },
  SSfpl: {
    formula: ([x, A, B, xmid, scal]) => A! + (B! - A!) / (1 + exp((xmid! - x!) / scal!)),
    domain: [[0, 20], [-5, 5], [5, 50], [2, 15], [0.5, 5]],
    fixed: [[3, 1, 10, 5, 2], [5, 1, 10, 5, 2], [40, 13.5, 56.6, 29.2, 4.8]],
  },
  SSgompertz: {
    formula: ([x, Asym, b2, b3]) => Asym! * exp(-b2! * b3! ** x!),
    domain: [[0, 10], [1, 20], [0.5, 5], [0.2, 0.95]],
    fixed: [[2, 5, 2, 0.5], [0, 5, 2, 0.5], [6, 4.7, 2.1, 0.66]],
  },
  SSweibull: {
    formula: ([x, Asym, Drop, lrc, pwr]) => Asym! - Drop! * exp(-exp(lrc!) * x! ** pwr!),
    domain: [[0.2, 10], [1, 20], [0.5, 10], [-3, 1], [0.5, 3]],
    fixed: [[1, 10, 8, -1, 2], [5, 10, 8, -1, 2], [4, 2.2, 2.6, -3, 3]],
  },
  SSasymp: {
    formula: ([x, Asym, R0, lrc]) => Asym! + (R0! - Asym!) * exp(-exp(lrc!) * x!),
    domain: [[0, 20], [10, 100], [-10, 10], [-3, 1]],
    fixed: [[0, 94, -8, -3], [15, 94.1, -8.25, -3.22]],
  },
  SSasympOff: {
    formula: ([x, Asym, lrc, c0]) => Asym! * (1 - exp(-exp(lrc!) * (x! - c0!))),
    domain: [[100, 1000], [10, 50], [-6, -3], [0, 100]],
    fixed: [[95, 32, -4.6, 43], [675, 32.4, -4.6, 43.0]],
  },
  SSasympOrig: {
    formula: ([x, Asym, lrc]) => Asym! * (1 - exp(-exp(lrc!) * x!)),
    domain: [[0, 20], [10, 100], [-3, 1]],
    fixed: [[0, 94, -3], [10, 94, -3]],
  },
  SSbiexp: {
    formula: ([x, A1, lrc1, A2, lrc2]) => A1! * exp(-exp(lrc1!) * x!) + A2! * exp(-exp(lrc2!) * x!),
    domain: [[0, 8], [0.5, 5], [-1, 2], [0.1, 3], [-3, 0]],
    fixed: [[0.25, 2.29, 0.86, 0.91, -1.23], [5, 2.29, 0.86, 0.91, -1.23]],
  },
  SSfol: {
    formula: ([Dose, t, lKe, lKa, lCl]) =>
      (Dose! * exp(lKe! + lKa! - lCl!) * (exp(-exp(lKe!) * t!) - exp(-exp(lKa!) * t!))) / (exp(lKa!) - exp(lKe!)),
    domain: [[1, 10], [0.1, 24], [-3, -1.5], [-0.5, 1], [-4, -2]],
    fixed: [[4.02, 0.25, -2.5, 0.5, -3], [4.02, 12, -2.5, 0.5, -3], [4.4, 9.05, -2.92, 0.58, -3.92]],
  },
  SSmicmen: {
    formula: ([x, Vm, K]) => (Vm! * x!) / (K! + x!),
    domain: [[0.01, 1.5], [100, 250], [0.02, 0.2]],
    fixed: [[0.02, 212.7, 0.0641], [1.1, 212.7, 0.0641]],
  },
  Richards: {
    formula: ([x, Asym, xmid, scal, nu]) => Asym! * (1 + nu! * exp((xmid! - x!) / scal!)) ** (-1 / nu!),
    domain: [[0, 20], [1, 50], [2, 15], [0.5, 5], [0.2, 3]],
    fixed: [[5, 10, 5, 2, 1], [3, 10, 5, 2, 0.5], [12, 10, 5, 2, 2.5]],
  },
  vonBertalanffy: {
    formula: ([t, Linf, K, t0]) => Linf! * (1 - exp(-K! * (t! - t0!))),
    domain: [[0, 20], [10, 100], [0.05, 1], [-2, 1]],
    fixed: [[5, 60, 0.3, -0.5], [-0.5, 60, 0.3, -0.5]],
  },
};

const gradientOf = (fn: NlFunction, args: number[]): { value: number; grad: Float64Array } => {
  const grad = new Float64Array(fn.arity);
  const value = fn.gradient(args, grad);
  return { value, grad };
};

describe('library functions', () => {
  it('has a spec for every library function (and vice versa)', () => {
    expect(LIBRARY.map((f) => f.name).sort()).toEqual(Object.keys(SPECS).sort());
  });

  describe.each(LIBRARY.map((f) => [f.name, f] as const))('%s', (name, fn) => {
    const spec = SPECS[name]!;

    it('matches the documented formula at fixed points', () => {
      for (const args of spec.fixed) {
        expect(args).toHaveLength(fn.arity);
        const expected = spec.formula(args);
        expect(closeTo(fn.value(args), expected, 1e-12)).toBe(true);
        expect(closeTo(fn.value(Float64Array.from(args)), expected, 1e-12)).toBe(true);
      }
    });

    it('value, gradient() and fill() agree, and the gradient matches finite differences of the formula', () => {
      const point = fc.tuple(...spec.domain.map(([lo, hi]) => fc.double({ min: lo, max: hi, noNaN: true })));
      fc.assert(
        fc.property(point, (args) => {
          const expected = spec.formula(args);
          // the written-out formula loses digits to cancellation (1 - exp(-small)); its error, and
          // finite-difference noise, scale with the size of the terms, not only of the result
          const scale = Math.max(Math.abs(expected), ...args.map(Math.abs));
          const { value, grad } = gradientOf(fn, args);
          expect(closeTo(value, expected, 1e-10, scale)).toBe(true);
          expect(closeTo(value, fn.value(args), 1e-13)).toBe(true);
          const filled = new Float64Array(fn.arity + 1);
          fn.fill(Float64Array.from(args), filled);
          expect(Array.from(filled)).toEqual([...grad, value]); // gradient() is derived from fill()
          for (let j = 0; j < fn.arity; j++) {
            const fd = numericDerivative(spec.formula, args, j, 1e-4);
            if (!closeTo(grad[j]!, fd, 1e-6, scale)) {
              throw new Error(`d${name}/d${fn.argNames[j]} at ${args}: ${grad[j]} vs ${fd}`);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe('special values and numerical stability', () => {
  it('SSlogis(c(1, 5, 10), 10, 5, 2) as in R', () => {
    const values = [1, 5, 10].map((x) => SSlogis.value([x, 10, 5, 2]));
    expect(values[0]).toBeCloseTo(10 / (1 + Math.exp(2)), 14);
    expect(values[1]).toBe(5);
    expect(values[2]).toBeCloseTo(10 / (1 + Math.exp(-2.5)), 14);
  });

  it('known exact values at characteristic points', () => {
    const get = (name: string) => LIBRARY.find((f) => f.name === name)!;
    expect(get('SSfpl').value([5, 1, 9, 5, 2])).toBe(5); // midpoint between A and B at xmid
    expect(get('SSmicmen').value([0.3, 200, 0.3])).toBe(100); // half of Vm at input = K
    expect(get('SSasymp').value([0, 94, -8, -3])).toBe(-8); // R0 at input 0
    expect(get('SSasympOff').value([43, 32, -4.6, 43])).toBeCloseTo(0, 15); // zero at c0
    expect(get('SSasympOrig').value([0, 94, -3])).toBeCloseTo(0, 15);
    expect(get('vonBertalanffy').value([-0.5, 60, 0.3, -0.5])).toBeCloseTo(0, 15);
    expect(get('SSgompertz').value([0, 5, 2, 0.5])).toBeCloseTo(5 * Math.exp(-2), 14);
    expect(SSweibull.value([0, 10, 8, -1, 2])).toBe(2); // Asym - Drop at x = 0
  });

  it('SSlogis and SSfpl stay finite far in both tails', () => {
    for (const x of [-1e6, -800, 800, 1e6]) {
      for (const fn of [SSlogis, LIBRARY.find((f) => f.name === 'SSfpl')!]) {
        const args = fn.arity === 4 ? [x, 10, 5, 2] : [x, 1, 10, 5, 2];
        const { value, grad } = gradientOf(fn, args);
        expect(Number.isFinite(value)).toBe(true);
        expect(grad.every(Number.isFinite)).toBe(true);
      }
    }
    // the upper tail keeps full relative precision in d/dAsym = 1 - 1/(1 + e^-z) ... via exp(-|z|)
    const { grad } = gradientOf(SSlogis, [-60, 10, 5, 2]);
    expect(grad[1]).toBeCloseTo(Math.exp(-32.5) / (1 + Math.exp(-32.5)), 28);
    expect(grad[1]).toBeGreaterThan(0);
  });

  it('SSfol is continuous through ka = ke, where the textbook formula is 0/0', () => {
    const lk = -1.2;
    const args = [4, 3, lk, lk, -3];
    const ke = Math.exp(lk);
    const limit = 4 * Math.exp(lk + lk + 3) * 3 * Math.exp(-ke * 3);
    expect(Number.isNaN(SPECS.SSfol!.formula(args))).toBe(true);
    expect(SSfol.value(args)).toBeCloseTo(limit, 12);
    for (const eps of [1e-12, 1e-8, 1e-4]) {
      // the curve moves by O(eps) when lKa moves by eps: no jump, no loss of digits
      expect(Math.abs(SSfol.value([4, 3, lk, lk + eps, -3]) / limit - 1)).toBeLessThan(eps);
    }
    // gradient at and around the singular point matches finite differences of the stable value
    for (const lka of [lk, lk + 1e-9, lk + 1e-3, lk - 0.3, lk + 2]) {
      const point = [4, 3, lk, lka, -3];
      const { grad } = gradientOf(SSfol, point);
      for (let j = 0; j < 5; j++) {
        expect(closeTo(grad[j]!, numericDerivative((a) => SSfol.value(a), point, j, 1e-4), 1e-6)).toBe(true);
      }
    }
  });

  it('Richards with nu = 1 is SSlogis, and tends to Gompertz as nu -> 0', () => {
    const { value, grad } = gradientOf(Richards, [3, 10, 5, 2, 1]);
    const logis = gradientOf(SSlogis, [3, 10, 5, 2]);
    expect(value).toBeCloseTo(logis.value, 13);
    for (let j = 0; j < 4; j++) expect(grad[j]).toBeCloseTo(logis.grad[j]!, 13);
    const gompertz = 10 * Math.exp(-Math.exp((5 - 3) / 2));
    expect(Richards.value([3, 10, 5, 2, 1e-6])).toBeCloseTo(gompertz, 4);
    // large z: no overflow for nu > 0
    const far = gradientOf(Richards, [-5000, 10, 5, 2, 0.5]);
    expect(far.value).toBe(0);
    expect(far.grad.every(Number.isFinite)).toBe(true);
  });

  it('SSweibull has a finite gradient at x = 0', () => {
    const { grad } = gradientOf(SSweibull, [0, 10, 8, -1, 2]);
    expect(grad.every(Number.isFinite)).toBe(true);
    expect(grad[4]).toBe(0);
  });

  it('gives NaN rather than throwing outside the domain', () => {
    const { value } = gradientOf(SSweibull, [-1, 10, 8, -1, 0.5]);
    expect(value).toBeNaN();
    expect(Richards.value([3, 10, 5, 2, -1])).toBeNaN(); // 1 + nu e^z < 0
    expect(SSlogis.value([1, 10, 5, NaN])).toBeNaN();
  });
});
