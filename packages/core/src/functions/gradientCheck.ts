import type { NlFunction } from './types.js';

/**
 * Central-difference check of a hand-written gradient. The difference quotient uses Richardson
 * extrapolation of two step sizes (error O(h^4)), so a relative tolerance of 1e-5 is far above the
 * numerical noise of a correct gradient but far below the error of a wrong one.
 */
export interface GradientMismatch {
  argument: number;
  point: number[];
  analytic: number;
  numeric: number;
}

export function centralDifference(f: (x: number[]) => number, x: number[], j: number): number {
  const h = 1e-3 * Math.max(1, Math.abs(x[j]!));
  const at = (step: number): number => {
    const xp = x.slice();
    const xm = x.slice();
    xp[j] = x[j]! + step;
    xm[j] = x[j]! - step;
    return (f(xp) - f(xm)) / (2 * step);
  };
  const coarse = at(h);
  const fine = at(h / 2);
  return (4 * fine - coarse) / 3;
}

/** Returns the first argument whose derivative disagrees with finite differences, or null. */
export function findGradientMismatch(fn: NlFunction, point: number[], relTol = 1e-5): GradientMismatch | null {
  const grad = new Float64Array(fn.arity);
  const value = fn.gradient(point, grad);
  const f = (x: number[]): number => fn.value(x);
  for (let j = 0; j < fn.arity; j++) {
    const numeric = centralDifference(f, point, j);
    const analytic = grad[j]!;
    // scale-aware: relative to the derivative itself, or to value/|x| when the derivative is ~0
    const scale = Math.max(Math.abs(numeric), Math.abs(analytic), (Math.abs(value) + 1e-8) / Math.max(1, Math.abs(point[j]!)) * 1e-3);
    if (!(Math.abs(analytic - numeric) <= relTol * scale)) return { argument: j, point, analytic, numeric };
  }
  return null;
}
