/** A model that cannot start (log density not finite anywhere tried) is a user error naming the row, not a crash. */
import { describe, expect, it } from 'vitest';
import { compile, StrataError } from '@strata/core';
import { fit } from '../../src/index.js';
import { findInitFailure, ModelInitError, modelInitError } from '../../src/init-failure.js';

const rows = (ys: (number | null)[]) => ys.map((y, i) => ({ y, x: i % 3, t: 1 + i }));
const quick = { chains: 1, warmup: 10, draws: 10, seed: 1, parallel: 1, progressBar: false } as const;

describe('initialisation failure', () => {
  it('a response of 1e300 gives a ModelInitError naming its data row', async () => {
    const data = rows([1.2, 0.4, 0.9, 1e300, 1.1, 0.3]);
    const error = await fit({ formula: 'y ~ 1 + x' }, data, quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelInitError);
    expect(error).toBeInstanceOf(StrataError); // the CLI reports StrataError as bad input (exit 1)
    const e = error as ModelInitError;
    expect(e.row).toBe(4);
    expect(e.attempts).toBe(100);
    expect(e.message).toMatch(/after 100 starting points with uniform\(-2, 2\) inits \(last reason: the log density is -Infinity\)/);
    expect(e.message).toMatch(/data row 4 is -Infinity/);
    expect(e.message).toMatch(/division by zero/);
    expect(e.message).not.toMatch(/\n/);
  });

  it('counts rows dropped for missing values when naming the row', async () => {
    const data = rows([1.2, null, 0.9, 1e300, 1.1, 0.3]);
    const error = await fit({ formula: 'y ~ 1 + x', na: 'drop' }, data, quick).catch((e: unknown) => e);
    expect((error as ModelInitError).row).toBe(4);
  });

  it('a nonlinear division by zero: every row is named as not finite', async () => {
    const data = rows([1, 2, 3, 4, 5]);
    const error = await fit({ formula: 'y ~ Asym / (t - t)', nl: { Asym: '1' } }, data, quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelInitError);
    expect((error as Error).message).toMatch(/data row 1 is .*\(5 of 5 rows are not finite\)/);
  });

  it('reads the failure from a worker thread, where only the name and message survive', () => {
    const fromWorker = Object.assign(new Error('Initialization failed after 100 attempts with uniform(-2, 2) inits: the log density threw: boom.'), {
      name: 'InitializationError',
    });
    const wrapped = new Error('chain 3 failed: ...', { cause: fromWorker });
    expect(findInitFailure(wrapped)).toEqual({ attempts: 100, where: 'with uniform(-2, 2) inits', reason: 'the log density threw: boom' });
    expect(findInitFailure(new Error('other', { cause: new RangeError('x') }))).toBeNull();
    // Without the last point, the rows are checked at zero.
    const model = compile({ formula: 'y ~ 1' }, rows([1, 1e300]));
    const e = modelInitError(model, findInitFailure(wrapped)!);
    expect(e.row).toBe(2);
    expect(e.message).toMatch(/at zero the log-likelihood of data row 2/);
  });
});
