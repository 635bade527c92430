/**
 * Log of the regularized incomplete beta function I_x(a, b) (lower) or 1 - I_x(a, b) (upper), with
 * derivatives in x, a and b, in log space for the tails.
 *
 * Method: I_x(a, b) = x^a (1-x)^b / (a B(a, b)) * K, K the continued fraction of Numerical Recipes'
 * betacf (Lentz), used where it converges fast, x < (a + 1) / (a + b + 2); elsewhere the symmetry
 * 1 - I_x(a, b) = I_{1-x}(b, a). The shape derivatives are exact forward-mode derivatives of the
 * Lentz recurrence: every partial numerator d_j is rational in a and b, so each factor's derivative
 * dC_j / C_j - dD_j / D_j is accumulated alongside (two tangents, a and b). The loop stops when the
 * factor and both tangents change by less than 1e-16 relative. The caller passes both x and y = 1 - x
 * so that a value near 1 keeps its complement's digits (a negative binomial with mu << shape).
 */
import { digamma, lgamma } from '../special.js';
import { log1mexp } from './logdiff.js';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100000;

/** Scratch of the one-sided evaluation: [log I, d/da, d/db]. */
const SIDE = new Float64Array(3);

/** SIDE = log I_x(a, b) by the continued fraction, with d/da, d/db (x in the fast region). */
function logIncBetaCf(x: number, logX: number, logY: number, a: number, b: number): void {
  const qab = a + b;
  const qap = a + 1;
  let c = 1;
  let dca = 0;
  let dcb = 0;
  let den = 1 - (qab * x) / qap;
  let ddena = (-x * (1 - b)) / (qap * qap);
  let ddenb = -x / qap;
  if (Math.abs(den) < TINY) den = TINY;
  let d = 1 / den;
  let dda = -ddena * d * d;
  let ddb = -ddenb * d * d;
  let logH = Math.log(d);
  let ga = -ddena / den;
  let gb = -ddenb / den;
  for (let m = 1; m < MAX_TERMS; m++) {
    for (let half = 0; half < 2; half++) {
      let aa: number;
      let daa: number;
      let dab: number;
      if (half === 0) {
        const p = a + 2 * m - 1;
        const q = a + 2 * m;
        aa = (m * (b - m) * x) / (p * q);
        daa = -aa * (1 / p + 1 / q);
        dab = (m * x) / (p * q);
      } else {
        const p = a + 2 * m;
        const q = qap + 2 * m;
        aa = (-(a + m) * (qab + m) * x) / (p * q);
        daa = aa * (1 / (a + m) + 1 / (qab + m) - 1 / p - 1 / q);
        dab = aa / (qab + m);
      }
      let nd = 1 + aa * d;
      const ndA = daa * d + aa * dda;
      const ndB = dab * d + aa * ddb;
      if (Math.abs(nd) < TINY) nd = TINY;
      let nc = 1 + aa / c;
      const ncA = daa / c - (aa * dca) / (c * c);
      const ncB = dab / c - (aa * dcb) / (c * c);
      if (Math.abs(nc) < TINY) nc = TINY;
      d = 1 / nd;
      dda = -ndA * d * d;
      ddb = -ndB * d * d;
      c = nc;
      dca = ncA;
      dcb = ncB;
      const del = d * c;
      logH += Math.log(del);
      const stepA = ncA / nc - ndA / nd;
      const stepB = ncB / nc - ndB / nd;
      ga += stepA;
      gb += stepB;
      if (
        half === 1 &&
        Math.abs(del - 1) < EPS &&
        Math.abs(stepA) <= EPS * Math.max(1, Math.abs(ga)) &&
        Math.abs(stepB) <= EPS * Math.max(1, Math.abs(gb))
      ) {
        m = MAX_TERMS;
        break;
      }
    }
  }
  const psiAB = digamma(qab);
  SIDE[0] = a * logX + b * logY - Math.log(a) - lgamma(a) - lgamma(b) + lgamma(qab) + logH;
  SIDE[1] = logX - 1 / a - digamma(a) + psiAB + ga;
  SIDE[2] = logY - digamma(b) + psiAB + gb;
}

/**
 * out[0] = log I_x(a, b) (upper = false) or log(1 - I_x(a, b)) (upper = true); out[1] = d/dx,
 * out[2] = d/da, out[3] = d/db. y must equal 1 - x (pass it computed without cancellation).
 * Requires a, b > 0 and 0 <= x <= 1; otherwise out[0] = NaN.
 */
export function logIncBeta(x: number, y: number, a: number, b: number, upper: boolean, out: Float64Array): void {
  if (!(a > 0 && b > 0 && a < Infinity && b < Infinity) || !(x >= 0 && y >= 0)) {
    out[0] = Number.NaN;
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    return;
  }
  if (x === 0 || y === 0) {
    out[0] = (x === 0) === upper ? 0 : -Infinity;
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    return;
  }
  const logX = Math.log(x);
  const logY = Math.log(y);
  let logLo: number; // log I_x(a, b)
  let loA: number;
  let loB: number;
  let logUp: number; // log(1 - I_x(a, b))
  let upA: number;
  let upB: number;
  if (x * (a + b + 2) < a + 1) {
    logIncBetaCf(x, logX, logY, a, b);
    logLo = SIDE[0];
    loA = SIDE[1];
    loB = SIDE[2];
    logUp = log1mexp(-logLo);
    const r = -Math.exp(logLo - logUp);
    upA = r * loA;
    upB = r * loB;
  } else {
    logIncBetaCf(y, logY, logX, b, a); // = log(1 - I_x(a, b)); its "a" is our b
    logUp = SIDE[0];
    upA = SIDE[2];
    upB = SIDE[1];
    logLo = log1mexp(-logUp);
    const r = -Math.exp(logUp - logLo);
    loA = r * upA;
    loB = r * upB;
  }
  // d/dx I = x^(a-1) (1-x)^(b-1) / B(a, b): the beta density, relative to the tail in log space.
  const logDensity = (a - 1) * logX + (b - 1) * logY - lgamma(a) - lgamma(b) + lgamma(a + b);
  if (upper) {
    out[0] = logUp;
    out[1] = -Math.exp(logDensity - logUp);
    out[2] = upA;
    out[3] = upB;
  } else {
    out[0] = logLo;
    out[1] = Math.exp(logDensity - logLo);
    out[2] = loA;
    out[3] = loB;
  }
}
