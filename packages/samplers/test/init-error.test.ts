import { describe, expect, it } from 'vitest';
import { chainRng, DensityEvaluator, initialize } from '../src/index.js';
import { InitializationError } from '../src/errors.js';

describe('InitializationError', () => {
  it('is what initialize throws when no point has a finite log density, with attempts, reason and the last point', () => {
    const density = new DensityEvaluator({ dimension: 2, logDensityGradient: () => -Infinity });
    let error: unknown;
    try {
      initialize(density, chainRng(5, 0), { radius: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InitializationError);
    const init = error as InitializationError;
    expect(init.name).toBe('InitializationError');
    expect(init.attempts).toBe(100);
    expect(init.reason).toBe('the log density is -Infinity');
    expect(init.where).toBe('with uniform(-2, 2) inits');
    expect(init.lastPosition).toHaveLength(2);
    expect(init.message).toBe('Initialization failed after 100 attempts with uniform(-2, 2) inits: the log density is -Infinity.');
  });

  it('carries a thrown error message as the reason, one attempt at zero', () => {
    const density = new DensityEvaluator({
      dimension: 1,
      logDensityGradient() {
        throw new Error('division by zero');
      },
    });
    expect(() => initialize(density, chainRng(5, 0), { radius: 0 })).toThrow(
      expect.objectContaining({ name: 'InitializationError', attempts: 1, where: 'at zero', reason: 'the log density threw: division by zero' }),
    );
  });
});
