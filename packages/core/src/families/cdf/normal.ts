/**
 * The standard normal's log CDF and log CCDF with d/dz, accurate in both tails. In the lower tail
 * Phi(z) = erfc(t) / 2 = erfcx(t) exp(-t^2) / 2 with t = -z / sqrt 2, so log Phi(z) = log(erfcx(t) / 2)
 * - t^2 never underflows (z = -40 gives -804.6) and the inverse Mills ratio phi / Phi =
 * sqrt(2 / pi) / erfcx(t) needs no division of two tiny numbers.
 */
import erfcx from '@stdlib/math-base-special-erfcx';
import erfc from '@stdlib/math-base-special-erfc';

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
export const HALF_LOG_2PI_N = 0.5 * Math.log(2 * Math.PI);

/** out[0] = log Phi(z), out[1] = phi(z) / Phi(z). */
export function stdNormalLcdf(z: number, out: Float64Array): void {
  if (z < 0) {
    const t = -z * SQRT1_2;
    const e = erfcx(t);
    out[0] = Math.log(0.5 * e) - t * t;
    out[1] = SQRT_2_OVER_PI / e;
    return;
  }
  if (z === Infinity) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const q = 0.5 * erfc(z * SQRT1_2); // 1 - Phi(z), no cancellation
  const lp = Math.log1p(-q);
  out[0] = lp;
  out[1] = Math.exp(-0.5 * z * z - HALF_LOG_2PI_N - lp);
}

/** out[0] = log(1 - Phi(z)) = log Phi(-z), out[1] = d/dz = -phi(z) / (1 - Phi(z)). */
export function stdNormalLccdf(z: number, out: Float64Array): void {
  stdNormalLcdf(-z, out);
  out[1] = -out[1];
}

/** Phi(z), accurate relative to itself in the lower tail. */
export function stdNormalCdf(z: number): number {
  return z < 0 ? 0.5 * erfc(-z * SQRT1_2) : 1 - 0.5 * erfc(z * SQRT1_2);
}
