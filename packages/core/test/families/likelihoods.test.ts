import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import gammaln from '@stdlib/math-base-special-gammaln';
import { getFamily } from '../../src/families/index.js';
import type { Family } from '../../src/families/index.js';
import { centralDiff, closeTo } from './helpers.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** Independent per-observation log densities, written straight from the textbook formulas. */
const naive = {
  gaussian: (y: number, eta: number, [sigma]: number[]) =>
    -0.5 * LOG_2PI - Math.log(sigma) - ((y - eta) * (y - eta)) / (2 * sigma * sigma),
  student: (y: number, eta: number, [sigma, nu]: number[]) =>
    gammaln((nu + 1) / 2) -
    gammaln(nu / 2) -
    0.5 * Math.log(nu * Math.PI) -
    Math.log(sigma) -
    ((nu + 1) / 2) * Math.log(1 + ((y - eta) / sigma) ** 2 / nu),
  lognormal: (y: number, eta: number, [sigma]: number[]) =>
    -0.5 * LOG_2PI - Math.log(sigma) - Math.log(y) - (Math.log(y) - eta) ** 2 / (2 * sigma * sigma),
  // y log p + (1 - y) log(1 - p) with p = inv_logit(eta) is y eta - log(1 + e^eta)
  bernoulli: (y: number, eta: number) => y * eta - Math.log(1 + Math.exp(eta)),
  binomial: (y: number, eta: number, _aux: number[], n: number) =>
    gammaln(n + 1) - gammaln(y + 1) - gammaln(n - y + 1) + y * eta - n * Math.log(1 + Math.exp(eta)),
  poisson: (y: number, eta: number) => y * eta - Math.exp(eta) - gammaln(y + 1),
  negbinomial: (y: number, eta: number, [phi]: number[]) => {
    const mu = Math.exp(eta);
    return (
      gammaln(y + phi) -
      gammaln(y + 1) -
      gammaln(phi) +
      phi * Math.log(phi / (mu + phi)) +
      y * Math.log(mu / (mu + phi))
    );
  },
};

interface Case {
  y: number[];
  eta: number[];
  aux: number[];
  trials?: number[];
}

function bindCase(family: Family, c: Case) {
  return family.bind({
    y: Float64Array.from(c.y),
    trials: c.trials ? Float64Array.from(c.trials) : undefined,
  });
}

function evaluate(family: Family, c: Case) {
  const lik = bindCase(family, c);
  const eta = Float64Array.from(c.eta);
  const aux = Float64Array.from(c.aux);
  const dEta = new Float64Array(eta.length);
  const dAux = new Float64Array(aux.length);
  const lp = lik.logLik(eta, aux, dEta, dAux);
  const point = new Float64Array(eta.length);
  lik.pointwise(eta, aux, point);
  return { lik, lp, dEta, dAux, point, eta, aux };
}

/** fast-check generators of data + parameters per family, in ranges where the naive formulas are accurate. */
const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const sized = <T>(gen: (n: number) => fc.Arbitrary<T>) => fc.integer({ min: 1, max: 8 }).chain(gen);

const cases: Record<keyof typeof naive, fc.Arbitrary<Case>> = {
  gaussian: sized((n) =>
    fc.record({ y: fc.array(d(-50, 50), { minLength: n, maxLength: n }), eta: fc.array(d(-50, 50), { minLength: n, maxLength: n }), aux: fc.tuple(d(0.1, 20)) }),
  ),
  student: sized((n) =>
    fc.record({
      y: fc.array(d(-50, 50), { minLength: n, maxLength: n }),
      eta: fc.array(d(-50, 50), { minLength: n, maxLength: n }),
      aux: fc.tuple(d(0.1, 20), d(1, 60)),
    }),
  ),
  lognormal: sized((n) =>
    fc.record({ y: fc.array(d(0.01, 100), { minLength: n, maxLength: n }), eta: fc.array(d(-5, 5), { minLength: n, maxLength: n }), aux: fc.tuple(d(0.1, 5)) }),
  ),
  bernoulli: sized((n) =>
    fc.record({ y: fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n }), eta: fc.array(d(-25, 25), { minLength: n, maxLength: n }), aux: fc.constant([]) }),
  ),
  binomial: sized((n) =>
    fc
      .array(fc.integer({ min: 1, max: 60 }), { minLength: n, maxLength: n })
      .chain((trials) =>
        fc.record({
          trials: fc.constant(trials),
          y: fc.tuple(...trials.map((t) => fc.integer({ min: 0, max: t }))),
          eta: fc.array(d(-15, 15), { minLength: n, maxLength: n }),
          aux: fc.constant([]),
        }),
      ),
  ),
  poisson: sized((n) =>
    fc.record({
      y: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: n, maxLength: n }),
      eta: fc.array(d(-4, 5), { minLength: n, maxLength: n }),
      aux: fc.constant([]),
    }),
  ),
  negbinomial: sized((n) =>
    fc.record({
      // mixes small counts (summed path) and large ones (lgamma jump path)
      y: fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 50, max: 400 })), { minLength: n, maxLength: n }),
      eta: fc.array(d(-3, 6), { minLength: n, maxLength: n }),
      aux: fc.tuple(d(0.05, 500)),
    }),
  ),
};

