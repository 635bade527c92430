/**
 * The cumulative (logit) family for an ordinal response 1..K, as brms: P(y <= k) = F(theta_k - eta)
 * with F the logistic CDF, thresholds theta_1 < ... < theta_{K-1} named b_Intercept[k] (prior class
 * b, coef Intercept[k]) and eta without an intercept. The thresholds are auxiliary parameters of the
 * likelihood. Their order is kept by the likelihood itself: every category is observed (the data
 * check refuses gaps), so log P(y = k) = log(F(theta_k - eta) - F(theta_{k-1} - eta)) falls to
 * -Infinity as two thresholds meet, and thresholds out of order have log-likelihood -Infinity; the
 * posterior is the one of Stan's `ordered` type (whose Jacobian makes the density on the thresholds
 * prior x likelihood on the ordered set).
 */
import type { AuxParam, Family, Likelihood, ResponseData } from './types.js';
import { familyInfo } from './catalog.js';
import { checkResponseKind } from './response-checks.js';
import { invLogit } from './special.js';
import { cumulativeLogitLpmf, cumulativeLogitMean, cumulativeLogitRng } from './observation/index.js';

class CumulativeLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Int32Array;
  private readonly out = new Float64Array(4);
  constructor(
    y: Float64Array,
    private readonly nThresholds: number,
    private readonly weights: Float64Array | null,
  ) {
    this.n = y.length;
    this.y = Int32Array.from(y);
  }

  /** out = [log P(y_i | eta, theta), d/deta, d/dtheta_{y-1}, d/dtheta_y] (out-of-range thresholds are +-Infinity). */
  private observation(i: number, eta: number, theta: Float64Array): void {
    const y = this.y[i];
    const lower = y === 1 ? -Infinity : theta[y - 2];
    const upper = y === this.nThresholds + 1 ? Infinity : theta[y - 1];
    cumulativeLogitLpmf(eta, lower, upper, this.out);
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, out, weights, nThresholds } = this;
    for (let k = 0; k < nThresholds; k++) dAux[k] = 0;
    for (let k = 1; k < nThresholds; k++) {
      if (!(aux[k] > aux[k - 1])) {
        for (let i = 0; i < n; i++) dEta[i] = 0;
        return -Infinity;
      }
    }
    let lp = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      this.observation(i, eta[i], aux);
      if (!(out[0] > -Infinity)) {
        for (let j = 0; j < n; j++) dEta[j] = 0;
        return -Infinity;
      }
      lp += w * out[0];
      dEta[i] = w * out[1];
      const y = this.y[i];
      if (y > 1) dAux[y - 2] += w * out[2];
      if (y <= nThresholds) dAux[y - 1] += w * out[3];
    }
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, result: Float64Array): void {
    const weights = this.weights;
    for (let i = 0; i < this.n; i++) {
      this.observation(i, eta[i], aux);
      const v = (weights ? weights[i] : 1) * this.out[0];
      result[i] = v === v ? v : -Infinity;
    }
  }
}

/** The cumulative family for K categories (K - 1 thresholds); weights multiply each observation's log-likelihood. */
export function cumulativeFamily(nCategories: number, weights: Float64Array | null = null): Family {
  const info = familyInfo('cumulative');
  const aux: AuxParam[] = Array.from({ length: nCategories - 1 }, (_, k) => ({ name: `b_Intercept[${k + 1}]`, class: 'b', coef: `Intercept[${k + 1}]`, lower: -Infinity }));
  const family: Family = {
    name: 'cumulative',
    link: 'logit',
    aux,
    needsTrials: false,
    knownSe: false,
    checkResponse(y, _trials, column) {
      checkResponseKind(info, y, column);
    },
    bind(data: ResponseData) {
      family.checkResponse(data.y, null, data.column ?? 'response');
      return new CumulativeLikelihood(data.y, nCategories - 1, weights);
    },
    inverseLink: invLogit,
    mean: (eta, theta) => cumulativeLogitMean(eta, theta),
    simulate(eta, theta, _extra, rng, out) {
      for (let i = 0; i < eta.length; i++) out[i] = cumulativeLogitRng(eta[i], theta, rng);
    },
  };
  return family;
}
