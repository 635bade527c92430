/**
 * Gaussian, identity link. Two variants: an estimated residual sd (aux sigma > 0), and brms'
 * `y | se(s)` where each observation has a known sd and no sigma is estimated.
 */
import { formatNumber } from '../codegen/format.js';
import { SpecError } from '../errors.js';
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData, ResponseExtras } from './types.js';
import { HALF_LOG_2PI, fillZero } from './special.js';
import { requireFinite, requirePositive, requireSameLength } from './validate.js';

/** Normal likelihood with estimated sd (aux[0] = sigma); also the core of the lognormal on log y. */
export class GaussianLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  /** logLik below as code for the fused data loop. */
  readonly fused: FusedLikelihoodCode = {
    before: 'if (!(a0 > 0 && a0 < Infinity)) return;\nconst inv = 1 / a0;\nlet ss = 0;',
    perObservation: 'const e = (y - m) * inv;\nss += e * e;\nconst d = e * inv;',
    after: `lp = -N * (${HALF_LOG_2PI} + Math.log(a0)) - 0.5 * ss;\ndAux[0] = (ss - N) * inv;`,
  };
  constructor(y: Float64Array) {
    this.y = Float64Array.from(y);
    this.n = y.length;
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, y } = this;
    const sigma = aux[0];
    if (!(sigma > 0 && sigma < Infinity)) {
      fillZero(dEta, n);
      dAux[0] = 0;
      return -Infinity;
    }
    const inv = 1 / sigma;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const r = (y[i] - eta[i]) * inv;
      ss += r * r;
      dEta[i] = r * inv;
    }
    dAux[0] = (ss - n) * inv;
    const lp = -n * (HALF_LOG_2PI + Math.log(sigma)) - 0.5 * ss;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, y } = this;
    const sigma = aux[0];
    const c = -HALF_LOG_2PI - Math.log(sigma);
    for (let i = 0; i < n; i++) {
      const r = (y[i] - eta[i]) / sigma;
      const v = c - 0.5 * r * r;
      out[i] = v === v ? v : -Infinity;
    }
  }
}

class KnownSeLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  private readonly invVar: Float64Array;
  private readonly logNormaliser: Float64Array; // per observation: -0.5 log(2 pi) - log se_i
  private readonly totalLogNormaliser: number;
  /** logLik below as code for the fused data loop. */
  readonly fused: FusedLikelihoodCode;
  constructor(y: Float64Array, se: Float64Array) {
    this.n = y.length;
    this.y = Float64Array.from(y);
    this.invVar = new Float64Array(this.n);
    this.logNormaliser = new Float64Array(this.n);
    let total = 0;
    for (let i = 0; i < this.n; i++) {
      this.invVar[i] = 1 / (se[i] * se[i]);
      this.logNormaliser[i] = -HALF_LOG_2PI - Math.log(se[i]);
      total += this.logNormaliser[i];
    }
    this.totalLogNormaliser = total;
    this.fused = {
      before: 'let q = 0;',
      perObservation: 'const r = y - m;\nconst d = r * V0[i];\nq += r * d;',
      after: `lp = ${formatNumber(total)} - 0.5 * q;`,
      arrays: { V0: this.invVar },
    };
  }

  logLik(eta: Float64Array, _aux: Float64Array, dEta: Float64Array, _dAux: Float64Array): number {
    const { n, y, invVar } = this;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const r = y[i] - eta[i];
      const g = r * invVar[i];
      q += r * g;
      dEta[i] = g;
    }
    const lp = this.totalLogNormaliser - 0.5 * q;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, _aux: Float64Array, out: Float64Array): void {
    const { n, y, invVar, logNormaliser } = this;
    for (let i = 0; i < n; i++) {
      const r = y[i] - eta[i];
      const v = logNormaliser[i] - 0.5 * r * r * invVar[i];
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const gaussian: Family = {
  name: 'gaussian',
  link: 'identity',
  aux: [{ name: 'sigma', lower: 0 }],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requireFinite(y, column);
  },
  bind(obs: ResponseData): Likelihood {
    gaussian.checkResponse(obs.y, null, obs.column ?? 'response');
    return new GaussianLikelihood(obs.y);
  },
  inverseLink: (eta) => eta,
  mean: (eta) => eta,
  simulate(eta, aux, _extra, rng: RandomSource, out) {
    const sigma = aux[0];
    for (let i = 0; i < eta.length; i++) out[i] = eta[i] + sigma * rng.normal();
  },
};

/** Gaussian with known per-observation sd (`y | se(s)`): no estimated auxiliary parameter. */
export const gaussianKnownSe: Family = {
  name: 'gaussian',
  link: 'identity',
  aux: [],
  needsTrials: false,
  knownSe: true,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string, extras?: ResponseExtras): void {
    requireFinite(y, column);
    const se = extras?.se;
    if (!se) throw new SpecError('the gaussian family with se() needs the se column', 'family');
    requireSameLength(`se column "${extras?.seColumn ?? 'se'}"`, y, se);
    requirePositive(se, extras?.seColumn ?? 'se', 'a standard error');
  },
  bind(obs: ResponseData): Likelihood {
    gaussianKnownSe.checkResponse(obs.y, null, obs.column ?? 'response', { se: obs.se, seColumn: obs.seColumn });
    return new KnownSeLikelihood(obs.y, obs.se as Float64Array);
  },
  inverseLink: (eta) => eta,
  mean: (eta) => eta,
  simulate(eta, _aux, extra, rng: RandomSource, out) {
    if (!extra) throw new SpecError('simulating from the gaussian family with se() needs the se values', 'family');
    for (let i = 0; i < eta.length; i++) out[i] = eta[i] + extra[i] * rng.normal();
  },
};
