import { describe, expect, it } from 'vitest';
import { runChains } from '../src/index.js';
import { column, ess } from './support/ess.js';
import { average, failures, momentChecks, pooledStat, sum } from './support/moments.js';
import { correlatedNormal, iidNormal, scaledNormal } from './support/targets.js';

const all = (d: number) => Array.from({ length: d }, (_, j) => j);

describe('Gaussian targets (4 chains x 1000 warmup + 1000 draws, fixed seeds)', () => {
  it('100-d iid normal: moments within 5 MCSE, tree depth as in Stan, never at the maximum', async () => {
    const target = iidNormal(100);
    const result = await runChains(target, { seed: 20240101, parallel: 1 });
    expect(failures(momentChecks(result, target.mean, target.variance, all(100)))).toEqual([]);

    const depth = pooledStat(result, 'treedepth__');
    const leapfrogs = pooledStat(result, 'n_leapfrog__');
    expect(Math.max(...depth)).toBeLessThan(10);
    // Stan: mean tree depth 3.2, mean n_leapfrog 9.1 (step size ~0.45 with an adapted metric).
    expect(average(depth)).toBeGreaterThan(2.9);
    expect(average(depth)).toBeLessThan(3.6);
    expect(average(leapfrogs)).toBeGreaterThan(7);
    expect(average(leapfrogs)).toBeLessThan(12.5);
    expect(sum(pooledStat(result, 'divergent__'))).toBe(0);
    for (const chain of result.chains) {
      expect(chain.stepSize).toBeGreaterThan(0.35);
      expect(chain.stepSize).toBeLessThan(0.6);
      // The adapted inverse metric estimates unit variances from the last (500-draw) window.
      expect(Math.abs(average(chain.inverseMetric) - 1)).toBeLessThan(0.05);
      for (const v of chain.inverseMetric) expect(Math.abs(v - 1)).toBeLessThan(0.5);
    }
    // Mean acceptance near (a little above, as in Stan) the 0.8 target.
    const accept = average(pooledStat(result, 'accept_stat__'));
    expect(accept).toBeGreaterThan(0.75);
    expect(accept).toBeLessThan(0.93);
  });

  it('2-d normal with correlation 0.99: correct either way, and the dense metric is far more efficient', async () => {
    const target = correlatedNormal(0.99);
    const diag = await runChains(target, { seed: 99, parallel: 1, metric: 'diag' });
    const dense = await runChains(target, { seed: 99, parallel: 1, metric: 'dense' });
    for (const result of [diag, dense]) {
      expect(failures(momentChecks(result, target.mean, target.variance, [0, 1]))).toEqual([]);
    }
    const minEss = (r: typeof diag) => Math.min(...[0, 1].map((j) => ess(r.chains.map((c) => column(c.draws, 2, j)))));
    const gradients = (r: typeof diag) => sum(r.chains.map((c) => c.gradientEvaluations.sampling));
    expect(minEss(dense)).toBeGreaterThan(3 * minEss(diag));
    expect(minEss(dense) / gradients(dense)).toBeGreaterThan(10 * (minEss(diag) / gradients(diag)));
    // The adapted dense inverse metric recovers the covariance [[1, .99], [.99, 1]].
    for (const chain of dense.chains) {
      expect(chain.inverseMetric).toHaveLength(4);
      expect(Math.abs(chain.inverseMetric[1] / Math.sqrt(chain.inverseMetric[0] * chain.inverseMetric[3]) - 0.99)).toBeLessThan(0.01);
    }
  });

  it('10-d normal with scales from 1e-3 to 1e3: the diagonal metric adapts to every scale', async () => {
    const target = scaledNormal(10, 1e-3, 1e3);
    const result = await runChains(target, { seed: 7, parallel: 1 });
    expect(failures(momentChecks(result, target.mean, target.variance, all(10)))).toEqual([]);
    // Stan's regularisation is not scale-free: from the last 500-draw window it adds
    // 1e-3 * 5/505 ~ 1e-5, which dominates the 1e-6 variance of the smallest coordinate.
    const n = 500;
    for (const chain of result.chains) {
      for (let j = 0; j < 10; j++) {
        const expected = (n / (n + 5)) * target.variance[j] + 1e-3 * (5 / (n + 5));
        const ratio = chain.inverseMetric[j] / expected;
        expect(ratio).toBeGreaterThan(0.6);
        expect(ratio).toBeLessThan(1.6);
      }
    }
    expect(sum(pooledStat(result, 'divergent__'))).toBe(0);
  });
});
