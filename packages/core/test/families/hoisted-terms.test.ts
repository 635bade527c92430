/**
 * The per-observation kernels memoise their parameter-only terms (lgamma / digamma / log of a shape,
 * phi or nu; issues 13/16). Laws: (1) with the parameter shared by a run of observations (the scalar
 * aux case) every slot equals the previous per-observation formula, written out again below, to
 * 1e-14 relative; (2) the same when the parameter changes from one observation to the next and
 * returns to earlier values (per-observation distributional parameters), also with calls of other
 * functions that share the memo in between (zero-inflated / hurdle NB, CDFs); (3) the summed kernel
 * likelihood over many observations with one aux (the warm-memo path) has gradients that agree
 * with five-point finite differences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as F from '../../src/families/index.js';
import { digamma, lgamma, LOG_PI } from '../../src/families/special.js';
import { observationKernel } from '../../src/families/observation-kernels.js';
import { KernelLikelihood } from '../../src/families/kernel-likelihood.js';
import { derivativeAgrees, fivePoint } from './fd.js';

// ---- The formulas before the memo (commit 1b419c5 and, for gamma, 4d81a24), per observation. ----

function refGamma(y: number, mu: number, shape: number, out: Float64Array): void {
  const logY = Math.log(y);
  const logRate = Math.log(shape) - Math.log(mu);
  const ratio = y / mu;
  out[0] = shape * logRate - lgamma(shape) + (shape - 1) * logY - shape * ratio;
  out[1] = (shape * (ratio - 1)) / mu;
  out[2] = logRate + 1 - digamma(shape) + logY - ratio;
}

function refNegbinomial(y: number, mu: number, shape: number, out: Float64Array): void {
  const sum = shape + mu;
  const log1pRatio = Math.log1p(mu / shape);
  out[0] =
    lgamma(y + shape) - lgamma(shape) - lgamma(y + 1) - shape * log1pRatio + y * (Math.log(mu) - Math.log(sum));
  out[1] = y / mu - (y + shape) / sum;
  out[2] = digamma(y + shape) - digamma(shape) - log1pRatio + (mu - y) / sum;
}

function refBeta(y: number, mu: number, phi: number, out: Float64Array): void {
  const a = mu * phi;
  const b = phi - a;
  const logY = Math.log(y);
  const log1mY = Math.log1p(-y);
  const psiPhi = digamma(phi);
  const da = logY - digamma(a) + psiPhi;
  const db = log1mY - digamma(b) + psiPhi;
  out[0] = (a - 1) * logY + (b - 1) * log1mY - lgamma(a) - lgamma(b) + lgamma(phi);
  out[1] = phi * (da - db);
  out[2] = mu * da + (1 - mu) * db;
}

function refStudent(y: number, mu: number, sigma: number, nu: number, out: Float64Array): void {
  const z = (y - mu) / sigma;
  const z2 = z * z;
  const den = nu + z2;
  const log1pTerm = Math.log1p(z2 / nu);
  out[0] =
    lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * (Math.log(nu) + LOG_PI) - Math.log(sigma) -
    0.5 * (nu + 1) * log1pTerm;
  out[1] = ((nu + 1) * z) / (sigma * den);
  out[2] = ((nu + 1) * z2 / den - 1) / sigma;
  out[3] = 0.5 * (digamma(0.5 * (nu + 1)) - digamma(0.5 * nu)) - 0.5 / nu - 0.5 * log1pTerm +
    (0.5 * (nu + 1) * z2) / (nu * den);
}

const BETA = new Float64Array(4);
function refStdStudentLcdf(t: number, nu: number, out: Float64Array): void {
  const t2 = t * t;
  const den = nu + t2;
  F.logIncBeta(nu / den, t2 / den, 0.5 * nu, 0.5, false, BETA);
  const logTail = BETA[0] - Math.LN2;
  const dTailNu = 0.5 * BETA[2] + (BETA[1] * t2) / (den * den);
  const logDensity =
    lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * (Math.log(nu) + LOG_PI) - 0.5 * (nu + 1) * Math.log1p(t2 / nu);
  if (t <= 0) {
    out[0] = logTail;
    out[1] = Math.exp(logDensity - logTail);
    out[2] = dTailNu;
  } else {
    const lp = F.log1mexp(-logTail);
    out[0] = lp;
    out[1] = Math.exp(logDensity - lp);
    out[2] = -Math.exp(logTail - lp) * dTailNu;
  }
}

function refWeibull(y: number, mu: number, shape: number, out: Float64Array): void {
  const invK = 1 / shape;
  const logLambda = Math.log(mu) - lgamma(1 + invK);
  const logRatio = Math.log(y) - logLambda;
  const z = Math.exp(shape * logRatio);
  out[0] = Math.log(shape) + (shape - 1) * logRatio - logLambda - z;
  out[1] = (shape * (z - 1)) / mu;
  out[2] = invK + logRatio * (1 - z) + ((z - 1) * digamma(1 + invK)) * invK;
}

/** The log CCDF -z of the Weibull with its derivatives (weibullZ before the memo, negated). */
function refWeibullLccdf(y: number, mu: number, shape: number, out: Float64Array): void {
  const invK = 1 / shape;
  const psi = digamma(1 + invK);
  const logRatio = Math.log(y) - Math.log(mu) + lgamma(1 + invK);
  const z = Math.exp(shape * logRatio);
  out[0] = -z;
  out[1] = (shape * z) / mu;
  out[2] = -z * (logRatio - psi * invK);
}

