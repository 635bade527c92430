/**
 * Gaussian residuals autocorrelated within a series, in time order (the structure's sort order):
 *   ar(p = 1):  Cov(e_i, e_j) = sigma^2 ar^|i-j| / (1 - ar^2)   (sigma the innovation sd; brms)
 *   car1:       Cov(e_i, e_j) = sigma^2 car1^|t_i - t_j|       (sigma the marginal sd; nlme corCAR1)
 * Both are Markov, so the exact likelihood is the sequential conditional form, O(n) per series and
 * no n x n matrix: e_1 ~ N(0, s_1), e_k | e_(k-1) ~ N(c_k e_(k-1), s_k) with
 *   ar:   c_k = ar,               s_1 = sigma / sqrt(1 - ar^2), s_k = sigma
 *   car1: c_k = car1^(t_k - t_(k-1)), s_1 = sigma,            s_k = sigma sqrt(1 - c_k^2).
 * With a_k = e_k - c_k e_(k-1) and w_k = a_k / s_k^2, the gradient is
 *   d/dmu_k = w_k - c_(k+1) w_(k+1),  d/ds_k = (a_k w_k - 1) / s_k,  d/dc_k = w_k e_(k-1),
 * chained into sigma and the correlation parameter. aux = [sigma, ar] or [sigma, car1].
 *
 * The pointwise log-likelihood (for loo) is each observation's density given the earlier ones in its
 * series (the same factors, so they sum to the joint log-likelihood).
 *
 * With a dpars formula for sigma (heteroscedastic residuals), Cov(e_i, e_j) = sigma_i sigma_j R_ij with R
 * the process above at sigma = 1 (nlme's varFunc times corStruct): u_i = e_i / sigma_i follows the
 * homoscedastic process with unit sigma, so log p(e) = log p_1(u) - sum_i log sigma_i, in the same
 * sequential form (AutocorSigmaLikelihood).
 */
import { HALF_LOG_2PI } from '../families/special.js';
import type { DistributionalLikelihood, Family, Likelihood, RandomSource, ResponseData } from '../families/index.js';
import { gaussian } from '../families/index.js';
import type { AutocorStructure } from './autocor-data.js';
import { powInto } from '../math/pow.js';

/** powInto's in/out array for car1^gap (per observation: no numbers through a call). */
const io = new Float64Array(3);

export type Series = Pick<AutocorStructure, 'kind' | 'order' | 'seriesStart' | 'time'>;

/** Each sorted position's conditional coefficient c, sd s and their derivatives (one scratch per call). */
export interface Step {
  c: number;
  s: number;
  dcPhi: number;
  dsSigma: number;
  dsPhi: number;
}

export function validAux(kind: Series['kind'], sigma: number, phi: number): boolean {
  if (!(sigma > 0 && sigma < Infinity)) return false;
  return kind === 'ar' ? phi > -1 && phi < 1 : phi > 0 && phi < 1;
}

/** The step into sorted position k (first: the first of its series; gap: its time minus the previous one's). */
export function step(kind: Series['kind'], first: boolean, gap: number, sigma: number, phi: number, out: Step): void {
  if (kind === 'ar') {
    if (first) {
      const q = 1 - phi * phi;
      out.c = 0;
      out.dcPhi = 0;
      out.s = sigma / Math.sqrt(q);
      out.dsSigma = 1 / Math.sqrt(q);
      out.dsPhi = (out.s * phi) / q;
    } else {
      out.c = phi;
      out.dcPhi = 1;
      out.s = sigma;
      out.dsSigma = 1;
      out.dsPhi = 0;
    }
    return;
  }
  if (first) {
    out.c = 0;
    out.dcPhi = 0;
    out.s = sigma;
    out.dsSigma = 1;
    out.dsPhi = 0;
    return;
  }
  io[0] = phi;
  io[1] = gap;
  powInto(io);
  const c = io[2]!;
  const root = Math.sqrt(1 - c * c);
  out.c = c;
  out.dcPhi = (gap * c) / phi;
  out.s = sigma * root;
  out.dsSigma = root;
  out.dsPhi = (-sigma * c * out.dcPhi) / root;
}

