/**
 * Gaussian with combined additive + proportional error (pharmacometrics; `"error": "combined"`):
 * y_i ~ N(f_i, s_i) with s_i^2 = sigma^2 + (sigma_prop * f_i)^2, f_i the mean. aux = [sigma,
 * sigma_prop]. The sd depends on the mean, so d/df_i has two parts: the residual's and the sd's.
 *
 * With r = y - f, v = s^2 and c = d log p / d v = 0.5 (r^2 / v - 1) / v:
 *   d/df = r / v + c * 2 sigma_prop^2 f,  d/dsigma = c * 2 sigma,  d/dsigma_prop = c * 2 sigma_prop f^2.
 */
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData } from './types.js';
import { HALF_LOG_2PI, fillZero } from './special.js';
import { requireFinite } from './validate.js';

const validAux = (a0: number, a1: number): boolean => a0 > 0 && a0 < Infinity && a1 >= 0 && a1 < Infinity;

/** The per-observation sd at mean f. */
export function combinedSd(f: number, sigma: number, sigmaProp: number): number {
  return Math.sqrt(sigma * sigma + sigmaProp * sigmaProp * f * f);
}

class CombinedErrorLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  readonly fused: FusedLikelihoodCode = {
    before: 'if (!(a0 > 0 && a0 < Infinity && a1 >= 0 && a1 < Infinity)) return;\nconst s0 = a0 * a0;\nconst p2 = a1 * a1;\nlet acc = 0;\nlet g0 = 0;\nlet g1 = 0;',
    perObservation: [
      'const r = y - m;',
      'const v = s0 + p2 * m * m;',
      'const iv = 1 / v;',
      'const u = r * r * iv;',
      'acc += Math.log(v) + u;',
      'const c = 0.5 * (u - 1) * iv;',
      'g0 += c;',
      'g1 += c * m * m;',
      'const d = r * iv + 2 * c * p2 * m;',
    ].join('\n'),
    after: `lp = -N * ${HALF_LOG_2PI} - 0.5 * acc;\ndAux[0] = 2 * a0 * g0;\ndAux[1] = 2 * a1 * g1;`,
  };

  constructor(y: Float64Array) {
    this.y = Float64Array.from(y);
    this.n = y.length;
  }

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, y } = this;
    const sigma = aux[0];
    const prop = aux[1];
    if (!validAux(sigma, prop)) {
      fillZero(dEta, n);
      dAux[0] = 0;
      dAux[1] = 0;
      return -Infinity;
    }
    const s0 = sigma * sigma;
    const p2 = prop * prop;
    let acc = 0;
    let g0 = 0;
    let g1 = 0;
    for (let i = 0; i < n; i++) {
      const m = eta[i];
      const r = y[i] - m;
      const v = s0 + p2 * m * m;
      const iv = 1 / v;
      const u = r * r * iv;
      acc += Math.log(v) + u;
      const c = 0.5 * (u - 1) * iv;
      g0 += c;
      g1 += c * m * m;
      dEta[i] = r * iv + 2 * c * p2 * m;
    }
    dAux[0] = 2 * sigma * g0;
    dAux[1] = 2 * prop * g1;
    const lp = -n * HALF_LOG_2PI - 0.5 * acc;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, y } = this;
    for (let i = 0; i < n; i++) {
      const s = combinedSd(eta[i], aux[0], aux[1]);
      const z = (y[i] - eta[i]) / s;
      const v = -HALF_LOG_2PI - Math.log(s) - 0.5 * z * z;
      out[i] = v === v ? v : -Infinity;
    }
  }
}

export const gaussianCombined: Family = {
  name: 'gaussian',
  link: 'identity',
  aux: [
    { name: 'sigma', lower: 0 },
    { name: 'sigma_prop', lower: 0 },
  ],
  needsTrials: false,
  knownSe: false,
  checkResponse(y: Float64Array, _trials: Float64Array | null, column: string): void {
    requireFinite(y, column);
  },
  bind(obs: ResponseData): Likelihood {
    gaussianCombined.checkResponse(obs.y, null, obs.column ?? 'response');
    return new CombinedErrorLikelihood(obs.y);
  },
  inverseLink: (eta) => eta,
  mean: (eta) => eta,
  simulate(eta, aux, _extra, rng: RandomSource, out) {
    for (let i = 0; i < eta.length; i++) out[i] = eta[i] + combinedSd(eta[i], aux[0], aux[1]) * rng.normal();
  },
};
