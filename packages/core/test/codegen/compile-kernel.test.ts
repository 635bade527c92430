import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileKernel, joinBindings, kernelSource, kernelsCompile } from '../../src/codegen/compile-kernel.js';
import { formatIndex, formatNumber } from '../../src/codegen/format.js';
import { SpecError } from '../../src/errors.js';
import { compile, pow } from '../../src/index.js';

type Sum = (x: Float64Array, out: Float64Array) => void;

describe('compileKernel', () => {
  it('compiles a strict-mode kernel over its bindings and keeps its source', () => {
    const w = Float64Array.from([2, 3]);
    const kernel = compileKernel<Sum>('weightedSum', { params: ['x', 'out'], body: ['let s = 0;', 'for (let i = 0; i < 2; i++) s += W[i] * Math.exp(x[i]);', 'out[0] = s;'] }, { names: ['W'], values: [w] });
    const out = new Float64Array(1);
    kernel(Float64Array.from([0, Math.log(2)]), out);
    expect(out[0]).toBe(2 * 1 + 3 * 2);
    expect(kernelSource(kernel)).toBe(
      ['"use strict";', 'return function weightedSum(x, out) {', '  let s = 0;', '  for (let i = 0; i < 2; i++) s += W[i] * Math.exp(x[i]);', '  out[0] = s;', '};'].join('\n'),
    );
    expect(kernelSource(() => 0)).toBeUndefined();
  });

  it('joins binding lists in order', () => {
    expect(joinBindings({ names: ['A'], values: [1] }, { names: ['B', 'C'], values: [2, 3] })).toEqual({ names: ['A', 'B', 'C'], values: [1, 2, 3] });
  });

  // Each line would reach something outside the kernel (a global, a constructor, a prototype) or
  // carry text in (strings, escapes, comments, hidden line breaks), so the whitelist refuses it.
  const REFUSED = [
    'process.exit(1);',
    'globalThis.x = 1;',
    'const f = out.constructor;',
    'out[0] = Math.constructor;',
    'out[0] = Math.random();',
    'const m = Math;',
    'out[0] = this;',
    'out[0] = arguments[0];',
    'eval(x);',
    'const o = new Float64Array(2);',
    'undeclared = 1;',
    "out[0] = 'a';",
    'out[0] = `a`;',
    'out[0] = x\\u0041;',
    'out[0] = 1; // note',
    'out[0] = 1; /* note */',
    'out[0] = 1;\u2028process.exit(1);',
    'x.fill(0);',
    // engines differ in Math.pow's last bit: kernels use the bound $pow (issue 15)
    'out[0] = Math.pow(x[0], 2);',
    'const $pow = x;',
    'let $pw = out;',
    '$pow = x;',
  ];
  it.each(REFUSED)('refuses %s', (line) => {
    expect(() => compileKernel('k', { params: ['x', 'out'], body: [line] })).toThrow(SpecError);
  });

  it('refuses bad kernel, parameter and binding names', () => {
    const body = ['out[0] = 1;'];
    expect(() => compileKernel('a b', { params: ['out'], body })).toThrow(SpecError);
    expect(() => compileKernel('k', { params: ['out', 'x=process'], body })).toThrow(SpecError);
    expect(() => compileKernel('k', { params: ['out'], body }, { names: ['Math'], values: [{}] })).toThrow(SpecError);
    expect(() => compileKernel('k', { params: ['out'], body }, { names: ['A', 'B'], values: [1] })).toThrow(/2 binding names for 1 values/);
  });

  it('binds $pow (core\'s engine-independent x^y) and its array $pw in every kernel, under names no binding may take', () => {
    const k = compileKernel<Sum>('power', { params: ['x', 'out'], body: ['$pw[0] = x[0];', '$pw[1] = x[1];', '$pow($pw);', 'out[0] = $pw[2];'] });
    const out = new Float64Array(1);
    k(Float64Array.from([3, 5]), out);
    expect(out[0]).toBe(243);
    k(Float64Array.from([2.5, -0.75]), out);
    expect(out[0]).toBe(pow(2.5, -0.75));
    const body = ['out[0] = 1;'];
    expect(() => compileKernel('k', { params: ['out'], body }, { names: ['$pow'], values: [Math.pow] })).toThrow(/reserved name \$pow/);
    expect(() => compileKernel('k', { params: ['$pw', 'out'], body })).toThrow(/reserved name \$pw/);
  });

  it('allows a bound object\'s fill method, and nothing else on it', () => {
    const F = { fill: (a: Float64Array, g: Float64Array) => g.set([a[0]! * 2]) };
    const A = new Float64Array(1);
    const G = new Float64Array(1);
    const k = compileKernel<Sum>('lib', { params: ['x', 'out'], body: ['A[0] = x[0];', 'F.fill(A, G);', 'out[0] = G[0];'] }, { names: ['F', 'A', 'G'], values: [F, A, G] });
    const out = new Float64Array(1);
    k(Float64Array.from([1.5]), out);
    expect(out[0]).toBe(3);
    expect(() => compileKernel('lib', { params: ['out'], body: ['F.call(0);'] }, { names: ['F'], values: [F] })).toThrow(/F\.call/);
  });
});

