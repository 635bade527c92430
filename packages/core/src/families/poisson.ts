/** Poisson with log link: log p = y eta - exp(eta) - lgamma(y + 1), lgamma(y + 1) precomputed. */
import { formatNumber } from '../codegen/format.js';
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData } from './types.js';
import { lgamma } from './special.js';
import { requireCounts } from './validate.js';
import { samplePoisson } from './random.js';

class PoissonLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  private readonly logFactorial: Float64Array;
  private readonly sumLogFactorial: number;
  constructor(y: Float64Array) {
    this.n = y.length;
    this.y = Float64Array.from(y);
    this.logFactorial = new Float64Array(this.n);
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      this.logFactorial[i] = lgamma(y[i] + 1);
      s += this.logFactorial[i];
    }
    this.sumLogFactorial = s;
    this.fused = {
      before: 'let acc = 0;',
      perObservation: 'const mu = Math.exp(m);\nacc += y * m - mu;\nconst d = y - mu;',
      after: `lp = acc - ${formatNumber(s)};`,
    };
  }
  /** logLik below as code for the fused data loop. */
  readonly fused: FusedLikelihoodCode;

  logLik(eta: Float64Array, _aux: Float64Array, dEta: Float64Array, _dAux: Float64Array): number {
    const { n, y } = this;
    let lp = -this.sumLogFactorial;
    for (let i = 0; i < n; i++) {
      const mu = Math.exp(eta[i]);
      lp += y[i] * eta[i] - mu;
      dEta[i] = y[i] - mu;
    }
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, _aux: Float64Array, out: Float64Array): void {
    const { n, y, logFactorial } = this;
    for (let i = 0; i < n; i++) {
      const v = y[i] * eta[i] - Math.exp(eta[i]) - logFactorial[i];
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const poisson: Family = {
  name: 'poisson',
  link: 'log',
  aux: [],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requireCounts(y, column, 'poisson');
  },
  bind(obs: ResponseData): Likelihood {
    poisson.checkResponse(obs.y, null, obs.column ?? 'response');
    return new PoissonLikelihood(obs.y);
  },
  inverseLink: Math.exp,
  mean: (eta) => Math.exp(eta),
  simulate(eta, _aux, _extra, rng: RandomSource, out) {
    for (let i = 0; i < eta.length; i++) out[i] = samplePoisson(Math.exp(eta[i]), rng);
  },
};
