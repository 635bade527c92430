/**
 * Results of models with dpars formulas, each checked against a computation from the draws by name
 * (not the results layer's own code path): the dpar's value per row, E[y] with a per-row sigma
 * (lognormal's exp(mu + sigma_i^2 / 2)), the residual noise of y_rep, the ICC's residual variance,
 * the variance-based pooling factor and Bayes R2 with per-row sigma.
 */
import { describe, expect, it } from 'vitest';
import { fit, type Fit } from '../../src/index.js';

const N = 60;
const x = Array.from({ length: N }, (_, i) => (i % 20) / 5);
const g = Array.from({ length: N }, (_, i) => `g${Math.floor(i / 10)}`);
// deterministic "noise" whose spread grows with x, and group shifts
const y = x.map((v, i) => 1 + v + 0.4 * (Math.floor(i / 10) - 2.5) + Math.exp(-1 + 0.3 * v) * Math.sin(i * 7.3) * 1.7);
const SETTINGS = { chains: 2, warmup: 300, draws: 200, seed: 3, progressBar: false } as const;

/** Constrained draws of one variable by name (pooled, chain-major). */
function draws(r: Fit, name: string): Float64Array {
  const chains = r.draws(name);
  const out = new Float64Array(chains.reduce((n, c) => n + c.length, 0));
  chains.reduce((at, c) => (out.set(c, at), at + c.length), 0);
  return out;
}

describe('results with dpars', () => {
  let gaussian: Fit;
  it('fits a gaussian model with sigma ~ 1 + x and a random intercept', async () => {
    gaussian = await fit({ formula: 'y ~ 1 + x + (1 | g)', dpars: { sigma: '1 + x' } }, { x, y, g }, SETTINGS);
    expect(gaussian.summary().toString()).toMatch(/b_sigma_x/);
    expect(Number.isFinite(gaussian.loo().elpd_loo)).toBe(true);
  }, 120_000);

  it('posteriorEpred(dpar sigma) is exp(b_sigma_Intercept + b_sigma_x x) per draw; posteriorLinpred(dpar) its log', () => {
    const a = draws(gaussian, 'b_sigma_Intercept');
    const b = draws(gaussian, 'b_sigma_x');
    const sigma = gaussian.posteriorEpred(undefined, { dpar: 'sigma' });
    const logSigma = gaussian.posteriorLinpred(undefined, { dpar: 'sigma' });
    expect(sigma.S).toBe(a.length);
    for (let s = 0; s < sigma.S; s += 37) {
      for (let i = 0; i < N; i += 7) {
        expect(sigma.draws[s * N + i]).toBeCloseTo(Math.exp(a[s] + b[s] * x[i]), 12);
        expect(logSigma.draws[s * N + i]).toBeCloseTo(a[s] + b[s] * x[i], 12);
      }
    }
    expect(gaussian.fitted(undefined, { dpar: 'sigma' }).rows[0].estimate).toBeCloseTo(sigma.draws.filter((_, k) => k % N === 0).reduce((p, q) => p + q, 0) / sigma.S, 12);
    expect(() => gaussian.posteriorEpred(undefined, { dpar: 'nu' })).toThrow(/^options\.dpar: dpar "nu" is not a parameter of this gaussian model; its distributional parameters: sigma$/);
  });

  it('E[y] is the mean as without dpars, and y_rep - E[y] has per-row sd sigma_i (within Monte Carlo error)', () => {
    const intercept = draws(gaussian, 'b_Intercept');
    const slope = draws(gaussian, 'b_x');
    const epred = gaussian.posteriorEpred();
    const sigma = gaussian.posteriorEpred(undefined, { dpar: 'sigma' }).draws;
    const r0 = draws(gaussian, 'r_g[g0,Intercept]');
    for (let s = 0; s < epred.S; s += 41) expect(epred.draws[s * N]).toBeCloseTo(intercept[s] + slope[s] * x[0] + r0[s], 10);
    const yrep = gaussian.posteriorPredict(undefined, { seed: 9 });
    // z = (y_rep - E[y]) / sigma_i is N(0, 1): its variance over S x N values within 5 standard errors of 1
    let sum = 0;
    let sum2 = 0;
    for (let k = 0; k < yrep.draws.length; k++) {
      const z = (yrep.draws[k] - epred.draws[k]) / sigma[k];
      sum += z;
      sum2 += z * z;
    }
    const n = yrep.draws.length;
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sum2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // new data: the sigma formula is evaluated on the new rows
    const nd = gaussian.posteriorEpred({ x: [0, 10], g: ['g0', 'g1'] }, { dpar: 'sigma' });
    const a = draws(gaussian, 'b_sigma_Intercept');
    const b = draws(gaussian, 'b_sigma_x');
    expect(nd.draws[1]).toBeCloseTo(Math.exp(a[0] + 10 * b[0]), 12);
    expect(gaussian.predict({ x: [0, 10], g: ['g0', 'g1'] }).rows[1].estError).toBeGreaterThan(gaussian.fitted({ x: [0, 10], g: ['g0', 'g1'] }).rows[1].estError);
  });

  it('icc uses the mean over rows of sigma_i^2; the pooling factor 1/sum 1/sigma_i^2; Bayes R2 is residual-based', () => {
    const sd = draws(gaussian, 'sd_g__Intercept');
    const a = draws(gaussian, 'b_sigma_Intercept');
    const b = draws(gaussian, 'b_sigma_x');
    const result = gaussian.icc();
    expect(result.residual).toMatch(/mean over observations of sigma_i\^2/);
    for (let s = 0; s < sd.length; s += 29) {
      let v = 0;
      for (let i = 0; i < N; i++) v += Math.exp(2 * (a[s] + b[s] * x[i])) / N;
      expect(result.total.draws[s]).toBeCloseTo((sd[s] * sd[s]) / (sd[s] * sd[s] + v), 12);
    }
    const level = gaussian.shrinkage().g[0];
    let pooling = 0;
    for (let s = 0; s < sd.length; s++) {
      let precision = 0;
      for (let i = 0; i < N; i++) if (g[i] === level.level) precision += Math.exp(-2 * (a[s] + b[s] * x[i]));
      pooling += 1 / precision / (sd[s] * sd[s] + 1 / precision) / sd.length;
    }
    expect(level.poolingFactorVariance).toBeCloseTo(pooling, 12);
    const r2 = gaussian.bayesR2();
    expect(r2.method).toBe('residual');
    expect(r2.mean).toBeGreaterThan(0);
    expect(r2.mean).toBeLessThan(1);
  });

  it('lognormal with sigma ~ 1 + x: E[y] = exp(mu + sigma_i^2 / 2)', async () => {
    const yPositive = y.map((v) => Math.exp(v / 3));
    const r = await fit({ formula: 'y ~ 1 + x', family: 'lognormal', dpars: { sigma: '1 + x' } }, { x, y: yPositive }, { ...SETTINGS, chains: 1 });
    const mu0 = draws(r, 'b_Intercept');
    const mu1 = draws(r, 'b_x');
    const a = draws(r, 'b_sigma_Intercept');
    const b = draws(r, 'b_sigma_x');
    const epred = r.posteriorEpred();
    for (let s = 0; s < epred.S; s += 23) {
      for (let i = 0; i < N; i += 11) {
        const sigma = Math.exp(a[s] + b[s] * x[i]);
        expect(epred.draws[s * N + i] / Math.exp(mu0[s] + mu1[s] * x[i] + (sigma * sigma) / 2)).toBeCloseTo(1, 12);
      }
    }
  }, 120_000);
});