// ---- The pairs under test: the library function and its reference on (y, mu, parameters). ----

type Obs = (y: number, mu: number, q: number[], out: Float64Array) => void;
interface Pair {
  name: string;
  /** Number of output slots. */
  slots: number;
  lib: Obs;
  ref: Obs;
  /** An observation (y, mu) of the family for a uniform pair (u, v) in [0, 1)^2 and parameters q. */
  point: (u: number, v: number, q: number[]) => [number, number];
  /** The parameters from uniforms: the memoised one first. */
  params: (u: number[]) => number[];
}

const logU = (u: number, lo: number, hi: number) => Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
const countAt = (u: number, mu: number) => Math.floor(3 * mu * u); // 0 .. about 3 mu
const positiveAt = (u: number, mu: number) => mu * logU(u, 1e-3, 20);

const zinbRef: Obs = (y, mu, q, out) => {
  // zero-inflated NB in terms of the reference NB: the non-zero branch adds log(1 - zi)
  if (y === 0) return F.zeroInflatedNegbinomialLpmf(y, mu, q[0], q[1], out); // no shape-only term there
  refNegbinomial(y, mu, q[0], out);
  out[0] += Math.log1p(-q[1]);
  out[3] = -1 / (1 - q[1]);
};
const Z0 = new Float64Array(3);
const hurdleNbRef: Obs = (y, mu, q, out) => {
  if (y === 0) return F.hurdleNegbinomialLpmf(y, mu, q[0], q[1], out);
  refNegbinomial(y, mu, q[0], out);
  F.negbinomialLogZero(mu, q[0], Z0);
  const w = 1 / Math.expm1(-Z0[0]);
  out[0] += Math.log1p(-q[1]) - F.log1mexp(-Z0[0]);
  out[1] += w * Z0[1];
  out[2] += w * Z0[2];
  out[3] = -1 / (1 - q[1]);
};

