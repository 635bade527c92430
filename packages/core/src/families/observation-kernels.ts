/**
 * Each family and link as one per-observation function of the linear predictor, built from the
 * observation library (./observation) and the links (./links-ext.ts): the value and derivatives
 * d/deta and d/daux_k of log p(y_i | eta_i, aux), and of log P(lo < Y <= hi | eta_i, aux) where the
 * family allows cens() and trunc(). The generic likelihood of the response extras
 * (model/extras-likelihood.ts) and the new families are built on these.
 */
import { invLinkFunction, logProbsCloglog, logProbsLogit, logProbsProbit, type ExtLinkName } from './links-ext.js';
import * as obs from './observation/index.js';

export interface ObservationKernel {
  /** Number of auxiliary parameters read from aux (the family's aux order). */
  readonly nAux: number;
  /** A count family: censoring and truncation bounds are integers, and `lb` includes lb. */
  readonly discrete: boolean;
  /** out = [log p(y | eta, aux), d/deta, d/daux_0, ...]; -Infinity with zero derivatives outside the support. */
  lpdf(y: number, eta: number, aux: ArrayLike<number>, i: number, out: Float64Array): void;
  /** out = [log P(lo < Y <= hi | eta, aux), d/deta, d/daux_0, ...]; absent where cens()/trunc() are not allowed. */
  logInterval?: (lo: number, hi: number, eta: number, aux: ArrayLike<number>, i: number, out: Float64Array) => void;
}

/** Per-observation data a kernel may read (the trials of the binomial). */
export interface KernelData {
  trials?: Float64Array | null;
}

const LINK = new Float64Array(2);
const PROBS = new Float64Array(4);

type Lpdf1 = (y: number, mu: number, out: Float64Array) => void;
type Lpdf2 = (y: number, mu: number, a: number, out: Float64Array) => void;
type Lpdf3 = (y: number, mu: number, a: number, b: number, out: Float64Array) => void;
type Tail1 = Lpdf1;
type Tail2 = Lpdf2;
type Tail3 = Lpdf3;
type Int1 = (lo: number, hi: number, mu: number, out: Float64Array) => void;
type Int2 = (lo: number, hi: number, mu: number, a: number, out: Float64Array) => void;
type Int3 = (lo: number, hi: number, mu: number, a: number, b: number, out: Float64Array) => void;

/** Slot 1 from d/dmu (the library's scale) to d/deta = d/dmu * dmu/deta; LINK holds [mu, dmu/deta]. */
function toEta(out: Float64Array): void {
  out[1] = out[0] === -Infinity ? 0 : out[1] * LINK[1];
}

// The kernels are written out per arity (no closure per call: a gradient allocates nothing).
/** tails = [lcdf, lccdf, logInterval]: a one-sided interval is its tail (exact at an infinite bound). */
function kernel0(link: ExtLinkName, discrete: boolean, lpdf: Lpdf1, tails?: [Tail1, Tail1, Int1]): ObservationKernel {
  const inverse = invLinkFunction(link);
  const k: ObservationKernel = {
    nAux: 0,
    discrete,
    lpdf(y, eta, _aux, _i, out) {
      inverse(eta, LINK);
      lpdf(y, LINK[0], out);
      toEta(out);
    },
  };
  if (tails) {
    const [lcdf, lccdf, interval] = tails;
    k.logInterval = (lo, hi, eta, _aux, _i, out) => {
      inverse(eta, LINK);
      if (lo === -Infinity) lcdf(hi, LINK[0], out);
      else if (hi === Infinity) lccdf(lo, LINK[0], out);
      else interval(lo, hi, LINK[0], out);
      toEta(out);
    };
  }
  return k;
}

/** tails = [lcdf, lccdf, logInterval]: a one-sided interval is its tail (exact at an infinite bound). */
function kernel1(link: ExtLinkName, discrete: boolean, lpdf: Lpdf2, tails?: [Tail2, Tail2, Int2]): ObservationKernel {
  const inverse = invLinkFunction(link);
  const k: ObservationKernel = {
    nAux: 1,
    discrete,
    lpdf(y, eta, aux, _i, out) {
      inverse(eta, LINK);
      lpdf(y, LINK[0], aux[0], out);
      toEta(out);
    },
  };
  if (tails) {
    const [lcdf, lccdf, interval] = tails;
    k.logInterval = (lo, hi, eta, aux, _i, out) => {
      inverse(eta, LINK);
      if (lo === -Infinity) lcdf(hi, LINK[0], aux[0], out);
      else if (hi === Infinity) lccdf(lo, LINK[0], aux[0], out);
      else interval(lo, hi, LINK[0], aux[0], out);
      toEta(out);
    };
  }
  return k;
}

