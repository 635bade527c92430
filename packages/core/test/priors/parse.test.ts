import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PriorError } from '../../src/errors.js';
import { makePrior, parsePrior, printPrior } from '../../src/priors/index.js';
import type { Prior, PriorDist } from '../../src/priors/index.js';

function priorError(text: string): PriorError {
  try {
    parsePrior(text);
  } catch (e) {
    expect(e).toBeInstanceOf(PriorError);
    return e as PriorError;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

const real = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
const positive = fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-300, max: 1e300 });

/** Any valid prior, with arguments anywhere in their valid ranges (including -0, 5e-324-ish, 1e300). */
const anyPrior: fc.Arbitrary<Prior> = fc.oneof(
  fc.tuple(real, positive).map(([m, s]) => makePrior('normal', [m, s])),
  fc.tuple(positive, real, positive).map(([n, m, s]) => makePrior('student_t', [n, m, s])),
  fc.tuple(real, positive).map(([m, s]) => makePrior('cauchy', [m, s])),
  positive.map((r) => makePrior('exponential', [r])),
  fc.tuple(positive, positive).map(([a, b]) => makePrior('gamma', [a, b])),
  fc.tuple(real, positive).map(([m, s]) => makePrior('lognormal', [m, s])),
  fc.tuple(real, real).filter(([a, b]) => a !== b).map(([a, b]) => makePrior('uniform', [Math.min(a, b), Math.max(a, b)])),
  positive.map((e) => makePrior('lkj', [e])),
);

describe('parsePrior', () => {
  it('parses each distribution', () => {
    const p = parsePrior('student_t(3, 250, 50)') as PriorDist;
    expect(p.family).toBe('student_t');
    expect(p.args).toEqual([3, 250, 50]);
    expect(parsePrior('lkj(2)')).toMatchObject({ family: 'lkj', eta: 2, args: [2] });
    expect(parsePrior('exponential(1)').family).toBe('exponential');
  });

  it('accepts negative numbers, exponent notation and any whitespace', () => {
    const p = parsePrior('  normal (\t-1.5e+2 ,\n 2.5E-1 )  ') as PriorDist;
    expect(p.args).toEqual([-150, 0.25]);
    expect((parsePrior('uniform(-.5,+3.)') as PriorDist).args).toEqual([-0.5, 3]);
    expect(p.text).toBe('normal(-150, 0.25)');
  });

  it('round trip: parse(print(p)) deep-equals p', () => {
    fc.assert(
      fc.property(anyPrior, (p) => {
        expect(parsePrior(printPrior(p))).toEqual(p);
        expect(printPrior(p)).toBe(p.text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same prior from differently spaced and formatted text', () => {
    fc.assert(
      fc.property(anyPrior, fc.array(fc.constantFrom('', ' ', '  ', '\t', '\n'), { minLength: 6, maxLength: 6 }), (p, ws) => {
        const args = p.args.map((a) => (Object.is(a, -0) ? '-0' : a.toExponential()));
        const text = `${ws[0]}${p.family}${ws[1]}(${ws[2]}${args.join(`${ws[3]},${ws[4]}`)}${ws[5]})`;
        expect(parsePrior(text)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['normal(0, 1', /expected "," or "\)" at position 11 but found the end/],
    ['norml(0, 1)', /unknown distribution "norml".*valid: normal, student_t, cauchy, exponential, gamma, lognormal, uniform, beta, lkj/],
    ['Normal(0, 1)', /did you mean normal\?/],
    ['normal(0, 1, 2)', /normal takes 2 arguments \(mu, sigma\), got 3/],
    ['student_t(3, 0)', /student_t takes 3 arguments \(nu, mu, sigma\), got 2/],
    ['normal(0, -1)', /sigma must be > 0, got -1/],
    ['normal(0, 0)', /sigma must be > 0, got 0/],
    ['exponential(0)', /rate must be > 0/],
    ['gamma(-1, 1)', /shape must be > 0/],
    ['lkj(0)', /eta must be > 0/],
    ['uniform(2, 1)', /lower \(2\) must be below upper \(1\)/],
    ['uniform(1, 1)', /must be below upper/],
    ['normal(0, 1e999)', /sigma = Infinity is not a finite number/],
    ['', /empty prior.*flat priors are not supported/],
    ['normal(0, x)', /expected a number at position 10/],
    ['normal(0, 1) + 1', /expected the end of the prior at position 13/],
    ['(0, 1)', /expected a distribution name at position 0/],
    ['normal 0, 1', /expected "\(" at position 7/],
  ])('rejects %j with a PriorError naming the text', (text, message) => {
    const err = priorError(text);
    expect(err.message).toMatch(message);
    expect(err.message).toContain(JSON.stringify(text));
  });

  it('never throws anything but PriorError on arbitrary text (10,000 inputs)', () => {
    const token = fc.constantFrom('normal', 'lkj', 'gamma', 'uniform', '(', ')', ',', ' ', '-', '+', '.', 'e', '1', '0', '9', 'E', '\n', 'x', '_');
    const nearMiss = fc.array(token, { maxLength: 14 }).map((t) => t.join(''));
    // any code points, lone surrogates included (built by hand: fc.string({ unit: 'binary' }) takes seconds to set up)
    const codePoints = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 24 }).map((cps) => String.fromCodePoint(...cps));
    const text = fc.oneof(fc.string(), codePoints, nearMiss, nearMiss.map((s) => `normal(${s}`));
    fc.assert(
      fc.property(text, (s) => {
        try {
          const p = parsePrior(s);
          // anything accepted must be a usable prior
          expect(p.args.every(Number.isFinite)).toBe(true);
        } catch (e) {
          if (!(e instanceof PriorError)) throw e;
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('rejects non-string input with a PriorError', () => {
    expect(() => parsePrior(42 as unknown as string)).toThrow(PriorError);
  });
});
