/**
 * The links of model-spec "Families and links" as inverse link with derivative, for per-observation
 * kernels: invLink<Name>(eta, out) writes out[0] = mu = g^-1(eta), out[1] = dmu/deta.
 * For the probability links (logit, probit, cloglog), logProbs<Name>(eta, out) also gives the log of
 * mu and of 1 - mu directly from eta, so a Bernoulli or binomial likelihood stays finite when mu
 * rounds to 0 or 1: out[0] = log mu, out[1] = log(1 - mu), out[2] = d log mu / deta,
 * out[3] = d log(1 - mu) / deta.
 * The names and the existing `LinkName` of types.ts are kept apart so the current families' switch
 * statements stay exhaustive; `ExtLinkName` is their superset.
 */
import { invLogit, softplus } from './special.js';
import { HALF_LOG_2PI_N, stdNormalCdf, stdNormalLcdf } from './cdf/normal.js';
import { log1mexp } from './cdf/logdiff.js';

export type ExtLinkName = 'identity' | 'log' | 'logit' | 'probit' | 'cloglog';

export const extLinkNames: readonly ExtLinkName[] = ['identity', 'log', 'logit', 'probit', 'cloglog'];

export function invLinkIdentity(eta: number, out: Float64Array): void {
  out[0] = eta;
  out[1] = 1;
}

export function invLinkLog(eta: number, out: Float64Array): void {
  const mu = Math.exp(eta);
  out[0] = mu;
  out[1] = mu;
}

export function invLinkLogit(eta: number, out: Float64Array): void {
  // dmu/deta = mu (1 - mu) = e / (1 + e)^2 with e = exp(-|eta|): no 1 - mu cancellation.
  const e = Math.exp(-Math.abs(eta));
  const inv = 1 / (1 + e);
  out[0] = eta >= 0 ? inv : e * inv;
  out[1] = e * inv * inv;
}

export function invLinkProbit(eta: number, out: Float64Array): void {
  out[0] = stdNormalCdf(eta);
  out[1] = Math.exp(-0.5 * eta * eta - HALF_LOG_2PI_N);
}

export function invLinkCloglog(eta: number, out: Float64Array): void {
  // mu = 1 - exp(-exp(eta)) via -expm1 (no cancellation for eta << 0); dmu/deta = exp(eta - exp(eta)).
  const e = Math.exp(eta);
  out[0] = -Math.expm1(-e);
  out[1] = e === Infinity ? 0 : Math.exp(eta - e);
}

/** g^-1 and its derivative by link name, for code that is not generated per link. */
export function invLinkExt(link: ExtLinkName, eta: number, out: Float64Array): void {
  switch (link) {
    case 'identity':
      return invLinkIdentity(eta, out);
    case 'log':
      return invLinkLog(eta, out);
    case 'logit':
      return invLinkLogit(eta, out);
    case 'probit':
      return invLinkProbit(eta, out);
    case 'cloglog':
      return invLinkCloglog(eta, out);
  }
}

/** The inverse link's function itself (chosen once, so a kernel's call site stays monomorphic and small enough to inline). */
export function invLinkFunction(link: ExtLinkName): (eta: number, out: Float64Array) => void {
  switch (link) {
    case 'identity':
      return invLinkIdentity;
    case 'log':
      return invLinkLog;
    case 'logit':
      return invLinkLogit;
    case 'probit':
      return invLinkProbit;
    case 'cloglog':
      return invLinkCloglog;
  }
}

/** g(mu): the link itself (-/+Infinity at the edges of mu's range). */
export function applyLinkExt(link: ExtLinkName, mu: number): number {
  switch (link) {
    case 'identity':
      return mu;
    case 'log':
      return Math.log(mu);
    case 'logit':
      return Math.log(mu) - Math.log1p(-mu);
    case 'probit':
      return probitOf(mu);
    case 'cloglog':
      return Math.log(-Math.log1p(-mu));
  }
}

/** Phi^-1(p) by Newton steps on log Phi from a logit start (used only for starting values). */
function probitOf(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const s = new Float64Array(2);
  let z = (Math.log(p) - Math.log1p(-p)) / 1.7; // logit is about 1.7 probit
  const target = Math.log(p);
  for (let k = 0; k < 100; k++) {
    stdNormalLcdf(z, s);
    const step = (s[0] - target) / s[1];
    z -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

export function logProbsLogit(eta: number, out: Float64Array): void {
  out[0] = -softplus(-eta);
  out[1] = -softplus(eta);
  out[2] = invLogit(-eta);
  out[3] = -invLogit(eta);
}

const PROBIT_SCRATCH = new Float64Array(2);

export function logProbsProbit(eta: number, out: Float64Array): void {
  stdNormalLcdf(eta, PROBIT_SCRATCH);
  out[0] = PROBIT_SCRATCH[0];
  out[2] = PROBIT_SCRATCH[1];
  stdNormalLcdf(-eta, PROBIT_SCRATCH);
  out[1] = PROBIT_SCRATCH[0];
  out[3] = -PROBIT_SCRATCH[1];
}

export function logProbsCloglog(eta: number, out: Float64Array): void {
  // log(1 - mu) = -exp(eta); log mu = log(1 - exp(-exp(eta))); d log mu = exp(eta) / expm1(exp(eta)).
  const e = Math.exp(eta);
  out[0] = log1mexp(e);
  out[1] = -e;
  out[2] = e === 0 ? 1 : e === Infinity ? 0 : e / Math.expm1(e);
  out[3] = -e;
}