const PAIRS: Pair[] = [
  {
    name: 'gamma lpdf',
    slots: 3,
    lib: (y, mu, q, o) => F.gammaLpdf(y, mu, q[0], o),
    ref: (y, mu, q, o) => refGamma(y, mu, q[0], o),
    point: (u, v) => {
      const mu = logU(u, 0.01, 100);
      return [positiveAt(v, mu), mu];
    },
    params: (u) => [logU(u[0], 0.05, 500)],
  },
  {
    name: 'negbinomial lpmf',
    slots: 3,
    lib: (y, mu, q, o) => F.negbinomialLpmf(y, mu, q[0], o),
    ref: (y, mu, q, o) => refNegbinomial(y, mu, q[0], o),
    point: (u, v) => {
      const mu = logU(u, 0.05, 500);
      return [countAt(v, mu), mu];
    },
    params: (u) => [logU(u[0], 0.05, 1e4)],
  },
  {
    name: 'zero_inflated_negbinomial lpmf',
    slots: 4,
    lib: (y, mu, q, o) => F.zeroInflatedNegbinomialLpmf(y, mu, q[0], q[1], o),
    ref: zinbRef,
    point: (u, v) => {
      const mu = logU(u, 0.05, 100);
      return [countAt(v, mu), mu];
    },
    params: (u) => [logU(u[0], 0.05, 1e3), 0.01 + 0.98 * u[1]],
  },
  {
    name: 'hurdle_negbinomial lpmf',
    slots: 4,
    lib: (y, mu, q, o) => F.hurdleNegbinomialLpmf(y, mu, q[0], q[1], o),
    ref: hurdleNbRef,
    point: (u, v) => {
      const mu = logU(u, 0.05, 100);
      return [countAt(v, mu), mu];
    },
    params: (u) => [logU(u[0], 0.05, 1e3), 0.01 + 0.98 * u[1]],
  },
  {
    name: 'beta lpdf',
    slots: 3,
    lib: (y, mu, q, o) => F.betaLpdf(y, mu, q[0], o),
    ref: (y, mu, q, o) => refBeta(y, mu, q[0], o),
    point: (u, v) => [0.001 + 0.998 * v, 0.02 + 0.96 * u],
    params: (u) => [logU(u[0], 0.5, 300)],
  },
  {
    name: 'student lpdf',
    slots: 4,
    lib: (y, mu, q, o) => F.studentLpdf(y, mu, q[1], q[0], o),
    ref: (y, mu, q, o) => refStudent(y, mu, q[1], q[0], o),
    point: (u, v, q) => {
      const mu = -20 + 40 * u;
      return [mu + q[1] * (-35 + 70 * v), mu];
    },
    params: (u) => [logU(u[0], 1, 200), logU(u[1], 0.1, 10)],
  },
  {
    name: 'student lcdf / lccdf (stdStudentLcdf)',
    slots: 3,
    lib: (y, mu, q, o) => F.stdStudentLcdf((y - mu) / q[1], q[0], o),
    ref: (y, mu, q, o) => refStdStudentLcdf((y - mu) / q[1], q[0], o),
    point: (u, v, q) => {
      const mu = -20 + 40 * u;
      return [mu + q[1] * (-35 + 70 * v), mu];
    },
    params: (u) => [logU(u[0], 1, 200), logU(u[1], 0.1, 10)],
  },
  {
    name: 'weibull lpdf',
    slots: 3,
    lib: (y, mu, q, o) => F.weibullLpdf(y, mu, q[0], o),
    ref: (y, mu, q, o) => refWeibull(y, mu, q[0], o),
    point: (u, v) => {
      const mu = logU(u, 0.01, 100);
      return [mu * logU(v, 0.05, 5), mu];
    },
    params: (u) => [logU(u[0], 0.3, 20)],
  },
  {
    name: 'weibull lccdf',
    slots: 3,
    lib: (y, mu, q, o) => F.weibullLccdf(y, mu, q[0], o),
    ref: (y, mu, q, o) => refWeibullLccdf(y, mu, q[0], o),
    point: (u, v) => {
      const mu = logU(u, 0.01, 100);
      return [mu * logU(v, 0.05, 5), mu];
    },
    params: (u) => [logU(u[0], 0.3, 20)],
  },
];

const A = new Float64Array(8);
const B = new Float64Array(8);

/** Every slot within 1e-14 relative (equal infinities count as equal); a message on failure. */
function sameSlots(slots: number, label: string): string | null {
  for (let k = 0; k < slots; k++) {
    const a = A[k];
    const b = B[k];
    if (a === b) continue;
    if (!(Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(a), Math.abs(b)))) return `${label} slot ${k}: ${a} vs reference ${b}`;
  }
  return null;
}

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const observations = fc.array(fc.tuple(unit, unit), { minLength: 1, maxLength: 60 });

