/**
 * Bernoulli with logit link. log p(y | eta) = -log1p(exp(-|eta|)) - (y ? max(-eta, 0) : max(eta, 0)),
 * i.e. log inv_logit(+-eta) written so that neither tail overflows or cancels.
 */
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData } from './types.js';
import { invLogit } from './special.js';
import { requireBinary } from './validate.js';

class BernoulliLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Uint8Array;
  /** logLik below as code for the fused data loop: log p = y m - softplus(m), d = y - inv_logit(m). */
  readonly fused: FusedLikelihoodCode = {
    before: 'let acc = 0;',
    perObservation:
      'const e = Math.exp(-Math.abs(m));\nconst p = m >= 0 ? 1 / (1 + e) : e / (1 + e);\nacc += y * m - Math.log1p(e) - (m > 0 ? m : 0);\nconst d = y - p;',
    after: 'lp = acc;',
  };
  constructor(y: Float64Array) {
    this.n = y.length;
    this.y = Uint8Array.from(y);
  }

  logLik(eta: Float64Array, _aux: Float64Array, dEta: Float64Array, _dAux: Float64Array): number {
    const { n, y } = this;
    let lp = 0;
    for (let i = 0; i < n; i++) {
      const a = eta[i];
      const e = Math.exp(-Math.abs(a));
      const p = a >= 0 ? 1 / (1 + e) : e / (1 + e);
      if (y[i] === 1) {
        lp -= Math.log1p(e) + (a < 0 ? -a : 0);
        dEta[i] = 1 - p;
      } else {
        lp -= Math.log1p(e) + (a > 0 ? a : 0);
        dEta[i] = -p;
      }
    }
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, _aux: Float64Array, out: Float64Array): void {
    const { n, y } = this;
    for (let i = 0; i < n; i++) {
      const a = eta[i];
      const v = -Math.log1p(Math.exp(-Math.abs(a))) - (y[i] === 1 ? Math.max(-a, 0) : Math.max(a, 0));
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const bernoulli: Family = {
  name: 'bernoulli',
  link: 'logit',
  aux: [],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requireBinary(y, column);
  },
  bind(obs: ResponseData): Likelihood {
    bernoulli.checkResponse(obs.y, null, obs.column ?? 'response');
    return new BernoulliLikelihood(obs.y);
  },
  inverseLink: invLogit,
  mean: (eta) => invLogit(eta),
  simulate(eta, _aux, _extra, rng: RandomSource, out) {
    for (let i = 0; i < eta.length; i++) out[i] = rng.uniform() < invLogit(eta[i]) ? 1 : 0;
  },
};
