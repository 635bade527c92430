/**
 * Lognormal: log y ~ normal(eta, sigma), so eta is the mean of log y (identity link on the log
 * scale, as brms). log y and the Jacobian term -sum(log y) are precomputed in bind.
 */
import type { Family, Likelihood, RandomSource, ResponseData } from './types.js';
import { HALF_LOG_2PI, fillZero } from './special.js';
import { requirePositive } from './validate.js';

class LognormalLikelihood implements Likelihood {
  readonly n: number;
  private readonly logY: Float64Array;
  private readonly sumLogY: number;
  constructor(y: Float64Array) {
    this.n = y.length;
    this.logY = new Float64Array(this.n);
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      this.logY[i] = Math.log(y[i]);
      s += this.logY[i];
    }
    this.sumLogY = s;
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, logY } = this;
    const sigma = aux[0];
    if (!(sigma > 0 && sigma < Infinity)) {
      fillZero(dEta, n);
      dAux[0] = 0;
      return -Infinity;
    }
    const inv = 1 / sigma;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const r = (logY[i] - eta[i]) * inv;
      ss += r * r;
      dEta[i] = r * inv;
    }
    dAux[0] = (ss - n) * inv;
    const lp = -n * (HALF_LOG_2PI + Math.log(sigma)) - this.sumLogY - 0.5 * ss;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, logY } = this;
    const sigma = aux[0];
    const c = -HALF_LOG_2PI - Math.log(sigma);
    for (let i = 0; i < n; i++) {
      const r = (logY[i] - eta[i]) / sigma;
      const v = c - logY[i] - 0.5 * r * r;
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const lognormal: Family = {
  name: 'lognormal',
  link: 'identity',
  aux: [{ name: 'sigma', lower: 0 }],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requirePositive(y, column, 'family lognormal needs y > 0');
  },
  bind(obs: ResponseData): Likelihood {
    lognormal.checkResponse(obs.y, null, obs.column ?? 'response');
    return new LognormalLikelihood(obs.y);
  },
  inverseLink: (eta) => eta,
  mean: (eta, aux) => Math.exp(eta + 0.5 * aux[0] * aux[0]),
  simulate(eta, aux, _extra, rng: RandomSource, out) {
    const sigma = aux[0];
    for (let i = 0; i < eta.length; i++) out[i] = Math.exp(eta[i] + sigma * rng.normal());
  },
};
