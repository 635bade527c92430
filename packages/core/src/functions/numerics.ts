/**
 * Numerically careful helpers shared by the library functions.
 *
 * They take their input from and write their results to a caller-owned Float64Array `io` (input in
 * io[0], results from io[1]) instead of taking and returning numbers: when V8 runs out of inlining
 * budget in a large generated evaluator, an out-of-line call boxes every non-integer number passed
 * or returned (a heap allocation each), which would break the promise that evaluation allocates
 * nothing. Reading and writing a typed array never allocates.
 */

/**
 * From z = io[0]: io[1] = s = 1 / (1 + exp(z)), io[2] = 1 - s, io[3] = s (1 - s), all computed from
 * exp(-|z|) so nothing overflows and neither tail loses precision to cancellation.
 */
export function logistic(io: Float64Array): void {
  const z = io[0]!;
  const e = Math.exp(-Math.abs(z));
  const d = 1 + e;
  if (z > 0) {
    io[1] = e / d;
    io[2] = 1 / d;
  } else {
    io[1] = 1 / d;
    io[2] = e / d;
  }
  io[3] = e / (d * d);
}

/**
 * From z = io[0]: io[1] = phi1(z) = (exp(z) - 1) / z and io[2] = phi2(z) = (exp(z) - 1 - z) / z^2
 * (phi1(0) = 1, phi2(0) = 1/2), with a Taylor series for phi2 near 0 where the direct form cancels.
 */
export function phiFunctions(io: Float64Array): void {
  const z = io[0]!;
  const em1 = Math.expm1(z);
  io[1] = z === 0 ? 1 : em1 / z;
  if (Math.abs(z) > 0.5) {
    io[2] = (em1 - z) / (z * z);
    return;
  }
  // sum_k z^k / (k+2)!, Horner form; 14 terms reach double precision for |z| <= 0.5
  let acc = 0;
  for (let k = 13; k >= 0; k--) acc = acc * z + INV_FACTORIAL_FROM_2[k]!;
  io[2] = acc;
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

/** From w = io[0]: io[1] = log(1 + exp(w)), io[2] = exp(w) / (1 + exp(w)), without overflow. */
export function softplus(io: Float64Array): void {
  const w = io[0]!;
  if (w > 0) {
    const e = Math.exp(-w);
    io[1] = w + Math.log1p(e);
    io[2] = 1 / (1 + e);
  } else {
    const e = Math.exp(w);
    io[1] = Math.log1p(e);
    io[2] = e / (1 + e);
  }
}
