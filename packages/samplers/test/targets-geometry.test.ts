import { describe, expect, it } from 'vitest';
import { runChains } from '../src/index.js';
import { failures, momentChecks, pooledStat, sum } from './support/moments.js';
import { banana, funnel } from './support/targets.js';

describe('curved targets', () => {
  it('banana (y | x ~ N(x^2, 1.5^2)): both moments of both coordinates within 5 MCSE', async () => {
    const target = banana();
    const result = await runChains(target, { seed: 4, parallel: 1 });
    expect(failures(momentChecks(result, target.mean, target.variance, [0, 1]))).toEqual([]);
  });

  it("Neal's funnel, centred: the sampler reports divergences", async () => {
    const result = await runChains(funnel(9, true), { seed: 42, parallel: 1 });
    expect(sum(pooledStat(result, 'divergent__'))).toBeGreaterThan(0);
    // Divergent draws are flagged, not fatal: every chain still has all its draws.
    for (const c of result.chains) expect(c.stats.divergent__).toHaveLength(1000);
  });

  it("Neal's funnel, non-centred: no divergences and v ~ N(0, 3^2), z ~ N(0, 1)", async () => {
    const target = funnel(9, false);
    const result = await runChains(target, { seed: 42, parallel: 1 });
    expect(sum(pooledStat(result, 'divergent__'))).toBe(0);
    expect(failures(momentChecks(result, target.mean, target.variance, [0, 1, 5, 9]))).toEqual([]);
  });
});
