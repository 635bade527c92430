/**
 * Negative binomial, NB2 as brms / Stan neg_binomial_2_log: mean mu = exp(eta), aux shape phi > 0,
 * variance mu + mu^2 / phi. With t = eta - log(phi) (so mu / (mu + phi) = inv_logit(t)):
 *   log p = lgamma(y + phi) - lgamma(phi) - lgamma(y + 1) - phi softplus(t) - y softplus(-t)
 * which stays accurate as phi -> infinity (the Poisson limit), unlike phi log(phi / (mu + phi)).
 *
 * lgamma(y + phi) - lgamma(phi) and its phi-derivative depend on y only through its value, so bind
 * tabulates the distinct counts; each call walks that sorted table once, summing log(phi + k) and
 * 1 / (phi + k) over small gaps (exact, no cancellation) and jumping with lgamma / digamma over large
 * ones. Cost per call: one exp and one log1p per observation plus O(distinct counts).
 */
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData } from './types.js';
import { digamma, fillZero, lgamma } from './special.js';
import { requireCounts } from './validate.js';
import { sampleNegBinomial } from './random.js';

/** Gaps between consecutive distinct counts up to this size are bridged by explicit sums. */
const MAX_SUMMED_GAP = 16;

/**
 * The count part of the NB2 log-likelihood of a response: lgamma(y + phi) - lgamma(phi) - lgamma(y + 1)
 * through the table of distinct counts (shared by negbinomial and the zero-inflated / hurdle families).
 */
export class NegBinomialCounts {
  readonly n: number;
  readonly sumLogFactorial: number;
  readonly logFactorial: Float64Array;
  private readonly distinct: Float64Array; // sorted distinct counts
  readonly multiplicity: Float64Array;
  readonly distinctIndex: Int32Array; // observation -> index into distinct
  readonly ratioTable: Float64Array; // scratch: lgamma(u + phi) - lgamma(phi) per distinct u

  constructor(y: Float64Array) {
    this.n = y.length;
    this.logFactorial = new Float64Array(this.n);
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      this.logFactorial[i] = lgamma(y[i] + 1);
      s += this.logFactorial[i];
    }
    this.sumLogFactorial = s;
    const values = Array.from(new Set(y)).sort((a, b) => a - b);
    this.distinct = Float64Array.from(values);
    this.multiplicity = new Float64Array(values.length);
    const position = new Map<number, number>();
    values.forEach((v, k) => position.set(v, k));
    this.distinctIndex = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const k = position.get(y[i]) as number;
      this.distinctIndex[i] = k;
      this.multiplicity[k] += 1;
    }
    this.ratioTable = new Float64Array(values.length);
  }

  /**
   * Fills ratioTable[k] = lgamma(u_k + phi) - lgamma(phi) and returns
   * sum_i [psi(y_i + phi) - psi(phi)] (the count part of d log p / d phi).
   */
  tabulate(phi: number): number {
    const { distinct, multiplicity, ratioTable } = this;
    let at = 0; // the count the running sums currently refer to
    let logRatio = 0; // lgamma(at + phi) - lgamma(phi)
    let psiRatio = 0; // psi(at + phi) - psi(phi)
    let dPhi = 0;
    for (let k = 0; k < distinct.length; k++) {
      const u = distinct[k];
      if (u - at <= MAX_SUMMED_GAP) {
        for (; at < u; at++) {
          logRatio += Math.log(phi + at);
          psiRatio += 1 / (phi + at);
        }
      } else {
        at = u;
        logRatio = lgamma(u + phi) - lgamma(phi);
        psiRatio = digamma(u + phi) - digamma(phi);
      }
      ratioTable[k] = logRatio;
      dPhi += multiplicity[k] * psiRatio;
    }
    return dPhi;
  }

  /** out = [sum_i lgamma(y_i + phi) - lgamma(phi) - lgamma(y_i + 1), sum_i psi(y_i + phi) - psi(phi)] (for fused code's prepare). */
  fillTerms(phi: number, out: Float64Array): void {
    if (!(phi > 0 && phi < Infinity)) return;
    out[1] = this.tabulate(phi);
    let lp = -this.sumLogFactorial;
    for (let k = 0; k < this.ratioTable.length; k++) lp += this.multiplicity[k] * this.ratioTable[k];
    out[0] = lp;
  }
}

class NegBinomialLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  private readonly counts: NegBinomialCounts;
  /** prepare's results for the fused loop (NegBinomialCounts.fillTerms). */
  private readonly countTerms = new Float64Array(2);
  /**
   * logLik below as code for the fused data loop: per observation the softplus terms; the count
   * terms, which depend on phi only through the distinct counts, come from prepare (the table).
   */
  readonly fused: FusedLikelihoodCode = {
    before: 'if (!(a0 > 0 && a0 < Infinity)) return;\nconst nbl0 = Math.log(a0);\nconst nbi0 = 1 / a0;\nlet acc = 0;\nlet dphi = 0;',
    perObservation: [
      'const nbt = m - nbl0;',
      'const nbe = Math.exp(-Math.abs(nbt));',
      'const nbl = Math.log1p(nbe);',
      'const nbp = nbt >= 0 ? 1 / (1 + nbe) : nbe / (1 + nbe);',
      'const nbq = nbt >= 0 ? nbe / (1 + nbe) : 1 / (1 + nbe);',
      'const nbsp = (nbt > 0 ? nbt : 0) + nbl;',
      'acc -= a0 * nbsp + y * ((nbt < 0 ? -nbt : 0) + nbl);',
      'const d = y * nbq - a0 * nbp;',
      'dphi += nbp - nbsp - y * nbq * nbi0;',
    ].join('\n'),
    after: 'lp = acc + V0[0];\ndAux[0] = dphi + V0[1];',
    arrays: { V0: this.countTerms },
    prepare: (aux: Float64Array) => this.counts.fillTerms(aux[0], this.countTerms),
  };

  constructor(y: Float64Array) {
    this.n = y.length;
    this.y = Float64Array.from(y);
    this.counts = new NegBinomialCounts(this.y);
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, y } = this;
    const { multiplicity, ratioTable } = this.counts;
    const phi = aux[0];
    if (!(phi > 0 && phi < Infinity)) {
      fillZero(dEta, n);
      dAux[0] = 0;
      return -Infinity;
    }
    let dPhi = this.counts.tabulate(phi);
    let lp = -this.counts.sumLogFactorial;
    for (let k = 0; k < ratioTable.length; k++) lp += multiplicity[k] * ratioTable[k];
    const logPhi = Math.log(phi);
    const invPhi = 1 / phi;
    for (let i = 0; i < n; i++) {
      const t = eta[i] - logPhi;
      const e = Math.exp(-Math.abs(t));
      const L = Math.log1p(e);
      const spPos = (t > 0 ? t : 0) + L; // softplus(t) = log((mu + phi) / phi)
      const spNeg = (t < 0 ? -t : 0) + L; // softplus(-t) = log((mu + phi) / mu)
      const p = t >= 0 ? 1 / (1 + e) : e / (1 + e); // mu / (mu + phi)
      const q = t >= 0 ? e / (1 + e) : 1 / (1 + e); // phi / (mu + phi)
      const yi = y[i];
      lp -= phi * spPos + yi * spNeg;
      dEta[i] = yi * q - phi * p;
      dPhi += p - spPos - yi * q * invPhi;
    }
    dAux[0] = dPhi;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, y } = this;
    const { distinctIndex, ratioTable, logFactorial } = this.counts;
    const phi = aux[0];
    if (!(phi > 0 && phi < Infinity)) {
      out.fill(-Infinity, 0, n);
      return;
    }
    this.counts.tabulate(phi);
    const logPhi = Math.log(phi);
    for (let i = 0; i < n; i++) {
      const t = eta[i] - logPhi;
      const L = Math.log1p(Math.exp(-Math.abs(t)));
      const v =
        ratioTable[distinctIndex[i]] - logFactorial[i] - phi * ((t > 0 ? t : 0) + L) - y[i] * ((t < 0 ? -t : 0) + L);
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const negbinomial: Family = {
  name: 'negbinomial',
  link: 'log',
  aux: [{ name: 'shape', lower: 0 }],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requireCounts(y, column, 'negbinomial');
  },
  bind(obs: ResponseData): Likelihood {
    negbinomial.checkResponse(obs.y, null, obs.column ?? 'response');
    return new NegBinomialLikelihood(obs.y);
  },
  inverseLink: Math.exp,
  mean: (eta) => Math.exp(eta),
  simulate(eta, aux, _extra, rng: RandomSource, out) {
    const shape = aux[0];
    for (let i = 0; i < eta.length; i++) out[i] = sampleNegBinomial(Math.exp(eta[i]), shape, rng);
  },
};
