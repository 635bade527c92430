/**
 * Intraclass correlation: the variance partition of a random-intercept model, per posterior draw.
 *
 * With random intercepts (1 | g_1), ..., (1 | g_m) and residual variance v_res,
 *   ICC_g = sd_g^2 / (sd_1^2 + ... + sd_m^2 + v_res),   total = (sd_1^2 + ... + sd_m^2) / (same),
 * where v_res is, by family (Nakagawa, Johnson & Schielzeth 2017, J. R. Soc. Interface 14: 20170213):
 *   gaussian                    sigma^2                                   (data scale)
 *   lognormal                   sigma^2                                   (log scale)
 *   bernoulli, binomial (logit) pi^2 / 3                                  (latent scale)
 *   poisson (log)               log(1 + 1/lambda)                         (latent scale, lognormal approximation)
 *   negbinomial (log)           log(1 + 1/lambda + 1/shape)               (latent scale, lognormal approximation)
 * with lambda = exp(mean_i(X_i beta) + (sd_1^2 + ... + sd_m^2) / 2), the expected count at the average
 * fixed part. mean_i(X_i beta) equals b_Intercept for an intercept-only fixed part and, in general, the
 * intercept of the same model with centred covariates (Nakagawa et al.'s recommendation).
 */
import { SpecError } from '@strata/core';
import { drawSummary, type DrawSummary } from '../stats.js';
import { constrainedDraw, type FitData } from './fit-data.js';
import { paramIndex } from './draws-access.js';
import { posteriorEpred } from './posterior-draws.js';

export interface IccRow extends DrawSummary {
  /** Grouping factor, or 'total' for the share of all group terms together. */
  group: string;
  /** The sd parameter (sd_g__Intercept), or '' for the total. */
  parameter: string;
  /** ICC per pooled draw. */
  draws: Float64Array;
}

export interface IccResult {
  family: string;
  /** 'data' for gaussian; 'latent' for the link (log / logit) scale. */
  scale: 'data' | 'latent';
  /** The residual variance used, as a formula. */
  residual: string;
  /** One row per random intercept: its share of the total variance. */
  groups: IccRow[];
  /** Share of all random intercepts together (equals groups[0] with one grouping factor). */
  total: IccRow;
}

type Residual = { scale: 'data' | 'latent'; text: string; variance: (row: Float64Array, sumSd2: number, fixedMean: number, draw: number) => number };

export function icc(fit: FitData): IccResult {
  const { model } = fit;
    if (model.nonlinear) {
    throw new SpecError('icc() is defined for linear models only: in a nonlinear model the variance due to a group depends on the covariates; look at varCorr() instead', 'icc');
  }
  const all = paramIndex(model);
  // the mean's group terms only: those of a dpars formula (sigma ~ (1 | g)) are not variance components of y
  const idx = { ...all, groups: all.groups.filter((g) => model.structure.predictors[g.block.predictor].dpar === undefined) };
  if (idx.groups.length === 0) {
    throw new SpecError('the model has no group-level (random) intercept, so there is no variance to partition; icc() needs a term such as (1 | g)', 'icc');
  }
  for (const g of idx.groups) {
    const coefs = g.block.design.coefNames;
    if (coefs.length !== 1 || coefs[0] !== 'Intercept') {
      throw new SpecError(
        `the group term for '${g.block.design.group}' has ${coefs.filter((c) => c !== 'Intercept').map((c) => `a random slope for ${c}`).join(', ') || `coefficients ${coefs.join(', ')}`}: ` +
          'the share of variance due to the group then changes with the covariate, so a single ICC is not well defined; look at the sds and correlations in varCorr() instead',
        'icc',
      );
    }
  }
  const residual = residualVariance(fit);
  const S = fit.totalDraws;
  const shares = idx.groups.map(() => new Float64Array(S));
  const total = new Float64Array(S);
  const fixed = model.layout.fixed[0].design;
  const colMeans = new Float64Array(fixed.p);
  for (let i = 0; i < model.nobs; i++) for (let j = 0; j < fixed.p; j++) colMeans[j] += fixed.X[i * fixed.p + j] / model.nobs;
  const sd2 = new Float64Array(idx.groups.length);
  for (let d = 0; d < S; d++) {
    const row = constrainedDraw(fit, d);
    let sum = 0;
    idx.groups.forEach((g, t) => {
      const v = row[g.sd[0]];
      sd2[t] = v * v;
      sum += sd2[t];
    });
    let fixedMean = 0;
    idx.beta[0].forEach((k, j) => (fixedMean += colMeans[j] * row[k]));
    const denom = sum + residual.variance(row, sum, fixedMean, d);
    for (let t = 0; t < sd2.length; t++) shares[t][d] = sd2[t] / denom;
    total[d] = sum / denom;
  }
  return {
    family: model.family.name,
    scale: residual.scale,
    residual: residual.text,
    groups: idx.groups.map((g, t) => ({ group: g.block.design.group, parameter: g.block.sd[0].name, ...drawSummary(shares[t]), draws: shares[t] })),
    total: { group: 'total', parameter: '', ...drawSummary(total), draws: total },
  };
}

