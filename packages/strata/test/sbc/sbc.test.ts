/**
 * A small simulation-based calibration run inside `pnpm test`, so that a broken sampler or a wrong
 * log density fails CI: 30 replications of the random-intercept model with short chains, a chi-square
 * test of uniform ranks per parameter (p > 0.001), and the same test rejecting a deliberately wrong
 * posterior (the draws shifted by one prior sd) so that the check is known to be able to fail.
 * The full run (200 replications, three models) is `pnpm sbc`.
 */
import { describe, expect, it } from 'vitest';
import {
  binomialInterval,
  chiSquareSurvival,
  drawLkjCholesky,
  drawPrior,
  idBlockGrowthModel,
  logGamma,
  randomInterceptModel,
  rankUniformityTest,
  runSbc,
  sbcRandom,
  sbcRank,
  sigmaDparModel,
  thinDraws,
  upperIncompleteGamma,
} from '../../src/sbc/index.js';

describe('SBC machinery', () => {
  it('chi-square survival matches tabulated quantiles', () => {
    // qchisq(0.95, 19) = 30.14353, qchisq(0.99, 19) = 36.19087, qchisq(0.999, 4) = 18.46683
    expect(chiSquareSurvival(30.14353, 19)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(36.19087, 19)).toBeCloseTo(0.01, 6);
    expect(chiSquareSurvival(18.46683, 4)).toBeCloseTo(0.001, 7);
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(Math.exp(-1.5), 14);
    expect(upperIncompleteGamma(1, 0)).toBe(1);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(20)).toBeCloseTo(Math.log(121645100408832000), 12);
  });

  it('ranks, thinning and the uniformity test', () => {
    expect(sbcRank(0.5, [0.1, 0.2, 0.7, 0.9])).toBe(2);
    expect(sbcRank(-1, [0, 1])).toBe(0);
    expect(sbcRank(2, [0, 1])).toBe(2);
    const thinned = thinDraws([Float64Array.from({ length: 100 }, (_, i) => i), Float64Array.from({ length: 100 }, (_, i) => 1000 + i)], 10);
    expect(Array.from(thinned)).toEqual([10, 30, 50, 70, 90, 1010, 1030, 1050, 1070, 1090]);
    const flat = rankUniformityTest(Array.from({ length: 200 }, (_, i) => i % 100), 99, 20);
    expect(flat.counts.every((c) => c === 10)).toBe(true);
    expect(flat.pValue).toBe(1);
    const piled = rankUniformityTest(Array.from({ length: 200 }, () => 0), 99, 20);
    expect(piled.pValue).toBeLessThan(1e-100);
    expect(() => rankUniformityTest([0], 100, 20)).toThrow(/multiple/);
    // qbinom(c(0.005, 0.995), 200, 0.05) = 3, 19
    expect(binomialInterval(200, 1 / 20, 0.99)).toEqual({ lower: 3, upper: 19 });
  });

  it('prior draws follow the priors (half-normal, LKJ(2) for K = 2)', () => {
    const rng = sbcRandom(7, 0);
    const n = 20000;
    let s = 0;
    let neg = 0;
    for (let i = 0; i < n; i++) {
      const x = drawPrior('normal(0, 1)', rng, { lower: 0 });
      if (x < 0) neg++;
      s += x;
    }
    expect(neg).toBe(0);
    expect(s / n).toBeCloseTo(Math.sqrt(2 / Math.PI), 1.5); // half-normal mean 0.798
    // LKJ(2), K = 2: the correlation is 2 Beta(2, 2) - 1, variance 1 / 5
    let v = 0;
    for (let i = 0; i < n; i++) {
      const L = drawLkjCholesky(2, 2, rng);
      expect(Math.abs(L[2] * L[2] + L[3] * L[3] - 1)).toBeLessThan(1e-12);
      v += L[2] * L[2];
    }
    expect(v / n).toBeCloseTo(0.2, 1.5);
  });
});

describe('SBC of the random-intercept model (30 replications, short chains)', () => {
  it('gives uniform ranks, and rejects a posterior shifted by one prior sd', async () => {
    const model = randomInterceptModel();
    const result = await runSbc(model, {
      replications: 30,
      seed: 2026,
      L: 99,
      chains: 2,
      warmup: 150,
      draws: 100,
      maxDoublings: 1,
      parallel: 1,
      shift: model.priorScale,
    });
    const report = model.parameters.map((p) => ({
      parameter: p,
      p: rankUniformityTest(result.ranks[p], 99, 5).pValue,
      shifted: rankUniformityTest(result.shiftedRanks![p], 99, 5).pValue,
    }));
    for (const r of report) {
      expect(r.p, `${r.parameter}: ranks not uniform (p = ${r.p})`).toBeGreaterThan(0.001);
      expect(r.shifted, `${r.parameter}: the shifted posterior passed (p = ${r.shifted})`).toBeLessThan(0.001);
    }
  }, 60_000);
});

// Issue 12's models in miniature: the ID block across two nonlinear parameters, and sigma ~ 1 + x + (1 | g).
// Same short chains and checks as above (sigma_dpar with 20 replications: its fits are the slower ones, ~1 s each);
// the full run (200 replications) is `pnpm sbc --models id_block_growth,sigma_dpar`.
describe.each([
  ['id_block_growth', idBlockGrowthModel, 30],
  ['sigma_dpar', sigmaDparModel, 20],
] as const)('SBC of %s (%i replications, short chains)', (_name, make, replications) => {
  it('gives uniform ranks, and rejects a posterior shifted by one prior sd', async () => {
    const model = make();
    const result = await runSbc(model, { replications, seed: 2026, L: 99, chains: 2, warmup: 150, draws: 100, maxDoublings: 1, parallel: 1, shift: model.priorScale });
    for (const p of model.parameters) {
      const pValue = rankUniformityTest(result.ranks[p], 99, 5).pValue;
      const shifted = rankUniformityTest(result.shiftedRanks![p], 99, 5).pValue;
      expect(pValue, `${p}: ranks not uniform (p = ${pValue})`).toBeGreaterThan(0.001);
      expect(shifted, `${p}: the shifted posterior passed (p = ${shifted})`).toBeLessThan(0.001);
    }
  }, 60_000);
});
