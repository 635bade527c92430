/**
 * The generated parameter code inlines each prior's and transform's formulas (`code()`): they must
 * compute exactly what the methods compute, bit for bit, at any point (the sampler's draws depend on it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrior, type PriorDist } from '../../src/priors/index.js';
import { boundTransform } from '../../src/transforms/index.js';

const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Compiles `prelude; return value` over the variable `name` with the constants bound as K. */
function compilePart(name: string, part: { prelude: string[]; value: string }, constants: number[]): (v: number) => number {
  return new Function('K', `return function (${name}) {\n${part.prelude.join('\n')}\nreturn ${part.value};\n};`)(Float64Array.from(constants)) as (v: number) => number;
}

const collector = () => {
  const constants: number[] = [];
  return { constants, constant: (v: number) => (constants.push(v), `K[${constants.length - 1}]`) };
};

const priorArb = fc.oneof(
  fc.tuple(d(-50, 50), d(0.01, 100)).map(([m, s]) => `normal(${m}, ${s})`),
  fc.tuple(d(0.5, 30), d(-50, 50), d(0.01, 100)).map(([nu, m, s]) => `student_t(${nu}, ${m}, ${s})`),
  fc.tuple(d(-50, 50), d(0.01, 100)).map(([m, s]) => `cauchy(${m}, ${s})`),
  d(0.01, 20).map((r) => `exponential(${r})`),
  fc.tuple(d(0.2, 20), d(0.01, 20)).map(([a, b]) => `gamma(${a}, ${b})`),
  fc.tuple(d(-5, 5), d(0.05, 3)).map(([m, s]) => `lognormal(${m}, ${s})`),
  fc.tuple(d(-50, 50), d(0.01, 100)).map(([a, w]) => `uniform(${a}, ${a + w})`),
);

describe('inlined prior and transform code equals the methods, bit for bit', () => {
  it('priors: lpdf and grad, inside and outside the support (including 0 for positive ones)', () => {
    fc.assert(
      fc.property(priorArb, fc.oneof(d(-300, 300), fc.constant(0)), (text, x) => {
        const prior = parsePrior(text) as PriorDist;
        const { constants, constant } = collector();
        const code = prior.code('x', constant);
        expect(Object.is(compilePart('x', code.lpdf, constants)(x), prior.lpdf(x))).toBe(true);
        expect(Object.is(compilePart('x', code.grad, constants)(x), prior.grad(x))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('transforms: constrain, log Jacobian and chain rule', () => {
    const transformArb = fc
      .tuple(fc.constantFrom('identity', 'lower', 'upper', 'interval'), d(-100, 100), d(0.01, 200))
      .map(([kind, a, width]) => {
        // bounds at 0 (sds, sigma) have their own backward code: draw them often
        const bound = width < 20 ? 0 : a;
        return kind === 'identity' ? boundTransform() : kind === 'lower' ? boundTransform(bound, Infinity) : kind === 'upper' ? boundTransform(-Infinity, bound) : boundTransform(a, a + width);
      });
    fc.assert(
      fc.property(transformArb, d(-40, 40), d(-1e3, 1e3), (t, y, dfdx) => {
        const { constants, constant } = collector();
        const code = t.code('y', constant);
        const at = (value: string) => compilePart('y', { prelude: code.prelude, value }, constants)(y);
        expect(Object.is(at(code.constrain), t.constrain(y))).toBe(true);
        expect(Object.is(at(code.logJacobian), t.logJacobian(y))).toBe(true);
        // the backward pass has x = constrain(y) at hand; dfdx is given as a sum, as the generated
        // code passes it: the chain rule must bracket it
        const half = dfdx / 2;
        const sum = `(${half} + ${dfdx - half})`;
        const backward = new Function('K', 'x', `return function (y) {\n${code.gradientPrelude('x').join('\n')}\nreturn ${code.gradient(sum)};\n};`)(
          Float64Array.from(constants),
          t.constrain(y),
        ) as (v: number) => number;
        expect(Object.is(backward(y), t.gradient(y, half + (dfdx - half)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
