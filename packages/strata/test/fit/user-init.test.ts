/** The init option: constrained starting values by name, mapped through the model's transforms; bad ones fail before sampling. */
import { describe, expect, it } from 'vitest';
import { compile } from '@strata/core';
import { fit, FitOptionsError } from '../../src/index.js';
import { userInits } from '../../src/user-init.js';

const data = { y: [1.2, 0.4, 0.9, 1.5, 2.1, 1.7], x: [0, 1, 2, 3, 4, 5], g: ['a', 'a', 'b', 'b', 'c', 'c'] };
const spec = { formula: 'y ~ x + (1 | g)' };

describe('init', () => {
  it('maps named constrained values to the unconstrained start; the rest random in (-2, 2)', () => {
    const model = compile(spec, data);
    const [a, b] = userInits(model, { b_x: 0.25, sigma: 0.2, sd_g__Intercept: 0.3 }, 2, 7, 2);
    const c = model.constrain(a);
    const at = (name: string) => c[model.constrainedNames.indexOf(name)];
    expect(at('b_x')).toBeCloseTo(0.25, 12);
    expect(at('sigma')).toBeCloseTo(0.2, 12);
    expect(at('sd_g__Intercept')).toBeCloseTo(0.3, 12);
    expect(model.constrain(b)[model.constrainedNames.indexOf('sigma')]).toBeCloseTo(0.2, 12);
    for (const v of a) expect(Math.abs(v)).toBeLessThan(2);
    expect(a).not.toEqual(b); // the random rest differs between chains
    const per = userInits(model, [{ sigma: 1 }, { sigma: 3 }], 2, 7, 2);
    expect(model.constrain(per[1])[model.constrainedNames.indexOf('sigma')]).toBeCloseTo(3, 12);
  });

  it('bad values are one-line FitOptionsErrors naming the parameter, before sampling', async () => {
    const bad = async (init: unknown) => (await fit(spec, data, { chains: 2, warmup: 10, draws: 10, seed: 1, init: init as never }).catch((e: unknown) => e)) as Error;
    for (const [init, msg] of [
      [{ sigma: 0 }, /^init: "sigma" = 0 is outside its bounds \(0, Infinity\)$/],
      [{ sigma: -1 }, /"sigma" = -1 is outside its bounds/],
      [{ b_x: Number.NaN }, /^init: "b_x" must be a finite number, got NaN$/],
      [{ b_z: 1 }, /^init: "b_z": not a parameter of this model; initialisable: b_Intercept, b_x, sigma, sd_g__Intercept$/],
      [{ 'r_g[a,Intercept]': 1 }, /"r_g\[a,Intercept\]": group-level effects and correlations cannot be initialised/],
      [[{ sigma: 1 }], /^init has 1 entries but there are 2 chains$/],
      [[{ sigma: 1 }, { sigma: Infinity }], /^init\[1\]: "sigma" must be a finite number, got Infinity$/],
    ] as const) {
      const e = await bad(init);
      expect(e).toBeInstanceOf(FitOptionsError);
      expect(e.message).toMatch(msg);
      expect(e.message).not.toMatch(/\n/);
    }
  });

  it('a fit with init is reproducible and differs from one without', async () => {
    const opts = { chains: 2, warmup: 0, draws: 1, seed: 3, parallel: 1, progressBar: false } as const;
    const start = { b_Intercept: 5, b_x: -3, sigma: 4, sd_g__Intercept: 2 };
    const f1 = await fit(spec, data, { ...opts, init: start });
    const f2 = await fit(spec, data, { ...opts, init: start });
    const f0 = await fit(spec, data, opts);
    const first = (f: typeof f1) => Array.from(f.pooled('b_Intercept'));
    expect(first(f1)).toEqual(first(f2));
    expect(first(f1)).not.toEqual(first(f0));
    // One transition from b_Intercept = 5 with no warmup stays near the start (the random starts are in (-2, 2)).
    for (const v of first(f1)) expect(v).toBeGreaterThan(2.5);
  });
});
