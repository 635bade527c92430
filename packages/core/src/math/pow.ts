/**
 * x^y that every JavaScript engine computes alike, bit for bit (issue 15).
 *
 * `Math.pow` (and `**`) is not: ECMAScript leaves its accuracy to the engine, and V8 versions differ
 * in the last bit (Node 20 against Chromium 150: 1,936 of 20,000 seeded arguments, bench/math-probe.mjs),
 * so a model using x^y gave other draws in a browser than in Node for the same seed. `Math.exp`,
 * `Math.log` and `Math.sqrt` agree (sqrt is correctly rounded by the standard; exp and log are the
 * same fdlibm code in every V8), and + - * / are IEEE 754, so x^y is built from those alone:
 * - the cases ECMAScript defines exactly (NaN, zeros, infinities, |x| = 1 with y infinite) go to
 *   `Math.pow`, whose results there are fixed values;
 * - integer y with |y| <= 32 by repeated squaring (exact when the result is, e.g. 3^5 = 243);
 *   y = +-1/2 by the correctly rounded square root;
 * - otherwise exp(y log|x|) with the roundings of log|x| and of the product carried along: log|x|
 *   as k ln 2 + log1p(m - 1) in two doubles, y log|x| split exactly into hi + lo (Dekker), and the
 *   result e^hi (1 + lo). Relative error about 1 ulp + |y| 2^-54 (within a few ulps of Math.pow for
 *   |y| < 10; test/math/pow.test.ts), plenty for a log density and its gradient.
 *
 * Written as one function with an in/out Float64Array, no helper calls and no number returned: a
 * generated kernel may not inline it, and then numbers passed or returned would be boxed (a heap
 * allocation per call; see functions/numerics.ts).
 */

/** io[2] = io[0] ^ io[1] (x^y), the same bits in every engine. */
export function powInto(io: Float64Array): void {
  const x = io[0]!;
  const y = io[1]!;
  const a = Math.abs(x);
  // ECMAScript's exactly defined cases: NaN, x or y infinite, x = +-0, y = 0
  if (y === 0 || !(a > 0 && a < Infinity && Math.abs(y) < Infinity)) {
    io[2] = Math.pow(x, y);
    return;
  }
  const integer = Math.floor(y) === y;
  if (integer && Math.abs(y) <= 32) {
    let n = Math.abs(y);
    let base = x;
    let r = 1;
    for (;;) {
      if (n % 2 === 1) r *= base;
      n = Math.floor(n / 2);
      if (n === 0) break;
      base *= base;
    }
    if (y > 0) {
      io[2] = r;
      return;
    }
    // 1 / r, unless r over- or underflowed where x^y itself is a normal number
    const inv = 1 / r;
    if (Math.abs(r) >= 2.2250738585072014e-308 && Math.abs(r) < Infinity) {
      io[2] = inv;
      return;
    }
  }
  if (x < 0 && !integer) {
    io[2] = NaN;
    return;
  }
  if (a === 1) {
    // (-1)^y for integer y: the sign of an odd power (|y| >= 2^53 is even)
    io[2] = x > 0 || (Math.abs(y) < 9007199254740992 && Math.abs(y) % 2 === 1) ? x : 1;
    return;
  }
  if (y === 0.5 || y === -0.5) {
    const s = Math.sqrt(a); // x > 0 here: a negative x with a half exponent is NaN above
    io[2] = y > 0 ? s : 1 / s;
    return;
  }
  const negative = x < 0 && Math.abs(y) < 9007199254740992 && Math.abs(y) % 2 === 1;
  // log a = k ln2 + log1p(m - 1) with a = 2^k m, m in [sqrt(1/2), sqrt(2)): m - 1 is exact, and the
  // sum is kept as hi + lo, so log a is known to about 2^-54 absolute rather than 2^-53 |log a|
  BITS[0] = a;
  let word = BITS_WORDS[HIGH]!;
  let k = (word >>> 20) - 1023;
  if (k === -1023) {
    BITS[0] = a * 18014398509481984; // subnormal: scale by 2^54 first
    word = BITS_WORDS[HIGH]!;
    k = (word >>> 20) - 1077;
  }
  BITS_WORDS[HIGH] = (word & 0x000fffff) | 0x3ff00000;
  let m = BITS[0]!; // in [1, 2)
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const L = Math.log1p(m - 1);
  const K = k * LN2_HI; // exact: LN2_HI has 21 trailing zero bits, |k| < 1100
  const sum = K + L;
  const v = sum - K;
  const rest = K - (sum - v) + (L - v) + k * LN2_LO;
  const logHi = sum + rest; // renormalised: |logLo| <= ulp(logHi) / 2
  const logLo = rest - (logHi - sum);
  // y log a = hi + lo: hi = y logHi rounded, its error exactly (Veltkamp split into 26-bit halves;
  // no overflow, as |hi| < 746 below and |logHi| > 1e-16 for a != 1, so |y| < 1e19)
  const hi = y * logHi;
  const e = Math.exp(hi);
  if (e === 0 || e === Infinity) {
    io[2] = negative ? -e : e;
    return;
  }
  let t = 134217729 * y;
  const yh = t - (t - y);
  const yl = y - yh;
  t = 134217729 * logHi;
  const lh = t - (t - logHi);
  const ll = logHi - lh;
  const lo = yh * lh - hi + yh * ll + yl * lh + yl * ll + y * logLo;
  const r = e + e * lo; // e^(hi + lo) to first order in lo (|lo| < 2^-40)
  io[2] = negative ? -r : r;
}

/** ln 2 = LN2_HI + LN2_LO, LN2_HI with its low 21 bits zero (fdlibm's split). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** The bits of a double: BITS_WORDS[HIGH] holds sign, exponent and the top 20 bits of the fraction. */
const BITS = new Float64Array(1);
const BITS_WORDS = new Uint32Array(BITS.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

const scratch = new Float64Array(3);

/**
 * x^y as `powInto` computes it, for code off the hot path (setup, results): a call that is not
 * inlined boxes its numbers. Hot loops and generated kernels use `powInto` with their own array.
 */
export function pow(x: number, y: number): number {
  scratch[0] = x;
  scratch[1] = y;
  powInto(scratch);
  return scratch[2]!;
}
