/**
 * Lognormal: log y ~ normal(eta, sigma), so eta is the mean of log y (identity link on the log
 * scale, as brms). log y and the Jacobian term -sum(log y) are precomputed in bind.
 */
import { formatNumber } from '../codegen/format.js';
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData } from './types.js';

import { GaussianLikelihood } from './gaussian.js';
import { requirePositive } from './validate.js';

/** The gaussian likelihood of log y, plus the Jacobian term -sum(log y). */
class LognormalLikelihood implements Likelihood {
  readonly n: number;
  private readonly logY: Float64Array;
  private readonly sumLogY: number;
  private readonly onLogScale: GaussianLikelihood;
  readonly fused: FusedLikelihoodCode;
  constructor(y: Float64Array) {
    this.n = y.length;
    this.logY = Float64Array.from(y, Math.log);
    let s = 0;
    for (let i = 0; i < this.n; i++) s += this.logY[i];
    this.sumLogY = s;
    this.onLogScale = new GaussianLikelihood(this.logY);
    const g = this.onLogScale.fused;
    this.fused = { ...g, after: `${g.after}\nlp -= ${formatNumber(s)};`, response: this.logY };
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    return this.onLogScale.logLik(eta, aux, dEta, dAux) - this.sumLogY;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    this.onLogScale.pointwise(eta, aux, out);
    for (let i = 0; i < this.n; i++) out[i] -= this.logY[i];
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