describe.each(Object.keys(naive) as (keyof typeof naive)[])('%s likelihood', (name) => {
  const family = getFamily(name);
  const density = naive[name];

  it('logLik equals the sum of the textbook densities, and pointwise matches them', () => {
    fc.assert(
      fc.property(cases[name], (c) => {
        const { lp, point } = evaluate(family, c);
        let expected = 0;
        c.y.forEach((y, i) => {
          const v = density(y, c.eta[i], c.aux, c.trials?.[i] ?? 0);
          expected += v;
          expect(closeTo(point[i], v, 1e-9, 1e-9)).toBe(true);
        });
        expect(closeTo(lp, expected, 1e-9, 1e-9)).toBe(true);
      }),
    );
  });

  it('pointwise sums to logLik', () => {
    fc.assert(
      fc.property(cases[name], (c) => {
        const { lp, point } = evaluate(family, c);
        const sum = point.reduce((a, b) => a + b, 0);
        expect(closeTo(sum, lp, 1e-12, 1e-10)).toBe(true);
      }),
    );
  });

  it('dEta and dAux agree with central finite differences', () => {
    fc.assert(
      fc.property(cases[name], (c) => {
        const { lik, dEta, dAux, eta, aux } = evaluate(family, c);
        const out = new Float64Array(eta.length);
        for (let i = 0; i < eta.length; i++) {
          const f = (x: number) => {
            const e = Float64Array.from(eta);
            e[i] = x;
            lik.pointwise(e, aux, out);
            return out[i];
          };
          const fd = centralDiff(f, eta[i]);
          expect(closeTo(dEta[i], fd, 1e-5, 1e-6)).toBe(true);
        }
        const scratchEta = new Float64Array(eta.length);
        const scratchAux = new Float64Array(aux.length);
        for (let k = 0; k < aux.length; k++) {
          const f = (x: number) => {
            const a = Float64Array.from(aux);
            a[k] = x;
            return lik.logLik(eta, a, scratchEta, scratchAux);
          };
          const fd = centralDiff(f, aux[k], 1e-6 * aux[k]);
          expect(closeTo(dAux[k], fd, 1e-5, 1e-5)).toBe(true);
        }
      }),
    );
  });

  it('has one aux gradient per aux parameter and a matching link', () => {
    const expectedAux: Record<string, string[]> = {
      gaussian: ['sigma'],
      student: ['sigma', 'nu'],
      lognormal: ['sigma'],
      bernoulli: [],
      binomial: [],
      poisson: [],
      negbinomial: ['shape'],
    };
    expect(family.aux.map((a) => a.name)).toEqual(expectedAux[name]);
    const expectedLink = { gaussian: 'identity', student: 'identity', lognormal: 'identity', bernoulli: 'logit', binomial: 'logit', poisson: 'log', negbinomial: 'log' };
    expect(family.link).toBe(expectedLink[name]);
  });
});

describe('known values (R)', () => {
  const one = (family: Family, y: number, eta: number, aux: number[], trials?: number) =>
    evaluate(family, { y: [y], eta: [eta], aux, trials: trials === undefined ? undefined : [trials] }).lp;

  it('gaussian: dnorm(1, 0, 1, log = TRUE)', () => {
    expect(one(getFamily('gaussian'), 1, 0, [1])).toBeCloseTo(-1.418938533204672741780, 14);
  });
  it('student: dt(0, df = 1, log = TRUE) = -log(pi); dt(2, 3, log = TRUE)', () => {
    expect(one(getFamily('student'), 0, 0, [1, 1])).toBeCloseTo(-Math.log(Math.PI), 14);
    // dt(2, 3) = Gamma(2) / (Gamma(3/2) sqrt(3 pi)) (1 + 4/3)^-2 = 6 sqrt(3) / (49 pi) = 0.06750966
    expect(one(getFamily('student'), 2, 0, [1, 3])).toBeCloseTo(Math.log((6 * Math.sqrt(3)) / (49 * Math.PI)), 14);
  });
  it('lognormal: dlnorm(1, 0, 1, log = TRUE) equals dnorm(0) and dlnorm(e, 0, 1) = dnorm(1) - 1', () => {
    expect(one(getFamily('lognormal'), 1, 0, [1])).toBeCloseTo(-0.918938533204672741780, 14);
    expect(one(getFamily('lognormal'), Math.E, 0, [1])).toBeCloseTo(-1.418938533204672741780 - 1, 14);
  });
  it('poisson: dpois(3, 2, log = TRUE)', () => {
    expect(one(getFamily('poisson'), 3, Math.log(2), [])).toBeCloseTo(Math.log(4 / 3) - 2, 14); // 2^3 e^-2 / 3!
  });
  it('binomial: dbinom(3, 10, 0.3, log = TRUE)', () => {
    const eta = Math.log(0.3 / 0.7);
    expect(one(getFamily('binomial'), 3, eta, [], 10)).toBeCloseTo(Math.log(120 * 0.3 ** 3 * 0.7 ** 7), 13); // log(0.2668279)
  });
  it('bernoulli: dbinom(1, 1, 0.25, log = TRUE) = log(0.25)', () => {
    expect(one(getFamily('bernoulli'), 1, Math.log(1 / 3), [])).toBeCloseTo(Math.log(0.25), 14);
  });
  it('negbinomial: dnbinom(4, size = 2, mu = 3, log = TRUE)', () => {
    // choose(5, 4) (2/5)^2 (3/5)^4 = 5 * 0.16 * 0.1296 = 0.10368
    expect(one(getFamily('negbinomial'), 4, Math.log(3), [2])).toBeCloseTo(Math.log(0.10368), 13);
  });
});

