/**
 * x^y that every JavaScript engine computes alike, bit for bit (issue 15).
 *
 * `Math.pow` (and `**`) is not: ECMAScript leaves its accuracy to the engine, and V8 versions differ
 * in the last bit (Node 20 against Chromium 150: 1,936 of 20,000 seeded arguments, bench/math-probe.mjs),
 * so a model using x^y gave other draws in a browser than in Node for the same seed. `Math.exp` and
 * `Math.sqrt` agree (sqrt is correctly rounded by the standard; exp is the same fdlibm code in every
 * V8), and + - * / are IEEE 754, so x^y is built from those alone:
 * - the cases ECMAScript defines exactly (NaN, zeros, infinities, y = 0) go to `Math.pow`, whose
 *   results there are fixed values;
 * - integer y with |y| <= 32 by repeated squaring in double-double arithmetic (Dekker's exact
 *   products): correctly rounded but in rare ties, so exact whenever the result is (3^5 = 243);
 * - y = +-1/2 by the correctly rounded square root;
 * - otherwise exp(y log|x|), with log|x| = k ln 2 + 2 atanh((m - 1) / (m + 1)) summed in two doubles
 *   (error about 1e-19) and y log|x| split exactly into hi + lo, the result e^hi (1 + lo). Within
 *   1 ulp of the correctly rounded x^y, as Node's Math.pow (against mpmath, 110,000 arguments with
 *   |y| up to 2000; correctly rounded 74% of the time, Math.pow 90%).
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
  // a = 2^k m with m in [1, 2) (subnormal a scaled by 2^54 first)
  BITS[0] = a;
  let word = BITS_WORDS[HIGH]!;
  let k = (word >>> 20) - 1023;
  if (k === -1023) {
    BITS[0] = a * 18014398509481984;
    word = BITS_WORDS[HIGH]!;
    k = (word >>> 20) - 1077;
  }
  const integer = Math.floor(y) === y;
  const n = Math.abs(y);
  if (y === 1) {
    io[2] = x;
    return;
  }
  if (y === 2) {
    io[2] = x * x; // one rounding: correctly rounded already
    return;
  }
  // |n log2 a| < 990: every partial power and its reciprocal stays far from over- and underflow,
  // so the splits below cannot overflow
  if (integer && n <= 32 && n * (Math.abs(k) + 1) < 990) {
    // r = rh + rl and b = bh + bl in double-double; each product keeps its rounding error exactly
    let rh = 1;
    let rl = 0;
    let bh = x;
    let bl = 0;
    let m = n;
    for (;;) {
      if (m % 2 === 1) {
        const p = rh * bh;
        let t = 134217729 * rh;
        const ah = t - (t - rh);
        const al = rh - ah;
        t = 134217729 * bh;
        const ch = t - (t - bh);
        const cl = bh - ch;
        const e = ah * ch - p + ah * cl + al * ch + al * cl + (rh * bl + rl * bh);
        rh = p + e;
        rl = e - (rh - p);
      }
      m = Math.floor(m / 2);
      if (m === 0) break;
      const p = bh * bh;
      const t = 134217729 * bh;
      const ch = t - (t - bh);
      const cl = bh - ch;
      const e = ch * ch - p + 2 * ch * cl + cl * cl + 2 * bh * bl;
      bh = p + e;
      bl = e - (bh - p);
    }
    if (y > 0) {
      io[2] = rh;
      return;
    }
    // 1 / (rh + rl): q = 1 / rh, corrected by q (1 - q rh - q rl) with q rh exact
    const q = 1 / rh;
    const p = q * rh;
    let t = 134217729 * q;
    const qh = t - (t - q);
    const ql = q - qh;
    t = 134217729 * rh;
    const ch = t - (t - rh);
    const cl = rh - ch;
    const pe = qh * ch - p + qh * cl + ql * ch + ql * cl;
    io[2] = q + q * (1 - p - pe - q * rl);
    return;
  }
  if (x < 0 && !integer) {
    io[2] = NaN;
    return;
  }
  const odd = integer && n < 9007199254740992 && n % 2 === 1; // |y| >= 2^53 is even
  if (a === 1) {
    io[2] = x > 0 || odd ? x : 1; // (-1)^y for integer y
    return;
  }
  if (y === 0.5 || y === -0.5) {
    const s = Math.sqrt(a); // x > 0 here: a negative x with a half exponent is NaN above
    io[2] = y > 0 ? s : 1 / s;
    return;
  }
  // log a = k ln 2 + log m, m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s), s = f / (2 + f), f = m - 1
  // (exact), s = sh + sl from the exact remainder, 2 atanh(s) = 2 s + (2/3) s^3 + s^5 P(s^2), |s| < 0.172
  BITS_WORDS[HIGH] = (word & 0x000fffff) | 0x3ff00000;
  let mm = BITS[0]!;
  if (mm > Math.SQRT2) {
    mm *= 0.5;
    k += 1;
  }
  const f = mm - 1;
  const dh = 2 + f;
  const dl = f - (dh - 2);
  const sh = f / dh;
  let t = 134217729 * sh;
  const uh = t - (t - sh);
  const ul = sh - uh;
  t = 134217729 * dh;
  const vh = t - (t - dh);
  const vl = dh - vh;
  const p = sh * dh;
  const pe = uh * vh - p + uh * vl + ul * vh + ul * vl;
  const sl = (f - p - pe - sh * dl) / dh;
  // s^3 = s3 + s3e (sh^2 and sh s^2 with their exact errors, sl's share 3 s^2 sl), then (2/3) s^3 =
  // t3 + t3e: the s^3 term carries 1% of log m, too much to take with a double's relative error
  const s2 = sh * sh;
  const s2e = uh * uh - s2 + 2 * uh * ul + ul * ul;
  t = 134217729 * s2;
  const wh = t - (t - s2);
  const wl = s2 - wh;
  const s3 = sh * s2;
  const s3e = uh * wh - s3 + uh * wl + ul * wh + ul * wl + sh * s2e + 3 * s2 * sl;
  t = 134217729 * s3;
  const zh = t - (t - s3);
  const zl = s3 - zh;
  const t3 = TWO_THIRDS * s3;
  const t3e = TWO_THIRDS_HIGH * zh - t3 + TWO_THIRDS_HIGH * zl + TWO_THIRDS_LOW * zh + TWO_THIRDS_LOW * zl + TWO_THIRDS * s3e + TWO_THIRDS_TAIL * s3;
  // 2 atanh(s) - 2 s - (2/3) s^3 = s^5 (2/5 + 2/7 s^2 + ... + 2/25 s^20), truncation < 1e-21
  const tail5 =
    s3 *
    s2 *
    (0.4 +
      s2 *
        (0.2857142857142857 +
          s2 *
            (0.2222222222222222 +
              s2 *
                (0.18181818181818182 +
                  s2 *
                    (0.15384615384615385 +
                      s2 * (0.13333333333333333 + s2 * (0.11764705882352941 + s2 * (0.10526315789473684 + s2 * (0.09523809523809523 + s2 * (0.08695652173913043 + s2 * 0.08))))))))));
  // k LN2_HI is exact (LN2_HI has 21 trailing zero bits, |k| < 1100), and so is 2 sh
  const K = k * LN2_HI;
  const twoS = 2 * sh;
  const sum = K + twoS;
  const v = sum - K;
  const rest = K - (sum - v) + (twoS - v) + (k * LN2_LO + 2 * sl + t3e + tail5) + t3;
  const logHi = sum + rest;
  const logLo = rest - (logHi - sum);
  // y log a = hi + lo: hi = y logHi rounded, and its rounding error exactly (no overflow in the
  // splits: |hi| < 746 below, and |logHi| > 1e-16 for a != 1, so |y| < 1e19)
  const hi = y * logHi;
  const e = Math.exp(hi);
  if (e === 0 || e === Infinity) {
    io[2] = odd && x < 0 ? -e : e;
    return;
  }
  t = 134217729 * y;
  const yh = t - (t - y);
  const yl = y - yh;
  t = 134217729 * logHi;
  const lh = t - (t - logHi);
  const ll = logHi - lh;
  const lo = yh * lh - hi + yh * ll + yl * lh + yl * ll + y * logLo;
  const r = e + e * lo; // e^(hi + lo) to first order in lo (|lo| < 2^-43)
  io[2] = odd && x < 0 ? -r : r;
}

/** 2/3 = TWO_THIRDS + TWO_THIRDS_TAIL; TWO_THIRDS = TWO_THIRDS_HIGH + TWO_THIRDS_LOW (26-bit halves). */
const TWO_THIRDS = 0.6666666666666666;
const TWO_THIRDS_TAIL = 3.700743415417188e-17;
const TWO_THIRDS_HIGH = (() => {
  const t = 134217729 * TWO_THIRDS;
  return t - (t - TWO_THIRDS);
})();
const TWO_THIRDS_LOW = TWO_THIRDS - TWO_THIRDS_HIGH;
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
