/**
 * Student t, identity link; aux [sigma > 0, nu > 1] (nu's lower bound 1 as in brms, which keeps the
 * mean defined). The lgamma / digamma terms depend only on nu, so they are evaluated once per call.
 */
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData } from './types.js';
import { LOG_PI, digamma, fillZero, lgamma } from './special.js';
import { requireFinite } from './validate.js';
import { studentNuTerms } from './log-gamma-fill.js';
import { sampleStudentT } from './random.js';

class StudentLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  /** prepare's nu terms: [nu, lgamma((nu + 1)/2) - lgamma(nu/2) - log(nu pi)/2, (psi((nu + 1)/2) - psi(nu/2))/2 - 1/(2 nu)]. */
  private readonly nuTerms = Float64Array.of(NaN, NaN, NaN);
  /** logLik below as code for the fused data loop; nu's special functions from prepare, once per nu value. */
  readonly fused: FusedLikelihoodCode = {
    before: 'if (!(a0 > 0 && a0 < Infinity && a1 > 0 && a1 < Infinity)) return;\nconst si = 1 / a0;\nconst sn = 1 / a1;\nlet slog = 0;\nlet sw = 0;',
    perObservation: 'const sr = (y - m) * si;\nconst sr2 = sr * sr;\nconst sden = a1 + sr2;\nslog += Math.log1p(sr2 * sn);\nsw += sr2 / sden;\nconst d = ((a1 + 1) * sr) / (a0 * sden);',
    after: [
      'lp = N * (V0[1] - Math.log(a0)) - 0.5 * (a1 + 1) * slog;',
      'dAux[0] = (-N + (a1 + 1) * sw) * si;',
      'dAux[1] = N * V0[2] - 0.5 * slog + 0.5 * (a1 + 1) * sn * sw;',
    ].join('\n'),
    arrays: { V0: this.nuTerms },
    prepare: (aux: Float64Array) => {
      const nu = aux[1];
      const t = this.nuTerms;
      if (nu === t[0] || !(nu > 0 && nu < Infinity)) return;
      t[0] = nu;
      studentNuTerms(t);
    },
  };

  constructor(y: Float64Array) {
    this.y = Float64Array.from(y);
    this.n = y.length;
  }

  private static normaliser(sigma: number, nu: number): number {
    return lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * (Math.log(nu) + LOG_PI) - Math.log(sigma);
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, y } = this;
    const sigma = aux[0];
    const nu = aux[1];
    if (!(sigma > 0 && sigma < Infinity && nu > 0 && nu < Infinity)) {
      fillZero(dEta, n);
      dAux[0] = 0;
      dAux[1] = 0;
      return -Infinity;
    }
    const invSigma = 1 / sigma;
    const invNu = 1 / nu;
    const halfNuPlus1 = 0.5 * (nu + 1);
    let sumLog = 0; // sum log1p(r^2 / nu)
    let sumW = 0; // sum r^2 / (nu + r^2)
    for (let i = 0; i < n; i++) {
      const r = (y[i] - eta[i]) * invSigma;
      const r2 = r * r;
      const denom = nu + r2;
      sumLog += Math.log1p(r2 * invNu);
      sumW += r2 / denom;
      dEta[i] = ((nu + 1) * r) / (sigma * denom);
    }
    dAux[0] = (-n + (nu + 1) * sumW) * invSigma;
    // d/dnu: 0.5 psi((nu+1)/2) - 0.5 psi(nu/2) - 1/(2 nu) - 0.5 log1p(r^2/nu) + (nu+1) r^2 / (2 nu (nu + r^2))
    const perObs = 0.5 * (digamma(halfNuPlus1) - digamma(0.5 * nu)) - 0.5 * invNu;
    dAux[1] = n * perObs - 0.5 * sumLog + 0.5 * (nu + 1) * invNu * sumW;
    const lp = n * StudentLikelihood.normaliser(sigma, nu) - halfNuPlus1 * sumLog;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, y } = this;
    const sigma = aux[0];
    const nu = aux[1];
    const c = StudentLikelihood.normaliser(sigma, nu);
    for (let i = 0; i < n; i++) {
      const r = (y[i] - eta[i]) / sigma;
      const v = c - 0.5 * (nu + 1) * Math.log1p((r * r) / nu);
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const student: Family = {
  name: 'student',
  link: 'identity',
  aux: [
    { name: 'sigma', lower: 0 },
    { name: 'nu', lower: 1 },
  ],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requireFinite(y, column);
  },
  bind(obs: ResponseData): Likelihood {
    student.checkResponse(obs.y, null, obs.column ?? 'response');
    return new StudentLikelihood(obs.y);
  },
  inverseLink: (eta) => eta,
  mean: (eta) => eta,
  simulate(eta, aux, _extra, rng: RandomSource, out) {
    const sigma = aux[0];
    const nu = aux[1];
    for (let i = 0; i < eta.length; i++) out[i] = eta[i] + sigma * sampleStudentT(nu, rng);
  },
};
