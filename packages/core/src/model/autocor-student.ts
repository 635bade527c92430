/**
 * Student-t residuals autocorrelated within a series (ar(p = 1), car1), as brms's student family
 * with autocor: each series' residual vector is multivariate t, e ~ MVT_n(nu, 0, S), with S the
 * gaussian path's covariance (autocor-likelihood.ts: sigma^2 R; for ar, sigma the innovation sd).
 * The Markov structure gives, with the gaussian step's innovations a_k = e_k - c_k e_(k-1) and
 * variances v_k = s_k^2, the quadratic form Q = sum_k a_k^2 / v_k and log|S| = sum_k log v_k in one
 * O(n) pass, and the MVT density per series of n observations is
 *   lgamma((nu + n) / 2) - lgamma(nu / 2) - n/2 log(pi) + nu/2 log(nu) - (nu + n)/2 log(nu + Q) - sum_k log s_k.
 * Its gradient is the gaussian one with the quadratic part scaled by kappa = (nu + n) / (nu + Q), plus
 * d/dnu = (psi((nu + n)/2) - psi(nu/2) + log(nu) + 1 - log(nu + Q) - kappa) / 2.
 * The pointwise log-likelihood (for loo) is each observation's t density given the earlier ones:
 *   e_k | e_<k ~ t_(nu + m)(c_k e_(k-1), s_k sqrt((nu + Q_(k-1)) / (nu + m))), m = k - 1 earlier ones,
 * whose logs sum to the series' density. aux = [sigma, nu, ar] or [sigma, nu, car1].
 */
import { digamma, lgamma } from '../families/special.js';
import type { Family, Likelihood, RandomSource, ResponseData } from '../families/index.js';
import { sampleStudentT, student } from '../families/index.js';
import { SeriesPass, step, validAux } from './autocor-likelihood.js';
import type { AutocorStructure } from './autocor-data.js';

const HALF_LOG_PI = 0.5 * Math.log(Math.PI);

class StudentAutocorLikelihood extends SeriesPass implements Likelihood {

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, y, first, gap, st } = this;
    const { kind, order } = this.series;
    const sigma = aux[0];
    const nu = aux[1];
    const phi = aux[2];
    if (!validAux(kind, sigma, phi) || !(nu > 0 && nu < Infinity)) {
      for (let i = 0; i < n; i++) dEta[i] = 0;
      dAux[0] = 0;
      dAux[1] = 0;
      dAux[2] = 0;
      return -Infinity;
    }
    const logNu = Math.log(nu);
    const psiHalfNu = digamma(nu / 2);
    const lgHalfNu = lgamma(nu / 2);
    let lp = 0;
    let dSigma = 0;
    let dNu = 0;
    let dPhi = 0;
    let k = 0;
    while (k < n) {
      const start = k;
      let q = 0;
      let logDet = 0;
      let quadSigma = 0;
      let quadPhi = 0;
      let prevE = 0;
      do {
        const i = order[k];
        const e = y[i] - eta[i];
        const isFirst = k === start;
        step(kind, isFirst, gap[k], sigma, phi, st);
        const a = isFirst ? e : e - st.c * prevE;
        const w = a / (st.s * st.s);
        q += a * w;
        logDet += Math.log(st.s);
        // the gaussian quadratic part's derivatives (of -Q / 2); kappa scales them below
        dEta[i] = w;
        if (!isFirst) dEta[order[k - 1]] -= st.c * w;
        const dS = (a * w) / st.s;
        quadSigma += dS * st.dsSigma;
        quadPhi += dS * st.dsPhi + (isFirst ? 0 : w * prevE * st.dcPhi);
        dSigma -= st.dsSigma / st.s;
        dPhi -= st.dsPhi / st.s;
        prevE = e;
        k++;
      } while (k < n && first[k] !== 1);
      const m = k - start;
      const kappa = (nu + m) / (nu + q);
      const logNuQ = Math.log(nu + q);
      lp += lgamma((nu + m) / 2) - lgHalfNu - m * HALF_LOG_PI + 0.5 * nu * logNu - 0.5 * (nu + m) * logNuQ - logDet;
      for (let j = start; j < k; j++) dEta[order[j]] *= kappa;
      dSigma += kappa * quadSigma;
      dPhi += kappa * quadPhi;
      dNu += 0.5 * (digamma((nu + m) / 2) - psiHalfNu + logNu + 1 - logNuQ - kappa);
    }
    dAux[0] = dSigma;
    dAux[1] = dNu;
    dAux[2] = dPhi;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, y, first, gap, st } = this;
    const { kind, order } = this.series;
    const nu = aux[1];
    let q = 0;
    let m = 0;
    let prevE = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const e = y[i] - eta[i];
      if (first[k] === 1) {
        q = 0;
        m = 0;
      }
      step(kind, m === 0, gap[k], aux[0], aux[2], st);
      const a = m === 0 ? e : e - st.c * prevE;
      const next = q + (a * a) / (st.s * st.s);
      const v = lgamma((nu + m + 1) / 2) - lgamma((nu + m) / 2) - HALF_LOG_PI - Math.log(st.s) + 0.5 * (nu + m) * Math.log(nu + q) - 0.5 * (nu + m + 1) * Math.log(nu + next);
      out[i] = v === v ? v : -Infinity;
      q = next;
      m++;
      prevE = e;
    }
  }

  /** y_rep over the training series: each residual drawn from its t given the earlier ones. */
  simulate(eta: Float64Array, aux: ArrayLike<number>, rng: RandomSource, out: Float64Array): void {
    const { n, first, gap, st } = this;
    const { kind, order } = this.series;
    const nu = aux[1];
    let q = 0;
    let m = 0;
    let prevE = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (first[k] === 1) {
        q = 0;
        m = 0;
      }
      step(kind, m === 0, gap[k], aux[0], aux[2], st);
      const centre = m === 0 ? 0 : st.c * prevE;
      const a = st.s * Math.sqrt((nu + q) / (nu + m)) * sampleStudentT(nu + m, rng);
      const e = centre + a;
      out[i] = eta[i] + e;
      q += (a * a) / (st.s * st.s);
      m++;
      prevE = e;
    }
  }
}

/** The student family with autocorrelated residuals over the training data's series. */
export function autocorStudent(series: AutocorStructure): Family {
  let bound: StudentAutocorLikelihood | null = null;
  return {
    ...student,
    aux: [...student.aux, series.kind === 'ar' ? { name: 'ar', lower: -1, parameter: 'ar[1]' } : { name: 'car1', lower: 0 }],
    bind(obs: ResponseData): Likelihood {
      student.checkResponse(obs.y, null, obs.column ?? 'response');
      bound = new StudentAutocorLikelihood(obs.y, series);
      return bound;
    },
    simulate(eta, aux, _extra, rng, out) {
      if (!bound || eta.length !== bound.n) throw new Error('internal: autocorrelated residuals are simulated on the training rows only');
      bound.simulate(eta, aux, rng, out);
    },
  };
}