describe('STRATA_DEBUG_KERNELS', () => {
  const saved = process.env.STRATA_DEBUG_KERNELS;
  afterEach(() => {
    if (saved === undefined) delete process.env.STRATA_DEBUG_KERNELS;
    else process.env.STRATA_DEBUG_KERNELS = saved;
  });

  it('writes the source of every kernel a model compiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-kernels-'));
    try {
      process.env.STRATA_DEBUG_KERNELS = dir;
      const data = { y: [1.2, 0.4, 2.2, 1.9, 0.7, 1.1], x: [0, 1, 2, 0, 1, 2], g: ['a', 'a', 'a', 'b', 'b', 'b'] };
      compile({ formula: 'y ~ 1 + x + (1 | g)' }, data);
      compile(
        {
          formula: 'y ~ a * exp(-b * x)',
          nl: { a: '1 + (1 | g)', b: '1' },
          priors: [
            { prior: 'normal(1, 1)', class: 'b', nlpar: 'a' },
            { prior: 'normal(0, 1)', class: 'b', nlpar: 'b' },
          ],
        },
        data,
      );
      const files = readdirSync(dir).sort();
      const names = files.map((f) => f.replace(/^\d+-\d+-\d+-(\w+)\.js$/, '$1'));
      for (const name of ['predictorForward', 'predictorBackward', 'fusedLinear', 'parameterForward', 'parameterBackward', 'groupForward', 'groupBackward', 'evaluate', 'fusedNonlinear'])
        expect(names).toContain(name);
      const fused = readFileSync(join(dir, files[names.indexOf('fusedLinear')]!), 'utf8');
      expect(fused).toMatch(/^\/\/ kernel fusedLinear; bindings: C0, C1, G0, R0, D0, Y\b/);
      expect(fused).toContain('"use strict";\nreturn function fusedLinear(beta, aux, dBeta, dAux, out) {');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formatNumber and formatIndex', () => {
  it('print numbers that read back exactly, negatives parenthesised', () => {
    for (const x of [0, 1, 0.1, 1 / 3, 1e-7, 1.5e300, 2 ** 60, Number.MIN_VALUE]) expect(Number(formatNumber(x))).toBe(x);
    expect(formatNumber(-2.5)).toBe('(-2.5)');
    expect(formatIndex(12)).toBe('12');
  });

  it('refuse what cannot be written as code', () => {
    for (const x of [NaN, Infinity, -Infinity]) expect(() => formatNumber(x)).toThrow(SpecError);
    for (const k of [-1, 1.5, NaN, 2 ** 53]) expect(() => formatIndex(k)).toThrow(SpecError);
  });
});

describe('kernelsCompile', () => {
  it('is true where new Function works and false where it throws (as under a CSP without unsafe-eval)', () => {
    expect(kernelsCompile()).toBe(true);
    const original = globalThis.Function;
    globalThis.Function = function blocked() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    } as unknown as FunctionConstructor;
    try {
      expect(kernelsCompile()).toBe(false);
    } finally {
      globalThis.Function = original;
    }
  });
});
