/**
 * The contract's new families (model-spec "Families and links") as Family objects built on the
 * observation library: the likelihood is the per-observation kernel (kernel-likelihood.ts), the mean
 * and the posterior-predictive draw are the library's, with mu = g^-1(eta) on the family's link.
 * Auxiliary parameters are in brms's order (shape or sigma first, then zi / hu).
 */
import type { AuxParam, Family, FamilyName, LinkName, RandomSource, ResponseData } from './types.js';
import { fusedKernelLikelihood } from './fused-kernel-likelihoods.js';
import { familyInfo } from './catalog.js';
import { checkResponseKind } from './response-checks.js';
import { KernelLikelihood } from './kernel-likelihood.js';
import { observationKernel } from './observation-kernels.js';
import { invLogit } from './special.js';
import * as obs from './observation/index.js';

type KernelFamilyName = Exclude<FamilyName, 'gaussian' | 'student' | 'lognormal' | 'bernoulli' | 'binomial' | 'poisson' | 'negbinomial' | 'cumulative'>;

interface Definition {
  link: LinkName;
  aux: AuxParam[];
  /** E[y | mu, aux]. */
  mean: (mu: number, aux: ArrayLike<number>) => number;
  /** One draw of y given mu and aux. */
  draw: (mu: number, aux: ArrayLike<number>, rng: RandomSource) => number;
}

const shape: AuxParam = { name: 'shape', lower: 0 };
const sigma: AuxParam = { name: 'sigma', lower: 0 };
const phi: AuxParam = { name: 'phi', lower: 0 };
const zi: AuxParam = { name: 'zi', lower: 0, upper: 1 };
const hu: AuxParam = { name: 'hu', lower: 0, upper: 1 };

const DEFINITIONS: Record<KernelFamilyName, Definition> = {
  gamma: { link: 'log', aux: [shape], mean: obs.gammaMean, draw: (mu, a, rng) => obs.gammaRng(mu, a[0], rng) },
  weibull: { link: 'log', aux: [shape], mean: obs.weibullMean, draw: (mu, a, rng) => obs.weibullRng(mu, a[0], rng) },
  exponential: { link: 'log', aux: [], mean: obs.exponentialMean, draw: (mu, _a, rng) => obs.exponentialRng(mu, rng) },
  beta: { link: 'logit', aux: [phi], mean: obs.betaMean, draw: (mu, a, rng) => obs.betaRng(mu, a[0], rng) },
  zero_inflated_poisson: { link: 'log', aux: [zi], mean: (mu, a) => obs.zeroInflatedMean(mu, a[0]), draw: (mu, a, rng) => obs.zeroInflatedPoissonRng(mu, a[0], rng) },
  zero_inflated_negbinomial: {
    link: 'log',
    aux: [shape, zi],
    mean: (mu, a) => obs.zeroInflatedMean(mu, a[1]),
    draw: (mu, a, rng) => obs.zeroInflatedNegbinomialRng(mu, a[0], a[1], rng),
  },
  hurdle_poisson: { link: 'log', aux: [hu], mean: (mu, a) => obs.hurdlePoissonMean(mu, a[0]), draw: (mu, a, rng) => obs.hurdlePoissonRng(mu, a[0], rng) },
  hurdle_negbinomial: {
    link: 'log',
    aux: [shape, hu],
    mean: (mu, a) => obs.hurdleNegbinomialMean(mu, a[0], a[1]),
    draw: (mu, a, rng) => obs.hurdleNegbinomialRng(mu, a[0], a[1], rng),
  },
  hurdle_lognormal: {
    link: 'identity',
    aux: [sigma, hu],
    mean: (mu, a) => obs.hurdleLognormalMean(mu, a[0], a[1]),
    draw: (mu, a, rng) => obs.hurdleLognormalRng(mu, a[0], a[1], rng),
  },
};

export const kernelFamilyNames: readonly KernelFamilyName[] = Object.keys(DEFINITIONS) as KernelFamilyName[];

export function isKernelFamily(name: string): name is KernelFamilyName {
  return Object.prototype.hasOwnProperty.call(DEFINITIONS, name);
}

function inverse(link: LinkName): (eta: number) => number {
  return link === 'log' ? Math.exp : link === 'logit' ? invLogit : (eta) => eta;
}

function kernelFamily(name: KernelFamilyName): Family {
  const def = DEFINITIONS[name];
  const info = familyInfo(name);
  const g = inverse(def.link);
  const family: Family = {
    name,
    link: def.link,
    aux: def.aux,
    needsTrials: false,
    knownSe: false,
    checkResponse(y, _trials, column) {
      checkResponseKind(info, y, column);
    },
    bind(data: ResponseData) {
      family.checkResponse(data.y, null, data.column ?? 'response');
      const kernel = observationKernel(name, def.link)!;
      return fusedKernelLikelihood(name, kernel, data.y) ?? new KernelLikelihood(kernel, data.y, null);
    },
    inverseLink: g,
    mean: (eta, aux) => def.mean(g(eta), aux),
    simulate(eta, aux, _extra, rng, out) {
      for (let i = 0; i < eta.length; i++) out[i] = def.draw(g(eta[i]), aux, rng);
    },
  };
  return family;
}

export const kernelFamilies: Record<KernelFamilyName, Family> = Object.fromEntries(kernelFamilyNames.map((n) => [n, kernelFamily(n)])) as Record<KernelFamilyName, Family>;
