import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededUniform } from '../../core/src/functions/random.js';

/** Reads a JSON file or fails with a message saying where it was expected. */
export function readJson<T>(url: URL, what: string): T {
  const path = fileURLToPath(url);
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}: the tests need it (see packages/diagnostics/test/fixtures/README.md)`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** |a - b| / |b|, or |a| when b is 0; 0 when both are NaN; Infinity when only one is. */
export function relativeError(actual: number, expected: number): number {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual) ? 0 : Infinity;
  if (actual === expected) return 0;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

/**
 * Seeded uniform generator, so that random tests are reproducible: core's (mulberry32), by relative
 * path, as the diagnostics package depends on no other package (tests only).
 */
export const uniformGenerator: (seed: number) => () => number = seededUniform;

/** Seeded standard normal generator (Box-Muller). */
export function normalGenerator(seed: number): () => number {
  const uniform = uniformGenerator(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Chains of an AR(1) process with unit stationary variance. */
export function ar1Chains(seed: number, chains: number, draws: number, phi: number): Float64Array[] {
  const normal = normalGenerator(seed);
  const innovation = Math.sqrt(1 - phi * phi);
  return Array.from({ length: chains }, () => {
    const chain = new Float64Array(draws);
    let x = normal();
    for (let i = 0; i < draws; i++) {
      x = phi * x + innovation * normal();
      chain[i] = x;
    }
    return chain;
  });
}