/** Sorted position k of the series: whether it starts a series, and its time gap to the previous position. */
function seriesSteps(series: Series, n: number): { first: Uint8Array; gap: Float64Array } {
  const { order, seriesStart, time } = series;
  const first = new Uint8Array(n);
  const gap = new Float64Array(n);
  for (let s = 0; s + 1 < seriesStart.length; s++) if (seriesStart[s] < seriesStart[s + 1]) first[seriesStart[s]] = 1;
  if (time) for (let k = 1; k < n; k++) gap[k] = time[order[k]] - time[order[k - 1]];
  return { first, gap };
}

/**
 * What every sequential pass over the series holds: the response, the series (sort order, kind),
 * each sorted position's first-of-series flag and time gap, and one Step scratch.
 */
export abstract class SeriesPass {
  readonly n: number;
  protected readonly y: Float64Array;
  protected readonly first: Uint8Array;
  protected readonly gap: Float64Array;
  protected readonly st: Step = { c: 0, s: 0, dcPhi: 0, dsSigma: 0, dsPhi: 0 };

  constructor(
    y: Float64Array,
    protected readonly series: Series,
  ) {
    this.y = Float64Array.from(y);
    this.n = y.length;
    ({ first: this.first, gap: this.gap } = seriesSteps(series, this.n));
  }
}

class AutocorLikelihood extends SeriesPass implements Likelihood {

  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number {
    const { n, y, first, gap, st } = this;
    const { kind, order } = this.series;
    const sigma = aux[0];
    const phi = aux[1];
    if (!validAux(kind, sigma, phi)) {
      for (let i = 0; i < n; i++) dEta[i] = 0;
      dAux[0] = 0;
      dAux[1] = 0;
      return -Infinity;
    }
    let lp = 0;
    let dSigma = 0;
    let dPhi = 0;
    let prevE = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const e = y[i] - eta[i];
      const isFirst = first[k] === 1;
      step(kind, isFirst, gap[k], sigma, phi, st);
      const a = isFirst ? e : e - st.c * prevE;
      const w = a / (st.s * st.s);
      lp += -HALF_LOG_2PI - Math.log(st.s) - 0.5 * a * w;
      dEta[i] = w;
      if (!isFirst) dEta[order[k - 1]] -= st.c * w;
      const dS = (a * w - 1) / st.s;
      dSigma += dS * st.dsSigma;
      dPhi += dS * st.dsPhi + (isFirst ? 0 : w * prevE * st.dcPhi);
      prevE = e;
    }
    dAux[0] = dSigma;
    dAux[1] = dPhi;
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void {
    const { n, y, first, gap, st } = this;
    const { kind, order } = this.series;
    let prevE = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const e = y[i] - eta[i];
      const isFirst = first[k] === 1;
      step(kind, isFirst, gap[k], aux[0], aux[1], st);
      const a = isFirst ? e : e - st.c * prevE;
      const v = -HALF_LOG_2PI - Math.log(st.s) - (0.5 * a * a) / (st.s * st.s);
      out[i] = v === v ? v : -Infinity;
      prevE = e;
    }
  }

  /** y_rep over the training series: each residual drawn given the previous one. */
  simulate(eta: Float64Array, aux: ArrayLike<number>, rng: RandomSource, out: Float64Array): void {
    const { n, first, gap, st } = this;
    const { kind, order } = this.series;
    let prevE = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const isFirst = first[k] === 1;
      step(kind, isFirst, gap[k], aux[0], aux[1], st);
      const e = (isFirst ? 0 : st.c * prevE) + st.s * rng.normal();
      out[i] = eta[i] + e;
      prevE = e;
    }
  }
}

/**
 * Autocorrelated gaussian residuals with sigma_i = exp(dpars[0][i]) per observation (the dpars formula
 * of sigma, log link); aux = [ar] or [car1]. Gradient with g_k = w_k - c_(k+1) w_(k+1) (w, c, s of the
 * unit-sigma process on u): d/deta_i = g_k / sigma_i, d/dlog sigma_i = g_k u_k - 1.
 */
export class AutocorSigmaLikelihood extends SeriesPass implements DistributionalLikelihood {

