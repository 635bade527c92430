/**
 * The non-default links of the first families (model-spec "Families and links"): probit and cloglog
 * for bernoulli and binomial, identity for poisson and negbinomial. The family keeps its checks and
 * auxiliary parameters; the likelihood is its per-observation kernel on the chosen link
 * (kernel-likelihood.ts; the probability links from log mu and log(1 - mu), finite in the tails),
 * and mean and draws use mu = g^-1(eta). With the identity link a mean <= 0 has log-likelihood
 * -Infinity (no observation is possible), so such a draw or start is rejected.
 */
import { SpecError } from '../errors.js';
import type { Family, LinkName, ResponseData } from './types.js';
import { KernelLikelihood } from './kernel-likelihood.js';
import { observationKernel } from './observation-kernels.js';
import { inverseLink } from './links.js';
import * as obs from './observation/index.js';

export function withLink(base: Family, link: LinkName): Family {
  if (link === base.link) return base;
  const g = (eta: number) => inverseLink(link, eta);
  const draw = drawer(base.name);
  if (!draw) throw new SpecError(`the ${link} link of the ${base.name} family is not supported yet`, 'spec.link');
  return {
    ...base,
    link,
    bind(data: ResponseData) {
      base.checkResponse(data.y, data.trials ?? null, data.column ?? 'response', { trialsColumn: data.trialsColumn });
      const kernel = observationKernel(base.name, link, { trials: data.trials ?? null });
      return new KernelLikelihood(kernel!, data.y, null);
    },
    inverseLink: g,
    mean: (eta, aux, extra) => (base.name === 'binomial' ? extra * g(eta) : g(eta)),
    simulate(eta, aux, extra, rng, out) {
      for (let i = 0; i < eta.length; i++) out[i] = draw(g(eta[i]), aux, extra ? extra[i] : 1, rng);
    },
  };
}

type Draw = (mu: number, aux: ArrayLike<number>, trials: number, rng: Parameters<Family['simulate']>[3]) => number;

function drawer(name: string): Draw | null {
  switch (name) {
    case 'bernoulli':
      return (mu, _a, _n, rng) => obs.bernoulliRng(mu, rng);
    case 'binomial':
      return (mu, _a, n, rng) => obs.binomialRng(n, mu, rng);
    case 'poisson':
      return (mu, _a, _n, rng) => obs.poissonRng(mu, rng);
    case 'negbinomial':
      return (mu, a, _n, rng) => obs.negbinomialRng(mu, a[0], rng);
    default:
      return null;
  }
}
