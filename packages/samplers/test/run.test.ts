import { describe, expect, it } from 'vitest';
import { ChainError, runChains, type LogDensity, type Phase, type RunOptions } from '../src/index.js';
import { failures, momentChecks, pooledStat, sum } from './support/moments.js';
import { iidNormal } from './support/targets.js';

const small: RunOptions = { chains: 2, warmup: 150, draws: 100, parallel: 1, seed: 1 };

describe('runChains options', () => {
  it.each<[RunOptions, RegExp]>([
    [{ draws: -1 }, /draws must be in \[0/],
    [{ chains: 1.5 }, /chains must be an integer, got 1.5/],
    [{ chains: 0 }, /chains must be in \[1/],
    [{ warmup: Number.NaN }, /warmup must be an integer/],
    [{ thin: 0 }, /thin must be in \[1/],
    [{ seed: -3 }, /seed must be in \[0, 4294967295\]/],
    [{ seed: 2 ** 32 }, /seed must be in/],
    [{ maxTreeDepth: 0 }, /maxTreeDepth/],
    [{ adaptDelta: 1 }, /adaptDelta must be in \(0, 1\)/],
    [{ metric: 'full' as 'dense' }, /metric must be 'diag' or 'dense'/],
    [{ stepSize: 0 }, /stepSize must be a finite number > 0/],
    [{ initRadius: -1 }, /initRadius/],
    [{ algorithm: 'hmc' }, /needs numSteps/],
    [{ algorithm: 'nuts', numSteps: 3 }, /numSteps applies to algorithm 'hmc' only/],
    [{ algorithm: 'mala' as 'hmc' }, /algorithm must be 'nuts' or 'hmc'/],
    [{ parallel: 2 }, /needs a ModelSource/],
    [{ chains: 2, inits: [new Float64Array(3)] }, /inits has 1 entries but there are 2 chains/],
    [{ inits: new Float64Array([0, Number.NaN, 0]) }, /inits\[1\] is NaN/],
    [{ iter: 2000 } as RunOptions, /unknown option 'iter'/],
  ])('rejects %o', async (options, message) => {
    await expect(runChains(iidNormal(3), { ...small, ...options })).rejects.toThrow(message);
  });

  it('rejects a target that is neither a LogDensity nor a ModelSource', async () => {
    await expect(runChains({ dimension: 2 } as unknown as LogDensity)).rejects.toThrow(/target must be a LogDensity/);
  });

  it('an init of the wrong length fails naming the chain', async () => {
    const error = await runChains(iidNormal(3), { ...small, inits: new Float64Array(2) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainError);
    expect((error as ChainError).chain).toBe(0);
    expect((error as Error).message).toMatch(/chain 0 failed: init has length 2 but the model's dimension is 3/);
  });
});

describe('runChains results', () => {
  it('shapes: draws iterations x d, one stat entry per kept draw, counts and timings', async () => {
    const d = 3;
    const result = await runChains(iidNormal(d), { ...small, chains: 3 });
    expect(result.seed).toBe(1);
    expect(result.incomplete).toBe(false);
    expect(result.chains.map((c) => c.chain)).toEqual([0, 1, 2]);
    for (const c of result.chains) {
      expect(c.dimension).toBe(d);
      expect(c.draws).toBeInstanceOf(Float64Array);
      expect(c.draws).toHaveLength(100 * d);
      for (const stat of Object.values(c.stats)) expect(stat).toHaveLength(100);
      expect(c.stats.treedepth__).toBeInstanceOf(Int32Array);
      expect(c.stats.divergent__).toBeInstanceOf(Uint8Array);
      expect(c.warmupDraws).toHaveLength(0);
      expect(c.inverseMetric).toHaveLength(d);
      expect(c.metric).toBe('diag');
      expect(c.incomplete).toBe(false);
      // Every sampling gradient is a leapfrog step; warmup adds init and heuristic evaluations.
      expect(c.gradientEvaluations.sampling).toBe(sum(c.stats.n_leapfrog__));
      expect(c.gradientEvaluations.warmup).toBeGreaterThan(150);
      expect(c.seconds.warmup).toBeGreaterThan(0);
      expect(c.seconds.sampling).toBeGreaterThan(0);
      // Sampling runs at one fixed step size.
      expect(new Set(c.stats.stepsize__)).toEqual(new Set([c.stepSize]));
      // energy = -lp + kinetic >= -lp
      c.stats.energy__.forEach((e, i) => expect(e).toBeGreaterThanOrEqual(-c.stats.lp__[i]));
      // lp__ is the log density of the draw.
      const row = c.draws.subarray(0, d);
      expect(c.stats.lp__[0]).toBeCloseTo(-0.5 * row.reduce((s, x) => s + x * x, 0), 12);
    }
  });

  it('is bit-identical for the same seed and differs for another seed or chain', async () => {
    const a = await runChains(iidNormal(4), small);
    const b = await runChains(iidNormal(4), small);
    const c = await runChains(iidNormal(4), { ...small, seed: 2 });
    for (let k = 0; k < 2; k++) {
      expect(b.chains[k].draws).toEqual(a.chains[k].draws);
      expect(b.chains[k].stats).toEqual(a.chains[k].stats);
      expect(b.chains[k].inverseMetric).toEqual(a.chains[k].inverseMetric);
      expect(c.chains[k].draws).not.toEqual(a.chains[k].draws);
    }
    expect(a.chains[1].draws).not.toEqual(a.chains[0].draws);
  });

  it('uses logDensityGradientInto when the target has it, with the same draws as logDensityGradient', async () => {
    const base = iidNormal(5);
    let intoCalls = 0;
    let plainCalls = 0;
    const withInto: LogDensity = {
      dimension: base.dimension,
      logDensityGradient: (q, g) => (plainCalls++, base.logDensityGradient(q, g)),
      logDensityGradientInto: (q, g, out) => {
        intoCalls++;
        out[0] = base.logDensityGradient(q, g);
      },
    };
    const a = await runChains(withInto, small);
    const b = await runChains(base, small);
    const evaluations = a.chains.reduce((n, c) => n + c.gradientEvaluations.warmup + c.gradientEvaluations.sampling, 0);
    expect(intoCalls).toBe(evaluations);
    expect(plainCalls).toBe(0);
    for (let k = 0; k < 2; k++) {
      expect(a.chains[k].draws).toEqual(b.chains[k].draws);
      expect(a.chains[k].stats).toEqual(b.chains[k].stats);
    }
  });

  it('thinning keeps every thin-th iteration of the same chain, warmup too when saved', async () => {
    const full = await runChains(iidNormal(2), { ...small, saveWarmup: true });
    const thinned = await runChains(iidNormal(2), { ...small, saveWarmup: true, thin: 3 });
    for (let k = 0; k < 2; k++) {
      const [f, t] = [full.chains[k], thinned.chains[k]];
      expect(f.warmupDraws).toHaveLength(150 * 2);
      expect(f.warmupStats.lp__).toHaveLength(150);
      expect(t.draws).toHaveLength(Math.ceil(100 / 3) * 2);
      expect(t.warmupDraws).toHaveLength(50 * 2);
      for (let i = 0; i < 34; i++) {
        expect(Array.from(t.draws.subarray(2 * i, 2 * i + 2))).toEqual(Array.from(f.draws.subarray(6 * i, 6 * i + 2)));
        expect(t.stats.accept_stat__[i]).toBe(f.stats.accept_stat__[3 * i]);
      }
      // Warmup draws carry the step size they were drawn with: it moves during warmup.
      expect(new Set(f.warmupStats.stepsize__).size).toBeGreaterThan(10);
    }
  });

  it('uses per-chain and shared inits; warmup 0 keeps the given step size and a unit metric', async () => {
    // One static-HMC step of size 1e-9: each draw is (almost exactly) where its chain started.
    const base: RunOptions = { chains: 2, warmup: 0, draws: 1, parallel: 1, seed: 3, algorithm: 'hmc', numSteps: 1, stepSize: 1e-9 };
    const perChain = await runChains(iidNormal(2), { ...base, inits: [new Float64Array([1, 2]), new Float64Array([-3, 4])] });
    expect(Array.from(perChain.chains[0].draws).map((x) => +x.toFixed(6))).toEqual([1, 2]);
    expect(Array.from(perChain.chains[1].draws).map((x) => +x.toFixed(6))).toEqual([-3, 4]);
    const shared = await runChains(iidNormal(2), { ...base, inits: new Float64Array([0.5, -0.5]) });
    for (const c of shared.chains) {
      expect(Array.from(c.draws).map((x) => +x.toFixed(6))).toEqual([0.5, -0.5]);
      expect(c.stepSize).toBe(1e-9);
      expect(Array.from(c.inverseMetric)).toEqual([1, 1]);
      expect(c.gradientEvaluations.warmup).toBe(1); // the init only
    }
  });

  it('static HMC through runChains: correct moments, numSteps leapfrogs per draw', async () => {
    const target = iidNormal(5);
    const result = await runChains(target, { chains: 4, warmup: 500, draws: 1000, seed: 11, parallel: 1, algorithm: 'hmc', numSteps: 5 });
    expect(failures(momentChecks(result, target.mean, target.variance, [0, 1, 2, 3, 4]))).toEqual([]);
    expect(new Set(pooledStat(result, 'n_leapfrog__'))).toEqual(new Set([5]));
    expect(new Set(pooledStat(result, 'treedepth__'))).toEqual(new Set([0]));
  });

  it('dense metric results carry a d x d inverse metric', async () => {
    const result = await runChains(iidNormal(3), { ...small, metric: 'dense' });
    for (const c of result.chains) {
      expect(c.metric).toBe('dense');
      expect(c.inverseMetric).toHaveLength(9);
      expect(c.inverseMetric[1]).toBe(c.inverseMetric[3]);
    }
  });

  it('a log density that turns NaN or throws mid-run gives divergences, not a crash', async () => {
    const inner = iidNormal(2);
    let calls = 0;
    const model: LogDensity = {
      dimension: 2,
      logDensityGradient(q, g) {
        // Fine during init and early warmup, then holes appear on both sides of the bulk.
        if (++calls > 2000 && q[0] > 1.2) return NaN;
        if (calls > 2000 && q[0] < -1.2) throw new Error('boom');
        return inner.logDensityGradient(q, g);
      },
    };
    const result = await runChains(model, { chains: 2, warmup: 300, draws: 300, parallel: 1, seed: 5 });
    expect(sum(pooledStat(result, 'divergent__'))).toBeGreaterThan(0);
    expect(result.chains.every((c) => c.draws.every(Number.isFinite))).toBe(true);
  });

  it('initialisation failure rejects with the chain named', async () => {
    const model: LogDensity = { dimension: 2, logDensityGradient: () => Number.NaN };
    await expect(runChains(model, small)).rejects.toThrow(/chain 0 failed: Initialization failed after 100 attempts/);
  });
});

describe('progress and cancellation (in-process)', () => {
  it('reports each chain in order, phase by phase, ending at the total', async () => {
    const calls: [number, number, number, Phase][] = [];
    await runChains(iidNormal(2), { ...small, onProgress: (...args) => calls.push(args) });
    for (const chain of [0, 1]) {
      const mine = calls.filter((c) => c[0] === chain);
      expect(mine.length).toBeGreaterThan(10);
      expect(mine.every((c) => c[2] === 250)).toBe(true);
      expect(mine.at(-1)).toEqual([chain, 250, 250, 'sampling']);
      expect(mine).toContainEqual([chain, 150, 250, 'warmup']);
      for (let i = 1; i < mine.length; i++) expect(mine[i][1]).toBeGreaterThan(mine[i - 1][1]);
      for (const [, iteration, , phase] of mine) expect(phase).toBe(iteration <= 150 ? 'warmup' : 'sampling');
    }
  });

  it('an abort returns the draws so far, marked incomplete', async () => {
    const controller = new AbortController();
    const result = await runChains(iidNormal(3), {
      chains: 3,
      warmup: 1000,
      draws: 1000,
      parallel: 1,
      seed: 8,
      signal: controller.signal,
      // In-process the callback runs synchronously in the chain: the stop lands right after 1200.
      onProgress: (chain, iteration) => {
        if (chain === 0 && iteration >= 1200) controller.abort();
      },
    });
    expect(result.incomplete).toBe(true);
    const [first, ...rest] = result.chains;
    expect(first.incomplete).toBe(true);
    expect(first.draws).toHaveLength(200 * 3);
    expect(first.stats.lp__).toHaveLength(200);
    // Chains not yet started stop before their first iteration.
    for (const c of rest) {
      expect(c.incomplete).toBe(true);
      expect(c.draws).toHaveLength(0);
    }
  });

  it('an abort from a timer lands while a chain is running (the chain yields to the event loop)', async () => {
    const inner = iidNormal(5);
    const slow: LogDensity = {
      dimension: 5,
      logDensityGradient(q, g) {
        const until = performance.now() + 0.02; // 20 microseconds of busy work per gradient
        while (performance.now() < until);
        return inner.logDensityGradient(q, g);
      },
    };
    const started = performance.now();
    // 100k draws cannot finish in 300 ms.
    const result = await runChains(slow, { chains: 1, draws: 100_000, parallel: 1, seed: 2, signal: AbortSignal.timeout(300) });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.incomplete).toBe(true);
    expect(result.chains[0].draws.length).toBeLessThan(100_000 * 5);
  });

  it('an already aborted signal returns at once with no draws', async () => {
    const result = await runChains(iidNormal(2), { ...small, signal: AbortSignal.abort() });
    expect(result.incomplete).toBe(true);
    for (const c of result.chains) {
      expect(c.incomplete).toBe(true);
      expect(c.draws).toHaveLength(0);
      expect(c.gradientEvaluations.sampling).toBe(0);
    }
  });

  it('a throwing progress callback fails the run', async () => {
    await expect(
      runChains(iidNormal(2), {
        ...small,
        onProgress: () => {
          throw new Error('display broke');
        },
      }),
    ).rejects.toThrow(/onProgress threw: display broke/);
  });
});