  logLikDpars(eta: Float64Array, aux: Float64Array, dpars: readonly Float64Array[], dEta: Float64Array, dAux: Float64Array, dDpars: readonly Float64Array[]): number {
    const { n, y, first, gap, st } = this;
    const { kind, order } = this.series;
    const phi = aux[0];
    const logSigma = dpars[0];
    const dLogSigma = dDpars[0];
    if (!validAux(kind, 1, phi)) return this.invalid(dEta, dAux, dLogSigma);
    let lp = 0;
    let dPhi = 0;
    let prevU = 0;
    let prevSigma = 1;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const sigma = Math.exp(logSigma[i]);
      const u = (y[i] - eta[i]) / sigma;
      const isFirst = first[k] === 1;
      step(kind, isFirst, gap[k], 1, phi, st);
      const a = isFirst ? u : u - st.c * prevU;
      const w = a / (st.s * st.s);
      lp += -HALF_LOG_2PI - Math.log(st.s) - logSigma[i] - 0.5 * a * w;
      dEta[i] = w / sigma;
      dLogSigma[i] = w * u - 1;
      if (!isFirst) {
        const j = order[k - 1];
        dEta[j] -= (st.c * w) / prevSigma;
        dLogSigma[j] -= st.c * w * prevU;
      }
      dPhi += ((a * w - 1) / st.s) * st.dsPhi + (isFirst ? 0 : w * prevU * st.dcPhi);
      prevU = u;
      prevSigma = sigma;
    }
    dAux[0] = dPhi;
    return lp === lp && lp < Infinity ? lp : this.invalid(dEta, dAux, dLogSigma);
  }

  private invalid(dEta: Float64Array, dAux: Float64Array, dLogSigma: Float64Array): number {
    for (let i = 0; i < this.n; i++) {
      dEta[i] = 0;
      dLogSigma[i] = 0;
    }
    dAux[0] = 0;
    return -Infinity;
  }

  pointwiseDpars(eta: Float64Array, aux: Float64Array, dpars: readonly Float64Array[], out: Float64Array): void {
    const { n, y, first, gap, st } = this;
    const { kind, order } = this.series;
    const logSigma = dpars[0];
    let prevU = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const u = (y[i] - eta[i]) / Math.exp(logSigma[i]);
      const isFirst = first[k] === 1;
      step(kind, isFirst, gap[k], 1, aux[0], st);
      const a = isFirst ? u : u - st.c * prevU;
      const v = -HALF_LOG_2PI - Math.log(st.s) - logSigma[i] - (0.5 * a * a) / (st.s * st.s);
      out[i] = v === v ? v : -Infinity;
      prevU = u;
    }
  }

}

/** y_rep over the training series with per-row sigma: `params` is n x [sigma, phi], row-major. */
function simulateHeteroscedastic(series: Series, steps: { first: Uint8Array; gap: Float64Array }, eta: Float64Array, params: Float64Array, rng: RandomSource, out: Float64Array): void {
  const { first, gap } = steps;
  const { kind, order } = series;
  const st: Step = { c: 0, s: 0, dcPhi: 0, dsSigma: 0, dsPhi: 0 };
  let prevU = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const isFirst = first[k] === 1;
    step(kind, isFirst, gap[k], 1, params[2 * i + 1], st);
    const u = (isFirst ? 0 : st.c * prevU) + st.s * rng.normal();
    out[i] = eta[i] + params[2 * i] * u;
    prevU = u;
  }
}

/** The gaussian family with autocorrelated residuals over the training data's series. */
export function autocorGaussian(series: AutocorStructure): Family {
  let bound: AutocorLikelihood | null = null;
  let steps: ReturnType<typeof seriesSteps> | null = null;
  const family: Family = {
    ...gaussian,
    aux: [{ name: 'sigma', lower: 0 }, series.kind === 'ar' ? { name: 'ar', lower: -1, parameter: 'ar[1]' } : { name: 'car1', lower: 0 }],
    bind(obs: ResponseData): Likelihood {
      gaussian.checkResponse(obs.y, null, obs.column ?? 'response');
      bound = new AutocorLikelihood(obs.y, series);
      return bound;
    },
    simulate(eta, aux, _extra, rng, out) {
      // only the training rows have series and times (predict.ts refuses new data with autocor)
      if (!bound || eta.length !== bound.n) throw new Error('internal: autocorrelated residuals are simulated on the training rows only');
      bound.simulate(eta, aux, rng, out);
    },
    simulateRows(eta, params, _extra, rng, out) {
      if (eta.length !== series.order.length) throw new Error('internal: autocorrelated residuals are simulated on the training rows only');
      steps ??= seriesSteps(series, eta.length);
      simulateHeteroscedastic(series, steps, eta, params, rng, out);
    },
  };
  return family;
}
