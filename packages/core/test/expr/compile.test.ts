import { resolveFunction } from '../../src/expr/resolve.js';
import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { compileNonlinear, nonlinearFromJSON, parseExpression, type ExprNode } from '../../src/expr/index.js';

function run(text: string, params: string[], cov: Record<string, number[]>, phi: Record<string, number[]>) {
  const model = compileNonlinear(parseExpression(text), (name) => params.includes(name));
  const n = Object.values({ ...cov, ...phi })[0]?.length ?? 1;
  const mu = new Float64Array(n);
  const dmu = model.params.map(() => new Float64Array(n));
  model.evaluate(
    model.covariates.map((c) => Float64Array.from(cov[c]!)),
    model.params.map((p) => Float64Array.from(phi[p]!)),
    n,
    mu,
    dmu,
  );
  return { model, mu, dmu };
}

describe('compileNonlinear', () => {
  it('lists parameters and covariates in order of first appearance', () => {
    const m = compileNonlinear(parseExpression('b * x + a * exp(z) + b / a + x'), (name) => name === 'a' || name === 'b');
    expect(m.params).toEqual(['b', 'a']);
    expect(m.covariates).toEqual(['x', 'z']);
  });

  it('computes the logistic growth curve and its gradient (orange tree example)', () => {
    const age = [118, 484, 664, 1004, 1231, 1372, 1582];
    const Asym = 192.7, xmid = 728.8, scal = 353.5;
    const { mu, dmu } = run('Asym / (1 + exp(-(age - xmid) / scal))', ['Asym', 'xmid', 'scal'], { age }, {
      Asym: age.map(() => Asym), xmid: age.map(() => xmid), scal: age.map(() => scal),
    });
    age.forEach((a, i) => {
      const s = 1 / (1 + Math.exp(-(a - xmid) / scal));
      expect(mu[i]).toBeCloseTo(Asym * s, 10);
      expect(dmu[0]![i]).toBeCloseTo(s, 12);
      expect(dmu[1]![i]).toBeCloseTo((-Asym * s * (1 - s)) / scal, 12);
      expect(dmu[2]![i]).toBeCloseTo((-Asym * s * (1 - s) * (a - xmid)) / (scal * scal), 12);
    });
  });

  it('computes a shared subterm once for the value and all derivatives', () => {
    const m = compileNonlinear(parseExpression('a * exp(-k * t) + b * exp(-k * t) + exp(-k * t)^2'), (n) => n !== 't');
    expect(m.source.match(/Math\.exp\(/g)).toHaveLength(1);
    // commuted operands are recognised as the same subterm too
    const m2 = compileNonlinear(parseExpression('exp(a * b) + exp(b * a)'), () => true);
    expect(m2.source.match(/Math\.exp\(/g)).toHaveLength(1);
  });

  it('calls each library function once per observation, reusing its gradient for every parameter', () => {
    const m = compileNonlinear(parseExpression('SSgompertz(age, Asym, b2, b3) + SSgompertz(age, Asym, b2, b3)'), (n) => n !== 'age');
    expect(m.source.match(/\.fill\(/g)).toHaveLength(1);
    const m2 = compileNonlinear(parseExpression('a + SSgompertz(age, 1, 2, 0.5) * SSgompertz(age, 1, 2, 0.5)'), (n) => n === 'a');
    expect(m2.source.match(/\.fill\(/g)).toHaveLength(1);
  });

  it('inlines library functions that have an expansion: the same values and derivatives as their fill, no call', () => {
    const cases: [string, string[], Record<string, number[]>][] = [
      ['SSlogis(t, Asym, xmid, scal)', ['Asym', 'xmid', 'scal'], { Asym: [200, 180, 220], xmid: [700, 650, 800], scal: [350, 300, 20] }],
      ['SSasymp(t, Asym, R0, lrc)', ['Asym', 'R0', 'lrc'], { Asym: [100, 90, 120], R0: [10, 5, -3], lrc: [-1.5, 0.2, -4] }],
      ['SSasympOff(t, Asym, lrc, c0)', ['Asym', 'lrc', 'c0'], { Asym: [30, 40, 25], lrc: [-2, -1, 0.5], c0: [0.5, -1, 2] }],
      ['SSasympOrig(t, Asym, lrc)', ['Asym', 'lrc'], { Asym: [30, 40, 25], lrc: [-2, -1, 0.5] }],
      ['vonBertalanffy(t, Linf, K, t0)', ['Linf', 'K', 't0'], { Linf: [30, 40, 25], K: [0.2, 1, 0.05], t0: [0.5, -1, 2] }],
      ['SSmicmen(t, Vm, K)', ['Vm', 'K'], { Vm: [200, 150, 90], K: [0.5, 0.1, 2] }],
      ['SSbiexp(t, A1, lrc1, A2, lrc2)', ['A1', 'lrc1', 'A2', 'lrc2'], { A1: [3, 2, 5], lrc1: [1, 0.5, -1], A2: [0.6, 1, 0.1], lrc2: [-1.3, -2, -0.5] }],
      ['SSfpl(t, A, B, xmid, scal)', ['A', 'B', 'xmid', 'scal'], { A: [10, 0, -5], B: [100, 50, 20], xmid: [700, 10, 3], scal: [350, 2, 0.5] }],
    ];
    const t = [0.5, 118, 484, 1004, 1582, 3];
    for (const [text, params, values] of cases) {
      const m = compileNonlinear(parseExpression(text), (n) => n !== 't');
      expect(m.source, text).not.toMatch(/\.fill\(/);
      const fn = resolveFunction(text.slice(0, text.indexOf('(')));
      if (fn?.kind !== 'library') throw new Error(`no library function in ${text}`);
      for (let k = 0; k < values[params[0]].length; k++) {
        const out = new Float64Array(fn.fn.arity + 1);
        for (const ti of t) {
          const { mu, dmu } = run(text, params, { t: [ti] }, Object.fromEntries(params.map((p) => [p, [values[p][k]]])));
          fn.fn.fill([ti, ...params.map((p) => values[p][k])], out);
          const close = (a: number, b: number) => expect(Math.abs(a - b), `${text} at t = ${ti}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
          close(mu[0], out[fn.fn.arity]);
          params.forEach((_, j) => close(dmu[j]![0], out[j + 1]));
        }
      }
    }
  });

  it('gives zero derivative to a parameter that simplification removes, and handles constant expressions', () => {
    const { mu, dmu } = run('a + 0 * b', ['a', 'b'], {}, { a: [2], b: [5] });
    expect(mu[0]).toBe(2);
    expect(dmu[1]![0]).toBe(0);
    const c = run('2^3 + x', [], { x: [1] }, {});
    expect(c.mu[0]).toBe(9);
  });

  it('produces NaN / -Inf instead of throwing for values outside the domain', () => {
    const { mu, dmu } = run('log(a) + sqrt(b) + 1 / c', ['a', 'b', 'c'], {}, { a: [-1, 0, 1], b: [4, -4, 4], c: [1, 1, 0] });
    expect(mu[0]).toBeNaN(); // log(-1)
    expect(mu[1]).toBeNaN(); // log(0) + sqrt(-4) = -Inf + NaN
    expect(mu[2]).toBe(Infinity); // 1 / 0
    expect(dmu[0]![0]).toBe(-1); // d log(a) / da = 1/a stays finite where the value is not
    expect(run('log(a)', ['a'], {}, { a: [0] }).mu[0]).toBe(-Infinity);
  });

  it('evaluates without allocating: no garbage collection during a million evaluations', async () => {
    const text = 'SSfol(Dose, t, lKe, lKa, lCl) + Richards(t, a, b, c, d) + SSlogis(t, a, b, c) + SSweibull(t, a, b, c, d) + SSbiexp(t, a, b, c, d) + inv_logit(a * t) + sqrt(b^2 + 1)';
    const m = compileNonlinear(parseExpression(text), (n) => n !== 'Dose' && n !== 't');
    const n = 64;
    const cov = [new Float64Array(n).fill(4), new Float64Array(n).fill(2)];
    const phi = m.params.map((_, k) => new Float64Array(n).fill(0.3 + 0.1 * k));
    const mu = new Float64Array(n);
    const dmu = m.params.map(() => new Float64Array(n));
    for (let r = 0; r < 5000; r++) m.evaluate(cov, phi, n, mu, dmu); // let the JIT settle
    // 20k x 64 = 1.3M evaluations per attempt: even one 16-byte allocation each (20 MB) overflows the
    // young generation and forces a collection. Collections can also come from the JIT finishing
    // background work, so a few attempts are allowed; real allocation would show up in every one.
    const collectionsPerAttempt: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      let collections = 0;
      const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
      observer.observe({ entryTypes: ['gc'] });
      for (let r = 0; r < 20_000; r++) m.evaluate(cov, phi, n, mu, dmu);
      await new Promise((resolve) => setTimeout(resolve, 20)); // gc entries are delivered asynchronously
      observer.disconnect();
      collectionsPerAttempt.push(collections);
      if (collections === 0) break;
    }
    expect(Math.min(...collectionsPerAttempt)).toBe(0);
    expect(mu.every(Number.isFinite)).toBe(true);
  });

  it('round-trips through JSON (as a worker would rebuild it)', () => {
    const tree: ExprNode = {
      type: 'binary', op: '*', left: { type: 'num', value: -2 },
      right: { type: 'call', name: 'SSmicmen', args: [{ type: 'var', name: 'conc' }, { type: 'var', name: 'Vm' }, { type: 'var', name: 'K' }] },
    };
    const original = compileNonlinear(tree, (n) => n !== 'conc');
    const json = structuredClone(original.toJSON());
    expect(json).toEqual({ kind: 'strata.nonlinear', version: 1, expression: '-2 * SSmicmen(conc, Vm, K)', params: ['Vm', 'K'], covariates: ['conc'] });
    const rebuilt = nonlinearFromJSON(JSON.parse(JSON.stringify(json)));
    expect(rebuilt.params).toEqual(original.params);
    const cov = [Float64Array.from([0.02, 0.2, 1.1])];
    const phi = [Float64Array.from([200, 210, 220]), Float64Array.from([0.05, 0.06, 0.07])];
    const out = [original, rebuilt].map((m) => {
      const mu = new Float64Array(3);
      const dmu = [new Float64Array(3), new Float64Array(3)];
      m.evaluate(cov, phi, 3, mu, dmu);
      return { mu, dmu };
    });
    expect(out[1]).toEqual(out[0]);
    expect(out[0]!.mu[0]).toBeCloseTo((-2 * 200 * 0.02) / (0.05 + 0.02), 12);
  });

  it('refuses malformed JSON and malformed hand-built trees with SpecError', () => {
    expect(() => nonlinearFromJSON({ kind: 'other' })).toThrow(SpecError);
    expect(() => nonlinearFromJSON(null)).toThrow(SpecError);
    expect(() => nonlinearFromJSON({ kind: 'strata.nonlinear', version: 1, expression: 'a * x', params: ['b'], covariates: ['x'] })).toThrow(/inconsistent/);
    const bad: unknown[] = [
      { type: 'num', value: Infinity },
      { type: 'num', value: NaN },
      { type: 'var', name: '' },
      { type: 'binary', op: '%', left: { type: 'num', value: 1 }, right: { type: 'num', value: 1 } },
      { type: 'call', name: 'nope', args: [] },
      { type: 'call', name: 'exp', args: [] },
      { type: 'mystery' },
    ];
    for (const tree of bad) expect(() => compileNonlinear(tree as ExprNode, () => true)).toThrow(SpecError);
    let deep: ExprNode = { type: 'var', name: 'x' };
    for (let k = 0; k < 50_000; k++) deep = { type: 'neg', arg: deep };
    expect(() => compileNonlinear(deep, () => true)).toThrow(/nested too deeply/);
  });
});