describe('memoised parameter terms equal the per-observation formulas', () => {
  for (const pair of PAIRS) {
    it(`${pair.name}: one parameter value for every observation`, () => {
      fc.assert(
        fc.property(fc.tuple(unit, unit), observations, ([u0, u1], obs) => {
          const q = pair.params([u0, u1]);
          for (const [u, v] of obs) {
            const [y, mu] = pair.point(u, v, q);
            pair.lib(y, mu, q, A);
            pair.ref(y, mu, q, B);
            const msg = sameSlots(pair.slots, `y=${y} mu=${mu} q=${q}`);
            if (msg) throw new Error(msg);
          }
          return true;
        }),
        { numRuns: 100, seed: 1613 },
      );
    });

    it(`${pair.name}: the parameter changing per observation and returning to earlier values`, () => {
      // Three parameter values; each observation picks one, so the memo both hits and misses.
      fc.assert(
        fc.property(
          fc.array(fc.tuple(unit, unit), { minLength: 3, maxLength: 3 }),
          fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), unit, unit), { minLength: 1, maxLength: 60 }),
          (qs, obs) => {
            const params = qs.map(pair.params);
            for (const [j, u, v] of obs) {
              const q = params[j];
              const [y, mu] = pair.point(u, v, q);
              pair.lib(y, mu, q, A);
              pair.ref(y, mu, q, B);
              const msg = sameSlots(pair.slots, `y=${y} mu=${mu} q=${q}`);
              if (msg) throw new Error(msg);
            }
            return true;
          },
        ),
        { numRuns: 100, seed: 1614 },
      );
    });
  }

  it('functions that share a memo, called in any order at any parameter values, each equal their reference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: PAIRS.length - 1 }), fc.integer({ min: 0, max: 1 }), unit, unit), {
          minLength: 1,
          maxLength: 120,
        }),
        fc.array(fc.tuple(unit, unit), { minLength: 2, maxLength: 2 }),
        (calls, qs) => {
          for (const [p, j, u, v] of calls) {
            const pair = PAIRS[p];
            const q = pair.params(qs[j]);
            const [y, mu] = pair.point(u, v, q);
            pair.lib(y, mu, q, A);
            pair.ref(y, mu, q, B);
            const msg = sameSlots(pair.slots, `${pair.name} y=${y} mu=${mu} q=${q}`);
            if (msg) throw new Error(msg);
          }
          return true;
        },
      ),
      { numRuns: 100, seed: 1615 },
    );
  });

  it('an invalid parameter between valid ones leaves the memo consistent', () => {
    refNegbinomial(3, 2, 1.5, B);
    F.negbinomialLpmf(3, 2, 1.5, A);
    F.negbinomialLpmf(3, 2, Number.NaN, A);
    expect(A[0]).toBe(-Infinity);
    F.negbinomialLpmf(3, 2, -1.5, A);
    F.negbinomialLpmf(3, 2, 1.5, A);
    expect(sameSlots(3, 'nb after invalid shapes')).toBeNull();
    refStudent(0.3, 0, 1, 4, B);
    F.studentLpdf(0.3, 0, 1, Number.POSITIVE_INFINITY, A);
    F.studentLpdf(0.3, 0, 1, 4, A);
    expect(sameSlots(4, 'student after nu = Infinity')).toBeNull();
  });
});

// ---- Gradients of the summed kernel likelihood (one aux for all observations) vs finite differences. ----

interface KernelCase {
  family: string;
  link: F.ExtLinkName;
  /** y_i from uniforms (eta_i given). */
  y: (eta: number, u: number) => number;
  /** aux from uniforms, in the family's aux order. */
  aux: (u: number[]) => number[];
  /** 'pos' or 'prob' per aux, for the finite-difference step. */
  kinds: ('pos' | 'prob')[];
}

