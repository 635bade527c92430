/**
 * Distribution functions the priors need for their truncation constants: the regularised incomplete
 * gamma P(a, x) / Q(a, x) (series for x < a + 1, Lentz continued fraction otherwise) and the
 * regularised incomplete beta I_x(a, b) (continued fraction, with the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
 * chosen so the fraction converges fast). Each returns the lower AND upper tail, the small one always
 * computed directly (never as 1 - something close to 1), so far tails keep their relative accuracy.
 */
import gammalnImpl from '@stdlib/math-base-special-gammaln';

export const lgamma: (x: number) => number = gammalnImpl;

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100_000;

export interface Tails {
  lower: number; // P(X <= x)
  upper: number; // P(X > x)
}

/** Regularised incomplete gamma: lower = P(a, x), upper = Q(a, x) = 1 - P(a, x). */
export function incompleteGamma(a: number, x: number): Tails {
  if (!(x > 0)) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const logFront = -x + a * Math.log(x) - lgamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    const lower = Math.exp(logFront) * sum;
    return { lower, upper: 1 - lower };
  }
  // Modified Lentz for Q(a, x) = e^-x x^a / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const upper = Math.exp(logFront) * h;
  return { lower: 1 - upper, upper };
}

/** Continued fraction for I_x(a, b) (Numerical-Recipes form), evaluated by modified Lentz. */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularised incomplete beta: lower = I_x(a, b), upper = 1 - I_x(a, b). Takes x and xc = 1 - x
 * separately so callers can pass an accurately computed complement.
 */
export function incompleteBeta(a: number, b: number, x: number, xc: number): Tails {
  if (!(x > 0)) return { lower: 0, upper: 1 };
  if (!(xc > 0)) return { lower: 1, upper: 0 };
  const logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(xc);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * betaFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(logFront) * betaFraction(b, a, xc)) / b;
  return { lower: 1 - upper, upper };
}

/** Standard normal lower and upper tail at z, via erfc(t) = Q(1/2, t^2). */
export function normalTails(z: number): Tails {
  if (Number.isNaN(z)) return { lower: Number.NaN, upper: Number.NaN };
  const q = incompleteGamma(0.5, 0.5 * z * z);
  // q.upper = P(|Z| > |z|), q.lower = P(|Z| <= |z|)
  if (z < 0) return { lower: 0.5 * q.upper, upper: 0.5 + 0.5 * q.lower };
  return { lower: 0.5 + 0.5 * q.lower, upper: 0.5 * q.upper };
}

/** Student t (location 0, scale 1, nu degrees of freedom) lower and upper tail at t. */
export function studentTails(t: number, nu: number): Tails {
  if (Number.isNaN(t)) return { lower: Number.NaN, upper: Number.NaN };
  const t2 = t * t;
  // P(|T| > |t|) = I_{nu / (nu + t^2)}(nu / 2, 1 / 2)
  const both = incompleteBeta(0.5 * nu, 0.5, nu / (nu + t2), t2 / (nu + t2));
  if (t < 0) return { lower: 0.5 * both.lower, upper: 0.5 + 0.5 * both.upper };
  return { lower: 0.5 + 0.5 * both.upper, upper: 0.5 * both.lower };
}
