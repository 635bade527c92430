import { describe, expect, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import { getFamily, sampleBinomial, sampleGamma, samplePoisson } from '../../src/families/index.js';
import { seededRandom } from './helpers.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: (s2 - n * mean * mean) / (n - 1) };
}

/**
 * Pearson chi-square statistic of n draws against a pmf over the integers, pooling cells with
 * expected count < 5 into the tails. Returns { stat, df }.
 */
function chiSquare(draw: () => number, n: number, logPmf: (k: number) => number, lo: number, hi: number) {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    expect(Number.isInteger(k)).toBe(true);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const cells: { obs: number; exp: number }[] = [];
  let pooledObs = 0;
  let pooledExp = 0;
  let covered = 0;
  for (let k = lo; k <= hi; k++) {
    const e = n * Math.exp(logPmf(k));
    covered += e;
    pooledObs += counts.get(k) ?? 0;
    pooledExp += e;
    if (pooledExp >= 5) {
      cells.push({ obs: pooledObs, exp: pooledExp });
      pooledObs = 0;
      pooledExp = 0;
    }
  }
  let outside = 0;
  for (const [k, c] of counts) if (k < lo || k > hi) outside += c;
  cells.push({ obs: pooledObs + outside, exp: pooledExp + (n - covered) });
  const stat = cells.reduce((s, c) => s + ((c.obs - c.exp) * (c.obs - c.exp)) / Math.max(c.exp, 1e-9), 0);
  return { stat, df: cells.length - 1 };
}

/** Chi-square critical value well above the 99.9% quantile (df + 5 sqrt(2 df) + 10). */
const generous = (df: number) => df + 5 * Math.sqrt(2 * df) + 10;

describe('random variates', () => {
  it('poisson by inversion (mean 3) and PTRS (mean 40) follow the pmf', () => {
    for (const [mean, seed] of [
      [3, 1],
      [40, 2],
      [9.99, 3],
      [10, 4],
    ]) {
      const rng = seededRandom(seed);
      const { stat, df } = chiSquare(
        () => samplePoisson(mean, rng),
        40_000,
        (k) => k * Math.log(mean) - mean - gammaln(k + 1),
        0,
        Math.ceil(mean + 8 * Math.sqrt(mean) + 10),
      );
      expect(stat).toBeLessThan(generous(df));
    }
  });

  it('binomial by inversion (n p < 10) and the beta split (n p >= 10) follow the pmf', () => {
    for (const [n, p, seed] of [
      [20, 0.3, 5],
      [200, 0.4, 6],
      [1000, 0.93, 7],
    ]) {
      const rng = seededRandom(seed);
      const { stat, df } = chiSquare(
        () => sampleBinomial(n, p, rng),
        30_000,
        (k) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p),
        0,
        n,
      );
      expect(stat).toBeLessThan(generous(df));
    }
  });

  it('gamma has mean shape and variance shape, including shape < 1', () => {
    for (const [shape, seed] of [
      [0.3, 8],
      [2.5, 9],
      [50, 10],
    ]) {
      const rng = seededRandom(seed);
      const n = 60_000;
      const m = moments(() => sampleGamma(shape, rng), n);
      expect(Math.abs(m.mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
      expect(Math.abs(m.variance / shape - 1)).toBeLessThan(0.06);
    }
  });

  it('family.simulate reproduces each family mean and variance', () => {
    const n = 40_000;
    const eta = new Float64Array(n);
    const out = new Float64Array(n);
    const check = (name: string, etaValue: number, aux: number[], extra: Float64Array | null, mean: number, variance: number) => {
      const fam = getFamily(name, { se: name === 'gaussian' && extra !== null });
      eta.fill(etaValue);
      fam.simulate(eta, aux, extra, seededRandom(11), out);
      const m = moments(
        (() => {
          let i = 0;
          return () => out[i++];
        })(),
        n,
      );
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.08);
    };
    check('gaussian', 2, [3], null, 2, 9);
    check('gaussian', 2, [], new Float64Array(n).fill(0.5), 2, 0.25);
    check('student', 1, [2, 6], null, 1, (4 * 6) / 4); // sigma^2 nu / (nu - 2)
    check('lognormal', 0.5, [0.4], null, Math.exp(0.5 + 0.08), (Math.exp(0.16) - 1) * Math.exp(1 + 0.16));
    check('bernoulli', 0.4, [], null, 1 / (1 + Math.exp(-0.4)), (1 / (1 + Math.exp(-0.4))) * (1 - 1 / (1 + Math.exp(-0.4))));
    const p = 1 / (1 + Math.exp(0.7));
    check('binomial', -0.7, [], new Float64Array(n).fill(30), 30 * p, 30 * p * (1 - p));
    check('poisson', Math.log(4.5), [], null, 4.5, 4.5);
    check('negbinomial', Math.log(6), [2.5], null, 6, 6 + 36 / 2.5);
  });

  it('is reproducible for a seed', () => {
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    const eta = Float64Array.from([0, 1, 2, 3, 4]);
    getFamily('poisson').simulate(eta, [], null, seededRandom(42), a);
    getFamily('poisson').simulate(eta, [], null, seededRandom(42), b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
