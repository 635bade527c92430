import { describe, expect, it } from 'vitest';
import { ChainError, runChains, type ModelSource } from '../src/index.js';
import { STOP_GRACE_MS } from '../src/parallel/pool.js';
import { pooledStat, sum } from './support/moments.js';
import { holeyNormalFactory, WORKER_TARGETS_URL } from './support/worker-targets.js';

const source = (exportName: string, payload: unknown): ModelSource => ({ module: WORKER_TARGETS_URL, exportName, payload });

describe('parallel chains on worker threads', () => {
  it('gives bit-identical draws to the sequential runners, divergences (NaN / throwing density) included', async () => {
    // The density is NaN above 1.5 and throws below -1.5 in the first coordinate.
    const payload = { dim: 4, cut: 1.5 };
    const options = { chains: 4, warmup: 200, draws: 200, seed: 31337 };
    const parallel = await runChains(source('holeyNormalFactory', payload), { ...options, parallel: 2 });
    const sequential = await runChains(source('holeyNormalFactory', payload), { ...options, parallel: 1 });
    const inMemory = await runChains(holeyNormalFactory(payload), options);
    for (let k = 0; k < 4; k++) {
      const p = parallel.chains[k];
      expect(p.chain).toBe(k);
      expect(p.draws).toHaveLength(200 * 4);
      expect(p.draws).toEqual(sequential.chains[k].draws);
      expect(p.draws).toEqual(inMemory.chains[k].draws);
      expect(p.stats).toEqual(inMemory.chains[k].stats);
      expect(p.inverseMetric).toEqual(inMemory.chains[k].inverseMetric);
      expect(p.stepSize).toBe(inMemory.chains[k].stepSize);
      expect(p.gradientEvaluations).toEqual(inMemory.chains[k].gradientEvaluations);
      for (let i = 0; i < 200; i++) expect(Math.abs(p.draws[4 * i])).toBeLessThanOrEqual(1.5);
    }
    expect(sum(pooledStat(parallel, 'divergent__'))).toBeGreaterThan(0);
    expect(parallel.chains[0].draws).not.toEqual(parallel.chains[1].draws);
  });

  it('with a local model, this thread runs chains as one lane (parallel - 1 workers), with identical draws', async () => {
    const payload = { dim: 3, cut: 1.5 };
    const options = { chains: 4, warmup: 150, draws: 150, seed: 7 };
    const model = holeyNormalFactory(payload);
    let localCalls = 0;
    const local = { dimension: model.dimension, logDensityGradient: (q: Float64Array, g: Float64Array) => (localCalls++, model.logDensityGradient(q, g)) };
    const mixed = await runChains({ ...source('holeyNormalFactory', payload), local }, { ...options, parallel: 2 });
    const workersOnly = await runChains(source('holeyNormalFactory', payload), { ...options, parallel: 2 });
    // this thread ran at least one chain, with no second worker to wait for
    expect(localCalls).toBeGreaterThan(0);
    for (let k = 0; k < 4; k++) {
      expect(mixed.chains[k].chain).toBe(k);
      expect(mixed.chains[k].draws).toEqual(workersOnly.chains[k].draws);
      expect(mixed.chains[k].stats).toEqual(workersOnly.chains[k].stats);
    }
    // parallel 1 with a local model runs everything here, loading nothing
    localCalls = 0;
    const sequential = await runChains({ ...source('holeyNormalFactory', payload), local }, { ...options, parallel: 1 });
    expect(localCalls).toBe(sequential.chains.reduce((n, c) => n + c.gradientEvaluations.warmup + c.gradientEvaluations.sampling, 0));
    expect(sequential.chains[3].draws).toEqual(workersOnly.chains[3].draws);
    // a local model that is not a LogDensity is refused up front, by name
    await expect(runChains({ ...source('holeyNormalFactory', payload), local: { dimension: 3 } as never }, { ...options, parallel: 2 })).rejects.toThrow(
      /ModelSource\.local must be a LogDensity/,
    );
  });

  it('a throwing model factory rejects the run, naming the chain and the cause', async () => {
    const error = await runChains(source('throwingFactory', { message: 'no such column: Days' }), {
      chains: 2,
      parallel: 2,
      seed: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainError);
    expect([0, 1]).toContain((error as ChainError).chain);
    expect((error as Error).message).toMatch(/^chain [01] failed: model factory 'throwingFactory' threw: no such column: Days$/);
  });

  it('a worker that dies mid-run rejects the run instead of hanging', async () => {
    await expect(
      runChains(source('crashingFactory', { dim: 3, after: 400 }), { chains: 3, parallel: 2, seed: 1 }),
    ).rejects.toThrow(/chain [012] failed: worker exited unexpectedly with code 7/);
  });

  it('an abort returns each chain’s draws so far, marked incomplete', async () => {
    const controller = new AbortController();
    const reached = [0, 0];
    const result = await runChains(source('slowNormalFactory', { dim: 4, spin: 1000 }), {
      chains: 2,
      warmup: 200,
      draws: 50_000, // far more than can finish before the abort reaches the workers
      parallel: 2,
      seed: 5,
      signal: controller.signal,
      // Abort once both chains are 800 draws into sampling.
      onProgress: (chain, iteration) => {
        reached[chain] = iteration;
        if (Math.min(...reached) >= 1000) controller.abort();
      },
    });
    expect(result.incomplete).toBe(true);
    for (const c of result.chains) {
      expect(c.incomplete).toBe(true);
      const kept = c.stats.lp__.length;
      expect(kept).toBeGreaterThanOrEqual(800);
      expect(kept).toBeLessThan(50_000);
      expect(c.draws).toHaveLength(kept * 4);
      for (const stat of Object.values(c.stats)) expect(stat).toHaveLength(kept);
    }
  });

  it('an abort ends a worker stuck inside the density after the grace period, and the run settles', async () => {
    const controller = new AbortController();
    // Each worker's model gets stuck after 300 gradients (a few dozen iterations): abort once a chain
    // has reported progress, i.e. once the workers are up and about to be stuck.
    let abortedAt = 0;
    const result = await runChains(source('stuckNormalFactory', { dim: 2, after: 300 }), {
      chains: 3,
      warmup: 1000,
      draws: 1000,
      parallel: 2,
      seed: 3,
      signal: controller.signal,
      onProgress: () => {
        if (abortedAt === 0) setTimeout(() => controller.abort(), 200);
        abortedAt ||= Date.now() + 200;
      },
    });
    const seconds = (Date.now() - abortedAt) / 1000;
    // The stuck chain held the run until its worker was ended, then it settled promptly.
    expect(seconds).toBeGreaterThanOrEqual(STOP_GRACE_MS / 1000 - 0.05);
    expect(seconds).toBeLessThan(STOP_GRACE_MS / 1000 + 1);
    expect(result.incomplete).toBe(true);
    expect(result.chains).toHaveLength(3);
    result.chains.forEach((c, k) => {
      expect(c.chain).toBe(k);
      expect(c.incomplete).toBe(true);
      expect(c.draws).toHaveLength(c.stats.lp__.length * 2);
    });
  });
});

describe('model sources in-process', () => {
  it('a missing export or module is reported with the chain', async () => {
    await expect(runChains(source('nope', {}), { chains: 1, parallel: 1, seed: 1 })).rejects.toThrow(
      /chain 0 failed: model module .* has no function export 'nope'/,
    );
    await expect(
      runChains({ module: 'file:///nonexistent/model.ts', exportName: 'x', payload: null }, { chains: 1, parallel: 1, seed: 1 }),
    ).rejects.toThrow(/chain 0 failed: could not import model module file:\/\/\/nonexistent\/model.ts/);
    await expect(runChains({ module: './model.ts', exportName: 'x', payload: null }, { chains: 1 })).rejects.toThrow(/absolute file: URL/);
  });
});
