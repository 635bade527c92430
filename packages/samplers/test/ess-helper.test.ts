import { describe, expect, it } from 'vitest';
import { chainRng } from '../src/index.js';
import { bulkEss, ess, normalQuantile } from './support/ess.js';

/** AR(1) chains x_t = phi x_{t-1} + sqrt(1 - phi^2) e_t, stationary N(0, 1). */
function ar1(phi: number, chains: number, n: number, seed: number): Float64Array[] {
  return Array.from({ length: chains }, (_, c) => {
    const rng = chainRng(seed, c);
    const x = new Float64Array(n);
    x[0] = rng.normal();
    for (let t = 1; t < n; t++) x[t] = phi * x[t - 1] + Math.sqrt(1 - phi * phi) * rng.normal();
    return x;
  });
}

describe('test ESS helper (the yardstick of every Monte Carlo tolerance)', () => {
  it('independent draws: ESS close to the number of draws', () => {
    const e = ess(ar1(0, 4, 2500, 1));
    expect(e / 10000).toBeGreaterThan(0.9);
    expect(e / 10000).toBeLessThan(1.1);
  });

  it('AR(1): ESS close to N (1 - phi) / (1 + phi), bulk ESS too', () => {
    for (const phi of [0.5, 0.9]) {
      const chains = ar1(phi, 4, 5000, 2);
      const expected = (20000 * (1 - phi)) / (1 + phi);
      expect(ess(chains) / expected).toBeGreaterThan(0.8);
      expect(ess(chains) / expected).toBeLessThan(1.2);
      expect(bulkEss(chains) / expected).toBeGreaterThan(0.8);
      expect(bulkEss(chains) / expected).toBeLessThan(1.2);
    }
  });

  it('normalQuantile inverts the normal CDF', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
  });
});
