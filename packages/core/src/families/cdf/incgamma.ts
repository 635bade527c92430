/**
 * Log of the regularized incomplete gamma functions P(a, x) (lower) and Q(a, x) = 1 - P (upper) with
 * their derivatives in the shape a and in x, computed in log space so that far tails (a Poisson CDF
 * thousands of sd below the mean) stay finite.
 *
 * Method (as Numerical Recipes' gser/gcf, here differentiated in a):
 * - x < a + 1: P = x^a e^-x / Gamma(a + 1) * S, S = sum_n t_n, t_0 = 1, t_n = t_{n-1} x / (a + n).
 *   dS/da = sum_n t_n h_n with h_n = -sum_{k<=n} 1 / (a + k) (exact term-by-term derivative).
 * - otherwise: Q = x^a e^-x / Gamma(a) * h, h the Legendre continued fraction evaluated by the
 *   modified Lentz method; d log h / da = sum_j (dC_j / C_j - dD_j / D_j), the forward-mode
 *   derivative of each Lentz factor (the partial numerators -j (j - a) and denominators
 *   x + 2j + 1 - a are linear in a).
 * Both stop when the next term changes the value and the derivative by less than 1e-16 relative,
 * so the derivative is as accurate as the value (about 1e-14 relative for moderate a, x; the
 * log-prefactor a log x - x - lgamma(a) carries an absolute error of eps times its terms).
 * The complement follows by log1mexp, and d log P = -(Q / P) d log Q.
 */
import { digamma, lgamma } from '../special.js';
import { log1mexp } from './logdiff.js';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 200000;

/**
 * out[0] = log P(a, x) (upper = false) or log Q(a, x) (upper = true), out[1] = d/da, out[2] = d/dx.
 * Requires a > 0, x >= 0; otherwise out[0] = NaN.
 */
export function logIncGamma(a: number, x: number, upper: boolean, out: Float64Array): void {
  if (!(a > 0) || !(x >= 0) || a === Infinity) {
    out[0] = Number.NaN;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  if (x === 0 || x === Infinity) {
    const lowerIsZero = x === 0;
    out[0] = lowerIsZero === upper ? 0 : -Infinity;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const logX = Math.log(x);
  let logP: number;
  let dPa: number;
  let logQ: number;
  let dQa: number;
  if (x < a + 1) {
    let t = 1;
    let s = 1;
    let h = 0;
    let ds = 0;
    for (let n = 1; n < MAX_TERMS; n++) {
      t *= x / (a + n);
      h -= 1 / (a + n);
      s += t;
      ds += t * h;
      if (t < EPS * s && Math.abs(t * h) <= EPS * Math.abs(ds)) break;
    }
    logP = a * logX - x - lgamma(a + 1) + Math.log(s);
    dPa = logX - digamma(a + 1) + ds / s;
    logQ = log1mexp(-logP);
    dQa = -Math.exp(logP - logQ) * dPa;
  } else {
    let b = x + 1 - a;
    let c = 1 / TINY;
    let d = 1 / b;
    let dd = 1 / (b * b); // d/da of 1 / b, since db/da = -1
    let dc = 0;
    let h = d;
    let g = 1 / b; // d log h / da = -b' / b
    for (let j = 1; j < MAX_TERMS; j++) {
      const an = -j * (j - a);
      const dan = j;
      b += 2;
      let den = an * d + b;
      const dden = dan * d + an * dd - 1;
      if (Math.abs(den) < TINY) den = TINY;
      let cc = b + an / c;
      const dcc = -1 + dan / c - (an * dc) / (c * c);
      if (Math.abs(cc) < TINY) cc = TINY;
      d = 1 / den;
      dd = -dden * d * d;
      c = cc;
      dc = dcc;
      const del = d * c;
      const dLogDel = dcc / cc - dden / den;
      h *= del;
      g += dLogDel;
      if (Math.abs(del - 1) < EPS && Math.abs(dLogDel) <= EPS * Math.max(1, Math.abs(g))) break;
    }
    logQ = a * logX - x - lgamma(a) + Math.log(h);
    dQa = logX - digamma(a) + g;
    logP = log1mexp(-logQ);
    dPa = -Math.exp(logQ - logP) * dQa;
  }
  // d/dx P = x^(a-1) e^-x / Gamma(a): the gamma density, taken relative to the tail in log space.
  const logDensity = (a - 1) * logX - x - lgamma(a);
  if (upper) {
    out[0] = logQ;
    out[1] = dQa;
    out[2] = -Math.exp(logDensity - logQ);
  } else {
    out[0] = logP;
    out[1] = dPa;
    out[2] = Math.exp(logDensity - logP);
  }
}
