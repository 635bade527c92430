import type { DrawMatrix } from './draws.js';

/**
 * posterior's split_chains: m chains of n iterations become 2m chains of floor(n / 2): first the
 * first halves, then the second halves. For odd n the middle iteration is dropped; n <= 1 is not split.
 */
export function splitChains(x: DrawMatrix, out?: Float64Array): DrawMatrix {
  const n = x.iterations;
  if (n <= 1) return x;
  const half = Math.floor(n / 2);
  const secondStart = n - half; // skips the middle iteration when n is odd
  const m = x.chains;
  const values = out ?? new Float64Array(2 * m * half);
  for (let c = 0; c < m; c++) {
    const from = c * n;
    values.set(x.values.subarray(from, from + half), c * half);
    values.set(x.values.subarray(from + secondStart, from + n), (m + c) * half);
  }
  return { chains: 2 * m, iterations: half, values };
}

/** Number of draws splitChains(x) keeps. */
export function splitLength(x: DrawMatrix): number {
  return x.iterations <= 1 ? x.values.length : 2 * x.chains * Math.floor(x.iterations / 2);
}

/**
 * Where each draw of x lands in splitChains(x).values, or -1 for a middle draw that splitting drops.
 */
export function splitPositions(x: DrawMatrix, out?: Int32Array): Int32Array {
  const n = x.iterations;
  const positions = out ?? new Int32Array(x.values.length);
  if (n <= 1) {
    for (let i = 0; i < positions.length; i++) positions[i] = i;
    return positions;
  }
  const half = Math.floor(n / 2);
  const secondStart = n - half;
  const m = x.chains;
  for (let c = 0; c < m; c++) {
    const from = c * n;
    const firstHalf = c * half - from;
    const secondHalf = (m + c) * half - secondStart - from;
    for (let i = from; i < from + half; i++) positions[i] = i + firstHalf;
    if (secondStart > half) positions[from + half] = -1; // the middle of an odd-length chain
    for (let i = from + secondStart; i < from + n; i++) positions[i] = i + secondHalf;
  }
  return positions;
}
