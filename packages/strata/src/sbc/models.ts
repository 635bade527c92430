/**
 * The models SBC checks: small hierarchical data sets (10 groups x 6-7 observations) with proper
 * priors on every parameter, so that parameters can be drawn from the prior and data from the model.
 * Each `simulate` draws the parameters exactly as the spec's priors say (scales truncated at 0, as the
 * model truncates them; group effects non-centred, b = diag(tau) L z) and then the response with the
 * family's own simulate().
 */
import { idBlockGrowthModel, sigmaDparModel } from './models-extensions.js';
import { correlationOf, drawLkjCholesky, drawPrior, type SbcRandom } from './random.js';
import { HALF_NORMAL_SD, labels, lkj2Sd, simulateGaussian } from './sim-helpers.js';

export type { SbcModel, SbcSimulation, SbcSpec } from './model-types.js';
import type { SbcModel, SbcSpec } from './model-types.js';

/** y ~ 1 + x + (1 | g), gaussian: 10 groups x 6 observations, x ~ normal(0, 1). */
export function randomInterceptModel(groups = 10, perGroup = 6): SbcModel {
  const spec: SbcSpec = {
    formula: 'y ~ 1 + x + (1 | g)',
    family: 'gaussian',
    priors: [
      { prior: 'normal(0, 2)', class: 'b', coef: 'Intercept' },
      { prior: 'normal(0, 1)', class: 'b', coef: 'x' },
      { prior: 'normal(0, 1)', class: 'sd', group: 'g' },
      { prior: 'normal(0, 1)', class: 'sigma' },
    ],
  };
  const g = labels(groups);
  return {
    name: 'random_intercept',
    description: `y ~ 1 + x + (1 | g), gaussian, ${groups} groups x ${perGroup} obs`,
    spec,
    parameters: ['b_Intercept', 'b_x', 'sd_g__Intercept', 'sigma', 'r_g[g1,Intercept]', 'r_g[g2,Intercept]'],
    priorScale: {
      b_Intercept: 2,
      b_x: 1,
      sd_g__Intercept: HALF_NORMAL_SD,
      sigma: HALF_NORMAL_SD,
      'r_g[g1,Intercept]': 0.8,
      'r_g[g2,Intercept]': 0.8,
    },
    simulate(rng) {
      const b0 = drawPrior('normal(0, 2)', rng);
      const b1 = drawPrior('normal(0, 1)', rng);
      const tau = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const sigma = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const r = g.map(() => tau * rng.normal());
      const truth: Record<string, number> = { b_Intercept: b0, b_x: b1, sd_g__Intercept: tau, sigma };
      g.forEach((lev, j) => (truth[`r_g[${lev},Intercept]`] = r[j]));
      const x: number[] = [];
      const gg: string[] = [];
      const eta = new Float64Array(groups * perGroup);
      for (let j = 0, i = 0; j < groups; j++) {
        for (let k = 0; k < perGroup; k++, i++) {
          const xi = rng.normal();
          x.push(xi);
          gg.push(g[j]);
          eta[i] = b0 + b1 * xi + r[j];
        }
      }
      return { truth, data: { y: simulateGaussian(eta, sigma, rng), x, g: gg } };
    },
  };
}

/** y ~ 1 + t + (1 + t | g), gaussian, lkj(2): 10 groups x 6 observations at t = 0, 0.2, ..., 1. */
export function randomSlopeModel(groups = 10, perGroup = 6): SbcModel {
  const spec: SbcSpec = {
    formula: 'y ~ 1 + t + (1 + t | g)',
    family: 'gaussian',
    priors: [
      { prior: 'normal(0, 1)', class: 'b' },
      { prior: 'normal(0, 1)', class: 'sd', group: 'g' },
      { prior: 'lkj(2)', class: 'cor', group: 'g' },
      { prior: 'normal(0, 1)', class: 'sigma' },
    ],
  };
  const g = labels(groups);
  return {
    name: 'random_slope',
    description: `y ~ 1 + t + (1 + t | g), gaussian, lkj(2), ${groups} groups x ${perGroup} obs`,
    spec,
    parameters: [
      'b_Intercept',
      'b_t',
      'sd_g__Intercept',
      'sd_g__t',
      'cor_g__Intercept__t',
      'sigma',
      'r_g[g1,Intercept]',
      'r_g[g1,t]',
    ],
    priorScale: {
      b_Intercept: 1,
      b_t: 1,
      sd_g__Intercept: HALF_NORMAL_SD,
      sd_g__t: HALF_NORMAL_SD,
      cor_g__Intercept__t: lkj2Sd(2),
      sigma: HALF_NORMAL_SD,
      'r_g[g1,Intercept]': 0.8,
      'r_g[g1,t]': 0.8,
    },
    simulate(rng) {
      const b0 = drawPrior('normal(0, 1)', rng);
      const b1 = drawPrior('normal(0, 1)', rng);
      const tau0 = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const tau1 = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const L = drawLkjCholesky(2, 2, rng);
      const sigma = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const truth: Record<string, number> = {
        b_Intercept: b0,
        b_t: b1,
        sd_g__Intercept: tau0,
        sd_g__t: tau1,
        cor_g__Intercept__t: correlationOf(L, 2, 0, 1),
        sigma,
      };
      const t: number[] = [];
      const gg: string[] = [];
      const eta = new Float64Array(groups * perGroup);
      for (let j = 0, i = 0; j < groups; j++) {
        const z0 = rng.normal();
        const z1 = rng.normal();
        const r0 = tau0 * (L[0] * z0);
        const r1 = tau1 * (L[2] * z0 + L[3] * z1);
        truth[`r_g[${g[j]},Intercept]`] = r0;
        truth[`r_g[${g[j]},t]`] = r1;
        for (let k = 0; k < perGroup; k++, i++) {
          const ti = perGroup > 1 ? k / (perGroup - 1) : 0;
          t.push(ti);
          gg.push(g[j]);
          eta[i] = b0 + r0 + (b1 + r1) * ti;
        }
      }
      return { truth, data: { y: simulateGaussian(eta, sigma, rng), t, g: gg } };
    },
  };
}

