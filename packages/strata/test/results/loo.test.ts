import { describe, expect, it } from 'vitest';
import { essMean } from '@strata/diagnostics';
import { bayesR2, loo, looCompareFits, relativeEff } from '../../src/index.js';
import { fakeFit, maxAbsDiff, normals, smallFit } from './helpers.js';

/** y = 1 + 0.8 x + a_g + e: 48 rows in 8 groups. */
function simulated() {
  const z = normals(1234);
  const a = Array.from({ length: 8 }, () => z());
  return Array.from({ length: 48 }, (_, i) => {
    const x = z();
    return { y: 1 + 0.8 * x + a[i % 8] + 0.7 * z(), x, g: `g${i % 8}` };
  });
}

const dnormLog = (y: number, m: number, s: number) => -0.5 * ((y - m) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);

describe('fit.loo()', async () => {
  const rows = simulated();
  const full = await smallFit({ formula: 'y ~ 1 + x + (1 | g)' }, rows, 300, 5);
  const plain = await smallFit({ formula: 'y ~ 1 + x' }, rows, 300, 6);
  const S = full.totalDraws;
  const N = rows.length;

  /** The log-likelihood matrix written out from the constrained draws, without the model's code. */
  function handMatrix() {
    const b0 = full.pooled('b_Intercept');
    const b1 = full.pooled('b_x');
    const sigma = full.pooled('sigma');
    const r = Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`g${j}`, full.pooled(`r_g[g${j},Intercept]`)]));
    const ll = new Float64Array(S * N);
    for (let s = 0; s < S; s++) rows.forEach((d, i) => (ll[s * N + i] = dnormLog(d.y, b0[s] + b1[s] * d.x + r[d.g][s], sigma[s])));
    return ll;
  }

  it('equals loo() of the hand-built S x N log-likelihood with relative efficiencies ESS(exp(ll)) / S per chain', () => {
    const ll = handMatrix();
    const I = full.iterations;
    const rEff = Float64Array.from({ length: N }, (_, i) => {
      const chains = [0, 1].map((c) => Float64Array.from({ length: I }, (_, t) => Math.exp(ll[(c * I + t) * N + i])));
      return essMean(chains) / S;
    });
    const expected = loo(ll, S, N, { rEff });
    const got = full.loo();
    expect(got.elpd_loo).toBeCloseTo(expected.elpd_loo, 8);
    expect(got.p_loo).toBeCloseTo(expected.p_loo, 8);
    expect(got.se_elpd_loo).toBeCloseTo(expected.se_elpd_loo, 8);
    expect(maxAbsDiff(got.pointwise.pareto_k, expected.pointwise.pareto_k)).toBeLessThan(1e-8);
    expect(maxAbsDiff(relativeEff(ll, 2, I), rEff)).toBeLessThan(1e-9);
    expect(rEff.every((r) => r > 0.1 && r < 3)).toBe(true);
    // r_eff enters only through the Pareto smoothing of the largest ratios: a small effect on the total
    expect(Math.abs(loo(ll, S, N).elpd_loo - got.elpd_loo)).toBeLessThan(0.5);
    expect(full.loo()).toBe(got); // cached
  });

  it('looCompareFits names the fits and puts the better one (with group effects) first', () => {
    const { rows: table } = looCompareFits({ name: 'varying intercepts', fit: full }, { name: 'pooled', fit: plain });
    expect(table.map((r) => r.model)).toEqual(['varying intercepts', 'pooled']);
    expect(table[1].elpd_diff).toBeCloseTo(plain.loo().elpd_loo - full.loo().elpd_loo, 10);
    expect(table[1].elpd_diff).toBeLessThan(-2 * table[1].se_diff);
    expect(looCompareFits(plain, full).rows.map((r) => r.model)).toEqual(['model2', 'model1']);
  });

  it('bayesR2: var(mu_s) / (var(mu_s) + sigma_s^2) per draw for the gaussian family', () => {
    const r2 = full.bayesR2();
    const sigma = full.pooled('sigma');
    const expected = Float64Array.from({ length: S }, (_, s) => {
      const mu = full.model.linearPredictor(full.unconstrainedDraw(s));
      let m = 0;
      for (const v of mu) m += v / N;
      let ss = 0;
      for (const v of mu) ss += (v - m) ** 2;
      const vf = ss / (N - 1);
      return vf / (vf + sigma[s] ** 2);
    });
    expect(r2.method).toBe('model');
    expect(maxAbsDiff(r2.draws, expected)).toBeLessThan(1e-12);
  });
});

describe('bayesR2 for other families is residual-based on E[y]', () => {
  it('binomial: mu = trials * inverse logit(eta)', () => {
    const z = normals(8);
    const rows = Array.from({ length: 24 }, (_, i) => ({ k: Math.min(5, Math.floor(Math.abs(3 * z()))), n: 5, g: `g${i % 4}` }));
    const fit = fakeFit({ formula: 'k | trials(n) ~ 1 + (1 | g)', family: 'binomial' }, rows, 2, 20);
    const S = fit.totalDraws;
    const mu = new Float64Array(S * 24);
    for (let s = 0; s < S; s++) {
      const eta = fit.model.linearPredictor(fit.unconstrainedDraw(s));
      eta.forEach((e, i) => (mu[s * 24 + i] = 5 / (1 + Math.exp(-e))));
    }
    const expected = bayesR2(mu, S, 24, { y: Float64Array.from(rows, (r) => r.k) });
    const got = fit.bayesR2();
    expect(got.method).toBe('residual');
    expect(maxAbsDiff(got.draws, expected.draws)).toBeLessThan(1e-12);
  });
});