const KERNELS: KernelCase[] = [
  { family: 'negbinomial', link: 'log', y: (e, u) => countAt(u, Math.exp(e)), aux: (u) => [logU(u[0], 0.2, 200)], kinds: ['pos'] },
  {
    family: 'zero_inflated_negbinomial',
    link: 'log',
    y: (e, u) => (u < 0.3 ? 0 : countAt((u - 0.3) / 0.7, Math.exp(e))),
    aux: (u) => [logU(u[0], 0.2, 200), 0.05 + 0.9 * u[1]],
    kinds: ['pos', 'prob'],
  },
  {
    family: 'hurdle_negbinomial',
    link: 'log',
    y: (e, u) => (u < 0.3 ? 0 : 1 + countAt((u - 0.3) / 0.7, Math.exp(e))),
    aux: (u) => [logU(u[0], 0.2, 200), 0.05 + 0.9 * u[1]],
    kinds: ['pos', 'prob'],
  },
  { family: 'beta', link: 'logit', y: (_e, u) => 0.01 + 0.98 * u, aux: (u) => [logU(u[0], 0.5, 100)], kinds: ['pos'] },
  { family: 'student', link: 'identity', y: (e, u) => e + 6 * (u - 0.5), aux: (u) => [logU(u[0], 0.3, 5), logU(u[1], 1, 100)], kinds: ['pos', 'pos'] },
  { family: 'weibull', link: 'log', y: (e, u) => Math.exp(e) * logU(u, 0.1, 3), aux: (u) => [logU(u[0], 0.5, 10)], kinds: ['pos'] },
  { family: 'gamma', link: 'log', y: (e, u) => Math.exp(e) * logU(u, 0.1, 3), aux: (u) => [logU(u[0], 0.5, 50)], kinds: ['pos'] },
];

describe('summed kernel likelihood with one aux: gradients against finite differences', () => {
  for (const kc of KERNELS) {
    it(`${kc.family}`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), unit), { minLength: 5, maxLength: 40 }),
          fc.tuple(unit, unit),
          (obs, ua) => {
            const eta = Float64Array.from(obs.map(([e]) => e));
            const y = Float64Array.from(obs.map(([e, u]) => kc.y(e, u)));
            const aux = Float64Array.from(kc.aux(ua));
            const lik = new KernelLikelihood(observationKernel(kc.family, kc.link)!, y, null);
            const n = y.length;
            const dEta = new Float64Array(n);
            const dAux = new Float64Array(aux.length);
            const scratchEta = new Float64Array(n);
            const scratchAux = new Float64Array(aux.length);
            const value = lik.logLik(eta, aux, dEta, dAux);
            if (!Number.isFinite(value)) throw new Error(`value ${value}`);
            for (let k = 0; k < aux.length; k++) {
              const h = kc.kinds[k] === 'prob' ? 1e-4 * Math.min(aux[k], 1 - aux[k]) : 1e-4 * aux[k];
              const f = (x: number) => {
                const a = Float64Array.from(aux);
                a[k] = x;
                return lik.logLik(eta, a, scratchEta, scratchAux);
              };
              const numeric = fivePoint(f, aux[k], h);
              if (!derivativeAgrees(dAux[k], numeric, value, h, 1e-6, 1e-13 * n)) {
                throw new Error(`d/daux[${k}] ${dAux[k]} vs ${numeric} (aux ${Array.from(aux)})`);
              }
            }
            const i = n >> 1; // one coordinate of eta is enough per case
            const f = (x: number) => {
              const e = Float64Array.from(eta);
              e[i] = x;
              return lik.logLik(e, aux, scratchEta, scratchAux);
            };
            const numeric = fivePoint(f, eta[i], 1e-4);
            if (!derivativeAgrees(dEta[i], numeric, value, 1e-4, 1e-6, 1e-13 * n)) {
              throw new Error(`d/deta[${i}] ${dEta[i]} vs ${numeric}`);
            }
            return true;
          },
        ),
        { numRuns: 60, seed: 1616 },
      );
    });
  }
});