/**
 * Logistic growth NLME (the Orange-tree model in miniature): y ~ Asym / (1 + exp(-(t - xmid) / scal))
 * with a random asymptote, 10 groups x 7 observations at t = 0, 2, ..., 12.
 */
export function logisticGrowthModel(groups = 10, perGroup = 7): SbcModel {
  const spec: SbcSpec = {
    formula: 'y ~ Asym / (1 + exp(-(t - xmid) / scal))',
    nl: { Asym: '1 + (1 | g)', xmid: '1', scal: '1' },
    family: 'gaussian',
    priors: [
      { prior: 'normal(20, 4)', class: 'b', nlpar: 'Asym' },
      { prior: 'normal(6, 1)', class: 'b', nlpar: 'xmid' },
      { prior: 'normal(2, 0.4)', class: 'b', nlpar: 'scal' },
      { prior: 'normal(0, 3)', class: 'sd', group: 'g', nlpar: 'Asym' },
      { prior: 'normal(0, 1)', class: 'sigma' },
    ],
  };
  const g = labels(groups);
  return {
    name: 'logistic_growth',
    description: `y ~ Asym / (1 + exp(-(t - xmid) / scal)), Asym ~ 1 + (1 | g), ${groups} groups x ${perGroup} obs`,
    spec,
    parameters: [
      'b_Asym_Intercept',
      'b_xmid_Intercept',
      'b_scal_Intercept',
      'sd_g__Asym_Intercept',
      'sigma',
      'r_g__Asym[g1,Intercept]',
      'r_g__Asym[g2,Intercept]',
    ],
    priorScale: {
      b_Asym_Intercept: 4,
      b_xmid_Intercept: 1,
      b_scal_Intercept: 0.4,
      sd_g__Asym_Intercept: 3 * HALF_NORMAL_SD,
      sigma: HALF_NORMAL_SD,
      'r_g__Asym[g1,Intercept]': 2.4,
      'r_g__Asym[g2,Intercept]': 2.4,
    },
    simulate(rng) {
      const asym = drawPrior('normal(20, 4)', rng);
      const xmid = drawPrior('normal(6, 1)', rng);
      const scal = drawPrior('normal(2, 0.4)', rng);
      const tau = drawPrior('normal(0, 3)', rng, { lower: 0 });
      const sigma = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const truth: Record<string, number> = {
        b_Asym_Intercept: asym,
        b_xmid_Intercept: xmid,
        b_scal_Intercept: scal,
        sd_g__Asym_Intercept: tau,
        sigma,
      };
      const t: number[] = [];
      const gg: string[] = [];
      const eta = new Float64Array(groups * perGroup);
      for (let j = 0, i = 0; j < groups; j++) {
        const r = tau * rng.normal();
        truth[`r_g__Asym[${g[j]},Intercept]`] = r;
        for (let k = 0; k < perGroup; k++, i++) {
          const ti = 2 * k;
          t.push(ti);
          gg.push(g[j]);
          eta[i] = (asym + r) / (1 + Math.exp(-(ti - xmid) / scal));
        }
      }
      return { truth, data: { y: simulateGaussian(eta, sigma, rng), t, g: gg } };
    },
  };
}

export const SBC_MODELS = {
  random_intercept: randomInterceptModel,
  random_slope: randomSlopeModel,
  logistic_growth: logisticGrowthModel,
  id_block_growth: idBlockGrowthModel,
  sigma_dpar: sigmaDparModel,
} as const;
