import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainRng, noUTurn, noUTurnSum } from '../src/index.js';

const vec = (n: number) => fc.float64Array({ minLength: n, maxLength: n, min: -10, max: 10, noNaN: true, noDefaultInfinity: true });

describe('U-turn criterion', () => {
  it('continues while both end velocities point along rho, stops when either turns back', () => {
    const rho = new Float64Array([1, 0]);
    expect(noUTurn(new Float64Array([1, 1]), new Float64Array([0.1, -5]), rho)).toBe(true);
    expect(noUTurn(new Float64Array([-0.1, 1]), new Float64Array([1, 0]), rho)).toBe(false);
    expect(noUTurn(new Float64Array([1, 0]), new Float64Array([-1, 0]), rho)).toBe(false);
    // Orthogonal counts as a U-turn (the test is strict: > 0).
    expect(noUTurn(new Float64Array([0, 1]), new Float64Array([1, 0]), rho)).toBe(false);
  });

  it('property: noUTurnSum(a, b, r1, r2) = noUTurn(a, b, r1 + r2) and is symmetric in the ends', () => {
    fc.assert(
      fc.property(vec(3), vec(3), vec(3), vec(3), (a, b, r1, r2) => {
        const rho = r1.map((x, i) => x + r2[i]);
        expect(noUTurnSum(a, b, r1, r2)).toBe(noUTurn(a, b, rho));
        expect(noUTurn(a, b, rho)).toBe(noUTurn(b, a, rho));
      }),
      { seed: 1006 },
    );
  });
});

describe('chainRng', () => {
  it('same (seed, chain) gives the same stream; another seed or chain another one', () => {
    const draw = (seed: number, chain: number) => {
      const rng = chainRng(seed, chain);
      return [rng.normal(), rng.uniform(), rng.normal(), rng.uniform()];
    };
    expect(draw(5, 1)).toEqual(draw(5, 1));
    expect(draw(5, 1)).not.toEqual(draw(5, 2));
    expect(draw(5, 1)).not.toEqual(draw(6, 1));
    expect(draw(0, 0)).not.toEqual(draw(0, 1));
  });

  it('replays from a saved state (normal and uniform share one generator)', () => {
    const rng = chainRng(42, 3);
    rng.normal();
    const saved = rng.getState();
    const after = [rng.uniform(), rng.normal(), rng.uniform()];
    rng.setState(saved);
    expect([rng.uniform(), rng.normal(), rng.uniform()]).toEqual(after);
  });

  it('draws have the right first two moments and ranges', () => {
    const rng = chainRng(1, 0);
    const n = 50000;
    let [sn, sn2, su, su2, umin, umax] = [0, 0, 0, 0, 1, 0];
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      const u = rng.uniform();
      sn += z;
      sn2 += z * z;
      su += u;
      su2 += u * u;
      umin = Math.min(umin, u);
      umax = Math.max(umax, u);
    }
    expect(Math.abs(sn / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(su2 / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / n));
    expect(umin).toBeGreaterThanOrEqual(0);
    expect(umax).toBeLessThan(1);
  });

  it('validates seed and chain id', () => {
    expect(() => chainRng(-1, 0)).toThrow(/seed/);
    expect(() => chainRng(1.5, 0)).toThrow(/seed/);
    expect(() => chainRng(1, -1)).toThrow(/chain id/);
  });
});
