/** Small numerically careful helpers shared by the library functions. */

/** 1 / (1 + exp(z)) and its derivative factor s(1-s), computed from exp(-|z|) so nothing overflows. */
export interface Logistic {
  /** 1 / (1 + exp(z)) */
  s: number;
  /** exp(z) / (1 + exp(z)) = 1 - s, computed without cancellation */
  c: number;
  /** s * (1 - s) */
  q: number;
}

export function logisticOfNegative(z: number, out: Logistic): Logistic {
  const e = Math.exp(-Math.abs(z));
  const d = 1 + e;
  if (z > 0) {
    out.s = e / d;
    out.c = 1 / d;
  } else {
    out.s = 1 / d;
    out.c = e / d;
  }
  out.q = e / (d * d);
  return out;
}

/** phi1(z) = (exp(z) - 1) / z, with phi1(0) = 1. */
export function phi1(z: number): number {
  return z === 0 ? 1 : Math.expm1(z) / z;
}

/** phi2(z) = (exp(z) - 1 - z) / z^2, with a Taylor series near 0 where the direct form cancels. */
export function phi2(z: number): number {
  if (Math.abs(z) > 0.5) return (Math.expm1(z) - z) / (z * z);
  // sum_k z^k / (k+2)!, Horner form; 14 terms reach double precision for |z| <= 0.5
  let acc = 0;
  for (let k = 13; k >= 0; k--) acc = acc * z + INV_FACTORIAL_FROM_2[k]!;
  return acc;
}

const INV_FACTORIAL_FROM_2 = (() => {
  const out = new Float64Array(14);
  let f = 1;
  for (let k = 0; k < 16; k++) {
    f *= k === 0 ? 1 : k; // f = k!
    if (k >= 2) out[k - 2] = 1 / f;
  }
  return out;
})();

/** log(1 + exp(w)) without overflow. */
export function softplus(w: number): number {
  return w > 0 ? w + Math.log1p(Math.exp(-w)) : Math.log1p(Math.exp(w));
}
