import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DensityEvaluator, energyOf, type LogDensity } from '../src/index.js';

/** A 1-d model whose next results are scripted: a number is returned, an Error is thrown. */
function scripted(results: (number | Error)[], into: boolean): LogDensity {
  let k = 0;
  const next = (): number => {
    const r = results[k++ % results.length];
    if (r instanceof Error) throw r;
    return r;
  };
  const model: LogDensity = { dimension: 1, logDensityGradient: () => next() };
  if (into) model.logDensityGradientInto = (_q, _g, out) => void (out[0] = next());
  return model;
}

describe('DensityEvaluator', () => {
  for (const into of [false, true]) {
    const how = into ? 'logDensityGradientInto' : 'logDensityGradient';
    it(`maps every failure to -Infinity and remembers the last one (${how})`, () => {
      const boom = new Error('boom');
      const density = new DensityEvaluator(scripted([-1.5, Number.NaN, 2, Number.POSITIVE_INFINITY, -0.5, boom, 3, Number.NEGATIVE_INFINITY], into));
      const q = new Float64Array(1);
      const g = new Float64Array(1);
      expect(density.evaluate(q, g)).toBe(-1.5);
      expect(density.lastFailure).toBeUndefined();
      expect(density.evaluate(q, g)).toBe(Number.NEGATIVE_INFINITY);
      expect(density.lastFailure).toBeNaN();
      expect(density.evaluate(q, g)).toBe(2);
      expect(density.lastFailure).toBeNaN(); // a success does not clear it
      expect(density.evaluate(q, g)).toBe(Number.NEGATIVE_INFINITY);
      expect(density.lastFailure).toBe(Number.POSITIVE_INFINITY);
      expect(density.evaluate(q, g)).toBe(-0.5);
      expect(density.evaluate(q, g)).toBe(Number.NEGATIVE_INFINITY);
      expect(density.lastFailure).toBe(boom);
      expect(density.evaluate(q, g)).toBe(3);
      expect(density.lastFailure).toBe(boom);
      expect(density.evaluate(q, g)).toBe(Number.NEGATIVE_INFINITY);
      expect(density.lastFailure).toBe(Number.NEGATIVE_INFINITY); // a value after a throw is the last
      expect(density.evaluations).toBe(8);
      density.lastFailure = undefined;
      expect(density.lastFailure).toBeUndefined();
    });
  }

  it('property: finite values pass through unchanged, bit for bit', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const density = new DensityEvaluator(scripted([x], true));
        expect(Object.is(density.evaluate(new Float64Array(1), new Float64Array(1)), x)).toBe(true);
      }),
    );
  });

  it('energyOf is T - log p, and +Infinity exactly when that is NaN', () => {
    expect(energyOf(1.5, -2)).toBe(3.5);
    expect(energyOf(1, Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(energyOf(Number.NaN, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(energyOf(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
