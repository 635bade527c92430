/**
 * The slot convention of the per-observation likelihood pieces: each function writes its value to
 * out[0] and its partial derivatives after it (d/dmu in out[1], then one per distributional
 * parameter in the order of the signature, on the natural constrained scale). Outside a
 * parameter's domain the value is -Infinity and every derivative 0, never NaN.
 */

/** Marks out[0..n-1] as "impossible": -Infinity with zero derivatives. */
export function setImpossible(out: Float64Array, n: number): void {
  out[0] = -Infinity;
  for (let k = 1; k < n; k++) out[k] = 0;
}

/** Marks a certain event: log 1 = 0 with zero derivatives. */
export function setCertain(out: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) out[k] = 0;
}

/** True for a finite positive number. */
export function isPositive(x: number): boolean {
  return x > 0 && x < Infinity;
}

/** True for a number strictly inside (0, 1). */
export function isProbability(x: number): boolean {
  return x > 0 && x < 1;
}
