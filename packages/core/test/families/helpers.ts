/** Test helpers: a seeded random source and central finite differences. */
import type { RandomSource } from '../../src/families/index.js';
import { seededUniform } from '../../src/functions/random.js';

/** Seeded uniforms (core's mulberry32) + Box-Muller normals: deterministic for a seed. */
export function seededRandom(seed: number): RandomSource {
  const uniform = seededUniform(seed);
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

/** Central difference of f at x with step h. */
export function centralDiff(f: (x: number) => number, x: number, h = 1e-6 * Math.max(1, Math.abs(x))): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

export function closeTo(actual: number, expected: number, rel: number, abs = rel): boolean {
  return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
}