function residualVariance(fit: FitData): Residual {
  const family = fit.model.family;
  const idx = paramIndex(fit.model);
  const aux = (name: string): number => idx.aux[family.aux.findIndex((p) => p.name === name)];
  // with a dpars formula the parameter varies by observation: per draw, its mean over the training rows of f(value)
  const rowMean = (name: string, f: (v: number) => number): Float64Array => {
    const p = posteriorEpred(fit, undefined, { dpar: name });
    const out = new Float64Array(p.S);
    for (let d = 0; d < p.S; d++) {
      let acc = 0;
      for (let i = 0; i < p.N; i++) acc += f(p.draws[d * p.N + i]);
      out[d] = acc / p.N;
    }
    return out;
  };
  const modelledSigma = (scale: 'data' | 'latent', text: string): Residual => {
    const v = rowMean('sigma', (x) => x * x);
    return { scale, text: `mean over observations of sigma_i^2${text} (sigma has a dpars formula)`, variance: (_row, _sum, _fixed, d) => v[d] };
  };
  switch (family.name) {
    case 'gaussian': {
      if (family.knownSe) {
        throw new SpecError('icc() needs an estimated residual sd, but with se() in the response the measurement sds are known and no sigma is estimated; compare sd_ with the se column directly', 'icc');
      }
      const k = aux('sigma');
      if (k < 0) return modelledSigma('data', '');
      return { scale: 'data', text: 'sigma^2', variance: (row) => row[k] * row[k] };
    }
    case 'lognormal': {
      const k = aux('sigma');
      if (k < 0) return modelledSigma('latent', ' (log scale)');
      return { scale: 'latent', text: 'sigma^2 (log scale)', variance: (row) => row[k] * row[k] };
    }
    case 'bernoulli':
    case 'binomial':
      return { scale: 'latent', text: 'pi^2/3 (logistic latent scale)', variance: () => (Math.PI * Math.PI) / 3 };
    case 'poisson':
      return {
        scale: 'latent',
        text: 'log(1 + 1/lambda), lambda = exp(mean(X beta) + sum sd^2 / 2) (lognormal approximation, Nakagawa et al. 2017)',
        variance: (_row, sumSd2, fixedMean) => Math.log1p(Math.exp(-(fixedMean + sumSd2 / 2))),
      };
    case 'negbinomial': {
      const k = aux('shape');
      if (k < 0) {
        const inverse = rowMean('shape', (x) => 1 / x);
        return {
          scale: 'latent',
          text: 'log(1 + 1/lambda + mean_i 1/shape_i), lambda = exp(mean(X beta) + sum sd^2 / 2) (shape has a dpars formula; lognormal approximation, Nakagawa et al. 2017)',
          variance: (_row, sumSd2, fixedMean, d) => Math.log1p(Math.exp(-(fixedMean + sumSd2 / 2)) + inverse[d]),
        };
      }
      return {
        scale: 'latent',
        text: 'log(1 + 1/lambda + 1/shape), lambda = exp(mean(X beta) + sum sd^2 / 2) (lognormal approximation, Nakagawa et al. 2017)',
        variance: (row, sumSd2, fixedMean) => Math.log1p(Math.exp(-(fixedMean + sumSd2 / 2)) + 1 / row[k]),
      };
    }
    default:
      throw new SpecError(
        `icc() is not defined for the ${family.name} family here (its residual variance sigma^2 nu / (nu - 2) does not exist for nu <= 2); use varCorr()`,
        'icc',
      );
  }
}
