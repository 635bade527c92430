/** Unknown fit() option keys are rejected by name, with the closest valid key suggested. */
import { describe, expect, it } from 'vitest';
import { compile, StrataError } from '@strata/core';
import { runChains } from '@strata/samplers';
import { fit, FitOptionsError, modelSource, sampleModel } from '../../src/index.js';
import { closestOption } from '../../src/fit-options.js';

const data = { y: [1.2, 0.4, 0.9, 1.5], x: [0, 1, 2, 3] };

describe('fit options', () => {
  it('an unknown key is a typed error naming it and the closest valid one', async () => {
    const error = await fit({ formula: 'y ~ x' }, data, { chain: 3 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FitOptionsError);
    expect(error).toBeInstanceOf(StrataError);
    expect((error as FitOptionsError).key).toBe('chain');
    expect((error as Error).message).toMatch(/^unknown fit option "chain" \(did you mean "chains"\?\); valid options: chains, warmup, draws/);
    await expect(sampleModel(compile({ formula: 'y ~ x' }, data), { max_treedepth: 12 } as never)).rejects.toThrow(
      /unknown fit option "max_treedepth" \(did you mean "maxTreeDepth"\?\)/,
    );
  });

  it('suggests only a close key, and rejects a non-object', async () => {
    expect(closestOption('seeds')).toBe('seed');
    expect(closestOption('adapt_delta')).toBe('adaptDelta');
    expect(closestOption('whatever')).toBeNull();
    await expect(fit({ formula: 'y ~ x' }, data, { whatever: 1 } as never)).rejects.toThrow(/^unknown fit option "whatever"; valid options/);
    await expect(fit({ formula: 'y ~ x' }, data, null as never)).rejects.toThrow(FitOptionsError);
  });

  it('workerUrl: an absolute URL, checked by fit; it is where the workers load the model from', async () => {
    const error = await fit({ formula: 'y ~ x' }, data, { workerUrl: 'worker.mjs' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FitOptionsError);
    expect((error as FitOptionsError).key).toBe('workerUrl');
    expect((error as Error).message).toBe("workerUrl must be an absolute URL (a string or a URL), got 'worker.mjs'");
    // workers only (no lane in this thread), so the module named is the one they must load
    const model = compile({ formula: 'y ~ x' }, data);
    const run = { chains: 2, warmup: 100, draws: 50, seed: 4, parallel: 2, parameterNames: model.parameterNames, progressBar: false };
    const workersOnly = (url: URL) => ({ ...modelSource(model, null, url), local: undefined });
    const single = await runChains(model, { ...run, parallel: 1 });
    const workers = await runChains(workersOnly(new URL('../../src/model-source.ts', import.meta.url)), run);
    expect(workers.chains.map((c) => Array.from(c.draws))).toEqual(single.chains.map((c) => Array.from(c.draws)));
    await expect(runChains(workersOnly(new URL('./no-such-worker.mjs', import.meta.url)), run)).rejects.toThrow(/no-such-worker/);
  }, 60_000);
});
