import { afterEach, describe, expect, it } from 'vitest';
import { FormulaError, FunctionRegistrationError } from '../../src/errors.js';
import { compileNonlinear, parseExpression } from '../../src/expr/index.js';
import { functionNames, getFunction, registerFunction, unregisterFunction, type FunctionDefinition } from '../../src/functions/index.js';
import { closeTo, numericDerivative } from '../expr/arbitraries.js';

/** Hill equation Vm x^n / (K^n + x^n), with a correct hand-written gradient. */
const hill = (): FunctionDefinition => ({
  name: 'hill',
  arity: 4,
  argNames: ['x', 'Vm', 'K', 'n'],
  value: (a) => (a[1]! * a[0]! ** a[3]!) / (a[2]! ** a[3]! + a[0]! ** a[3]!),
  gradient(a, out) {
    const [x, vm, K, n] = [a[0]!, a[1]!, a[2]!, a[3]!];
    const xn = x ** n;
    const kn = K ** n;
    const den = kn + xn;
    const frac = xn / den;
    out[0] = (vm * n * kn * x ** (n - 1)) / (den * den);
    out[1] = frac;
    out[2] = (-vm * xn * n * K ** (n - 1)) / (den * den);
    out[3] = (vm * xn * kn * (Math.log(x) - Math.log(K))) / (den * den);
    return vm * frac;
  },
});

function registrationError(def: FunctionDefinition): FunctionRegistrationError {
  try {
    registerFunction(def);
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionRegistrationError);
    return e as FunctionRegistrationError;
  }
  throw new Error(`expected ${def.name} to be refused`);
}

afterEach(() => {
  for (const name of ['hill', 'bad', 'sq', 'process.exit', 'constructor']) unregisterFunction(name);
});

