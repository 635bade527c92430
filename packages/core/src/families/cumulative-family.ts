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
import type { AuxParam, Family, FusedLikelihoodCode, Likelihood, ResponseData } from './types.js';
import { formatIndex } from '../codegen/format.js';
import { familyInfo } from './catalog.js';
import { checkResponseKind } from './response-checks.js';
import { invLogit } from './special.js';
import { cumulativeLogitLpmf, cumulativeLogitMean, cumulativeLogitRng } from './observation/index.js';

/**
 * logLik below (unweighted) as code for the fused loop: V0[i] / V1[i] are the indices of observation
 * i's lower and upper thresholds in aux (-1 at the ends). With a, b = threshold - m, the two-sided
 * case is a + log(expm1(b - a)) - softplus(a) - softplus(b) (= observation/cumulative.ts's
 * b + log1mexp(b - a) - ..., one exp(-|x|) per threshold serving softplus and the logistic CDF).
 */
function cumulativeFusedCode(y: Int32Array, nThresholds: number): FusedLikelihoodCode {
  const lower = Float64Array.from(y, (k) => (k === 1 ? -1 : k - 2));
  const upper = Float64Array.from(y, (k) => (k === nThresholds + 1 ? -1 : k - 1));
  const K = formatIndex(nThresholds);
  return {
    before: [
      `for (let k = 1; k < ${K}; k++) if (!(aux[k] > aux[k - 1])) return;`,
      `for (let k = 0; k < ${K}; k++) dAux[k] = 0;`,
      'let cacc = 0;',
    ].join('\n'),
    perObservation: [
      'const ci = V0[i];',
      'const cj = V1[i];',
      'let cl = 0;',
      'let cdl = 0;',
      'let cdu = 0;',
      'if (ci >= 0 && cj >= 0) {',
      '  const ca = aux[ci] - m;',
      '  const cb = aux[cj] - m;',
      '  const cea = Math.exp(-Math.abs(ca));',
      '  const ceb = Math.exp(-Math.abs(cb));',
      '  const cE = Math.expm1(cb - ca);',
      // log(F(b) - F(a)) = a + log(expm1(b - a)) - softplus(a) - softplus(b)
      '  cl = ca + Math.log(cE) - (ca > 0 ? ca : 0) - Math.log1p(cea) - (cb > 0 ? cb : 0) - Math.log1p(ceb);',
      '  cdl = -1 / cE - (ca >= 0 ? 1 / (1 + cea) : cea / (1 + cea));',
      '  cdu = 1 + 1 / cE - (cb >= 0 ? 1 / (1 + ceb) : ceb / (1 + ceb));',
      '} else if (cj >= 0) {',
      '  const cnb = m - aux[cj];',
      '  const ce = Math.exp(-Math.abs(cnb));',
      '  cl = -(cnb > 0 ? cnb : 0) - Math.log1p(ce);',
      '  cdu = cnb >= 0 ? 1 / (1 + ce) : ce / (1 + ce);',
      '} else if (ci >= 0) {',
      '  const ca = aux[ci] - m;',
      '  const ce = Math.exp(-Math.abs(ca));',
      '  cl = -(ca > 0 ? ca : 0) - Math.log1p(ce);',
      '  cdl = -(ca >= 0 ? 1 / (1 + ce) : ce / (1 + ce));',
      '}',
      'cacc += cl;',
      'const d = -(cdl + cdu);',
      'if (ci >= 0) dAux[ci] += cdl;',
      'if (cj >= 0) dAux[cj] += cdu;',
    ].join('\n'),
    after: 'lp = cacc;',
    arrays: { V0: lower, V1: upper },
  };
}

class CumulativeLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Int32Array;
  private readonly out = new Float64Array(4);
  readonly fused?: FusedLikelihoodCode;
  constructor(
    y: Float64Array,
    private readonly nThresholds: number,
    private readonly weights: Float64Array | null,
  ) {
    this.n = y.length;
    this.y = Int32Array.from(y);
    if (!weights) this.fused = cumulativeFusedCode(this.y, nThresholds);
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
