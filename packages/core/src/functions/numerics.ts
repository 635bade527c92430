/**
 * Numerically careful helpers shared by the library functions.
 *
 * They write their results into a caller-owned Float64Array instead of returning numbers: when V8
 * runs out of inlining budget in a large generated evaluator, an out-of-line call that returns a
 * non-integer number boxes it (one heap allocation per call), which would break the promise that
 * evaluation allocates nothing. Writing into a typed array never allocates.
 */

/**
 * out[0] = s = 1 / (1 + exp(z)), out[1] = 1 - s, out[2] = s (1 - s), all computed from exp(-|z|) so
 * nothing overflows and neither tail loses precision to cancellation.
 */
export function logistic(z: number, out: Float64Array): void {
  const e = Math.exp(-Math.abs(z));
  const d = 1 + e;
  if (z > 0) {
    out[0] = e / d;
    out[1] = 1 / d;
  } else {
    out[0] = 1 / d;
    out[1] = e / d;
  }
  out[2] = e / (d * d);
}

/**
 * out[0] = phi1(z) = (exp(z) - 1) / z and out[1] = phi2(z) = (exp(z) - 1 - z) / z^2 (phi1(0) = 1,
 * phi2(0) = 1/2), with a Taylor series for phi2 near 0 where the direct form cancels.
 */
export function phiFunctions(z: number, out: Float64Array): void {
  const em1 = Math.expm1(z);
  out[0] = z === 0 ? 1 : em1 / z;
  if (Math.abs(z) > 0.5) {
    out[1] = (em1 - z) / (z * z);
    return;
  }
  // sum_k z^k / (k+2)!, Horner form; 14 terms reach double precision for |z| <= 0.5
  let acc = 0;
  for (let k = 13; k >= 0; k--) acc = acc * z + INV_FACTORIAL_FROM_2[k]!;
  out[1] = acc;
}

const INV_FACTORIAL_FROM_2 = (() => {
  const out = new Float64Array(14);
  let f = 1;
  for (let k = 1; k < 16; k++) {
    f *= k; // f = k!
    if (k >= 2) out[k - 2] = 1 / f;
  }
  return out;
})();

/** out[0] = log(1 + exp(w)), out[1] = exp(w) / (1 + exp(w)), without overflow. */
export function softplus(w: number, out: Float64Array): void {
  if (w > 0) {
    const e = Math.exp(-w);
    out[0] = w + Math.log1p(e);
    out[1] = 1 / (1 + e);
  } else {
    const e = Math.exp(w);
    out[0] = Math.log1p(e);
    out[1] = e / (1 + e);
  }
}