describe('numerical stability', () => {
  it('bernoulli and binomial stay finite and exact in the far tails of eta', () => {
    const b = evaluate(getFamily('bernoulli'), { y: [1, 0, 1, 0], eta: [800, -800, -800, 800], aux: [] });
    expect(b.point[0]).toBe(-0); // log(1) to double precision
    expect(b.point[1]).toBe(-0);
    expect(b.point[2]).toBeCloseTo(-800, 10);
    expect(b.point[3]).toBeCloseTo(-800, 10);
    expect(Array.from(b.dEta, (v) => v + 0)).toEqual([0, 0, 1, -1]);
    const bin = evaluate(getFamily('binomial'), { y: [20, 0], eta: [40, -40], aux: [], trials: [20, 20] });
    expect(bin.point[0]).toBeCloseTo(-20 * Math.exp(-40), 25);
    expect(bin.point[0]).toBeLessThan(0);
  });
  it('negbinomial approaches the poisson as shape grows', () => {
    const y = [0, 3, 7, 12];
    const eta = [0.5, 1, 2, 2.5];
    const nb = evaluate(getFamily('negbinomial'), { y, eta, aux: [1e10] });
    const po = evaluate(getFamily('poisson'), { y, eta, aux: [] });
    expect(nb.lp).toBeCloseTo(po.lp, 6);
    nb.dEta.forEach((g, i) => expect(g).toBeCloseTo(po.dEta[i], 6));
    expect(Math.abs(nb.dAux[0])).toBeLessThan(1e-12);
  });
  it('student approaches the gaussian as nu grows', () => {
    const s = evaluate(getFamily('student'), { y: [1, -2], eta: [0, 0.5], aux: [2, 1e8] });
    const g = evaluate(getFamily('gaussian'), { y: [1, -2], eta: [0, 0.5], aux: [2] });
    expect(s.lp).toBeCloseTo(g.lp, 6);
  });
  it('returns -Infinity (never NaN) for aux outside its domain or non-finite eta', () => {
    const dEta = new Float64Array(2);
    const dAux = new Float64Array(2);
    for (const [name, aux] of [
      ['gaussian', [-1]],
      ['student', [1, 0]],
      ['lognormal', [0]],
      ['negbinomial', [-2]],
    ] as const) {
      const lik = getFamily(name).bind({ y: Float64Array.from([1, 2]) });
      expect(lik.logLik(Float64Array.from([0, 0]), Float64Array.from(aux), dEta, dAux)).toBe(-Infinity);
      expect(Array.from(dEta)).toEqual([0, 0]);
    }
    const lik = getFamily('poisson').bind({ y: Float64Array.from([0, 2]) });
    expect(lik.logLik(Float64Array.from([Number.NaN, 0]), new Float64Array(0), dEta, dAux)).toBe(-Infinity);
  });
});

describe('gaussian with known se', () => {
  const family = getFamily('gaussian', { se: true });
  it('has no aux and uses se as the sd (eight schools style)', () => {
    expect(family.aux).toEqual([]);
    const y = Float64Array.from([28, 8, -3]);
    const se = Float64Array.from([15, 10, 16]);
    const lik = family.bind({ y, se });
    const eta = Float64Array.from([4, 4, 4]);
    const dEta = new Float64Array(3);
    const lp = lik.logLik(eta, new Float64Array(0), dEta, new Float64Array(0));
    const expected = [0, 1, 2].reduce((s, i) => s + naive.gaussian(y[i], 4, [se[i]]), 0);
    expect(lp).toBeCloseTo(expected, 12);
    [0, 1, 2].forEach((i) => expect(dEta[i]).toBeCloseTo((y[i] - 4) / (se[i] * se[i]), 14));
  });
  it('rejects non-positive se naming the se column and row', () => {
    expect(() => family.bind({ y: Float64Array.from([1, 2]), se: Float64Array.from([1, 0]), seColumn: 'sigma' })).toThrow(
      /column "sigma", row 2/,
    );
  });
});