describe('registerFunction', () => {
  it('accepts a correct function, which then parses, compiles and differentiates like a built-in', () => {
    const fn = registerFunction(hill());
    expect(fn.arity).toBe(4);
    expect(getFunction('hill')).toBe(fn);
    expect(functionNames()).toContain('hill');
    const model = compileNonlinear(parseExpression('hill(conc, Vm, K, 2.5)'), (name) => name === 'Vm' || name === 'K');
    const mu = new Float64Array(1);
    const dmu = [new Float64Array(1), new Float64Array(1)];
    model.evaluate([Float64Array.of(0.7)], [Float64Array.of(3), Float64Array.of(0.4)], 1, mu, dmu);
    const f = (v: number[]): number => fn.value([0.7, v[0]!, v[1]!, 2.5]);
    expect(mu[0]).toBeCloseTo(f([3, 0.4]), 14);
    expect(closeTo(dmu[0]![0]!, numericDerivative(f, [3, 0.4], 0), 1e-8)).toBe(true);
    expect(closeTo(dmu[1]![0]!, numericDerivative(f, [3, 0.4], 1), 1e-8)).toBe(true);
  });

  it('refuses a wrong gradient, naming the function and the argument', () => {
    const def = hill();
    const right = def.gradient;
    def.name = 'bad';
    def.gradient = (a, out) => {
      const v = right(a, out);
      out[2] *= 1.001; // 0.1% off in d/dK only
      return v;
    };
    const e = registrationError(def);
    expect(e.functionName).toBe('bad');
    expect(e.message).toMatch(/function bad: derivative with respect to argument 3 \(K\) is wrong/);
    expect(getFunction('bad')).toBeUndefined();
    expect(() => parseExpression('bad(1, 2, 3, 4)')).toThrow(FormulaError);
  });

  it('refuses a gradient with a sign error or a missing entry', () => {
    const sq = (gradient: FunctionDefinition['gradient']): FunctionDefinition => ({ name: 'sq', arity: 2, value: (a) => a[0]! * a[1]! ** 2, gradient });
    expect(registrationError(sq((a, out) => ((out[0] = a[1]! ** 2), (out[1] = -2 * a[0]! * a[1]!), a[0]! * a[1]! ** 2))).message).toMatch(/argument 2 \(x2\)/);
    expect(registrationError(sq((a, out) => ((out[0] = a[1]! ** 2), a[0]! * a[1]! ** 2))).message).toMatch(/argument 2 \(x2\) is not finite/);
    expect(registrationError(sq((a, out) => ((out[0] = a[1]! ** 2), (out[1] = 2 * a[0]! * a[1]!), 0))).message).toMatch(/gradient\(\) returned 0 but value\(\) returned/);
    // and the corrected one is accepted
    expect(() => registerFunction(sq((a, out) => ((out[0] = a[1]! ** 2), (out[1] = 2 * a[0]! * a[1]!), a[0]! * a[1]! ** 2)))).not.toThrow();
  });

  it('refuses bad names: built-ins, library functions, duplicates, non-identifiers, reserved partial names', () => {
    const named = (name: string): FunctionDefinition => ({ ...hill(), name });
    expect(registrationError(named('exp')).message).toMatch(/clashes with a built-in/);
    expect(registrationError(named('SSlogis')).message).toMatch(/clashes with a library function/);
    registerFunction(hill());
    expect(registrationError(hill()).message).toMatch(/already registered/);
    for (const bad of ['1abc', 'a b', '', 'x)', "a'", 'f.d2', '.5']) {
      expect(registrationError(named(bad)).message).toMatch(/identifier|reserved/);
    }
  });

  it('refuses non-finite values, throwing implementations and malformed definitions', () => {
    const base = { name: 'bad', arity: 1, gradient: (_a: unknown, out: Float64Array) => ((out[0] = 0), 0) };
    expect(registrationError({ ...base, value: () => NaN }).message).toMatch(/value is not a finite number/);
    expect(registrationError({ ...base, value: (a) => Math.log(-a[0]!) }).message).toMatch(/not a finite number at \(x1=/);
    expect(registrationError({ ...base, value: () => { throw new Error('boom'); } }).message).toMatch(/threw while being checked.*boom/);
    expect(registrationError({ ...base, value: () => 0, arity: 0 }).message).toMatch(/arity/);
    expect(registrationError({ ...base, value: () => 0, arity: 1.5 }).message).toMatch(/arity/);
    expect(registrationError({ ...base, value: () => 0, argNames: ['a', 'b'] }).message).toMatch(/argNames/);
    expect(registrationError({ ...base, value: 'x' as never }).message).toMatch(/value must be a function/);
    expect(registrationError({ ...base, value: () => 0, domain: [[1, 0]] }).message).toMatch(/domain/);
  });

  it('checks the gradient over a user-given domain', () => {
    // log(x - 10) only exists for x > 10: refused with the default domain, accepted with the right one
    const def: FunctionDefinition = {
      name: 'bad',
      arity: 1,
      value: (a) => Math.log(a[0]! - 10),
      gradient: (a, out) => ((out[0] = 1 / (a[0]! - 10)), Math.log(a[0]! - 10)),
    };
    expect(registrationError(def).message).toMatch(/not a finite number/);
    expect(() => registerFunction({ ...def, domain: [[11, 20]] })).not.toThrow();
  });

  it('treats hostile-looking names as plain names: a registered "process.exit" is just a function', () => {
    registerFunction({ name: 'process.exit', arity: 1, value: (a) => 2 * a[0]!, gradient: (a, out) => ((out[0] = 2), 2 * a[0]!) });
    const model = compileNonlinear(parseExpression('process.exit(a)'), () => true);
    expect(model.source).not.toContain('process');
    const mu = new Float64Array(1);
    model.evaluate([], [Float64Array.of(21)], 1, mu, [new Float64Array(1)]);
    expect(mu[0]).toBe(42);
  });
});

describe('unregisterFunction', () => {
  it('removes user functions and refuses to remove library functions', () => {
    registerFunction(hill());
    expect(unregisterFunction('hill')).toBe(true);
    expect(unregisterFunction('hill')).toBe(false);
    expect(() => parseExpression('hill(1, 2, 3, 4)')).toThrow(/unknown function 'hill'/);
    expect(() => unregisterFunction('SSlogis')).toThrow(FunctionRegistrationError);
  });
});