/** tails = [lcdf, lccdf, logInterval]: a one-sided interval is its tail (exact at an infinite bound). */
function kernel2(link: ExtLinkName, discrete: boolean, lpdf: Lpdf3, tails?: [Tail3, Tail3, Int3]): ObservationKernel {
  const inverse = invLinkFunction(link);
  const k: ObservationKernel = {
    nAux: 2,
    discrete,
    lpdf(y, eta, aux, _i, out) {
      inverse(eta, LINK);
      lpdf(y, LINK[0], aux[0], aux[1], out);
      toEta(out);
    },
  };
  if (tails) {
    const [lcdf, lccdf, interval] = tails;
    k.logInterval = (lo, hi, eta, aux, _i, out) => {
      inverse(eta, LINK);
      if (lo === -Infinity) lcdf(hi, LINK[0], aux[0], aux[1], out);
      else if (hi === Infinity) lccdf(lo, LINK[0], aux[0], aux[1], out);
      else interval(lo, hi, LINK[0], aux[0], aux[1], out);
      toEta(out);
    };
  }
  return k;
}

/** Bernoulli / binomial from log mu and log(1 - mu) of eta, finite where mu rounds to 0 or 1. */
function binaryKernel(link: ExtLinkName, data: KernelData): ObservationKernel {
  const logProbs = link === 'probit' ? logProbsProbit : link === 'cloglog' ? logProbsCloglog : logProbsLogit;
  const trials = data.trials ?? null;
  return {
    nAux: 0,
    discrete: true,
    lpdf(y, eta, _aux, i, out) {
      logProbs(eta, PROBS);
      obs.binomialLpmfFromLogProbs(y, trials ? trials[i] : 1, PROBS, out);
    },
  };
}

/**
 * The kernel of `family` with `link` (both as the contract names them), or null for a family the
 * kernels do not cover (cumulative; the gaussian with se()).
 */
export function observationKernel(family: string, link: ExtLinkName, data: KernelData = {}): ObservationKernel | null {
  switch (family) {
    case 'gaussian':
      return kernel1(link, false, obs.gaussianLpdf, [obs.gaussianLcdf, obs.gaussianLccdf, obs.gaussianLogInterval]);
    case 'student':
      return kernel2(link, false, obs.studentLpdf, [obs.studentLcdf, obs.studentLccdf, obs.studentLogInterval]);
    case 'lognormal':
      return kernel1(link, false, obs.lognormalLpdf, [obs.lognormalLcdf, obs.lognormalLccdf, obs.lognormalLogInterval]);
    case 'bernoulli':
    case 'binomial':
      return binaryKernel(link, data);
    case 'poisson':
      return kernel0(link, true, obs.poissonLpmf, [obs.poissonLcdf, obs.poissonLccdf, obs.poissonLogInterval]);
    case 'negbinomial':
      return kernel1(link, true, obs.negbinomialLpmf, [obs.negbinomialLcdf, obs.negbinomialLccdf, obs.negbinomialLogInterval]);
    case 'gamma':
      return kernel1(link, false, obs.gammaLpdf, [obs.gammaLcdf, obs.gammaLccdf, obs.gammaLogInterval]);
    case 'weibull':
      return kernel1(link, false, obs.weibullLpdf, [obs.weibullLcdf, obs.weibullLccdf, obs.weibullLogInterval]);
    case 'exponential':
      return kernel0(link, false, obs.exponentialLpdf, [obs.exponentialLcdf, obs.exponentialLccdf, obs.exponentialLogInterval]);
    case 'beta':
      return kernel1(link, false, obs.betaLpdf);
    case 'zero_inflated_poisson':
      return kernel1(link, true, obs.zeroInflatedPoissonLpmf);
    case 'zero_inflated_negbinomial':
      return kernel2(link, true, obs.zeroInflatedNegbinomialLpmf);
    case 'hurdle_poisson':
      return kernel1(link, true, obs.hurdlePoissonLpmf);
    case 'hurdle_negbinomial':
      return kernel2(link, true, obs.hurdleNegbinomialLpmf);
    case 'hurdle_lognormal':
      return kernel2(link, false, obs.hurdleLognormalLpdf);
    default:
      return null;
  }
}
