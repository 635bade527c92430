/**
 * SBC models for issue 12's stage-2 and stage-1 extensions: one correlated block (an ID) across two
 * nonlinear parameters, and a formula for sigma (dpars). Simulated by hand from the priors, as the
 * models in models.ts are, so that a wrong name, block layout or link in the model shows up as
 * non-uniform ranks rather than being reproduced by a shared simulator.
 */
import type { SbcModel, SbcSpec } from './model-types.js';
import { correlationOf, drawLkjCholesky, drawPrior } from './random.js';
import { HALF_NORMAL_SD, labels, lkj2Sd, simulateGaussian } from './sim-helpers.js';

/**
 * Logistic growth with the asymptote and the midpoint varying by group in ONE correlated block,
 * `(1 | p | g)` in both nl formulas: (r_Asym, r_xmid) ~ N(0, diag(tau) R diag(tau)), R ~ lkj(2).
 * 10 groups x 7 observations at t = 0, 2, ..., 12.
 */
export function idBlockGrowthModel(groups = 10, perGroup = 7): SbcModel {
  const spec: SbcSpec = {
    formula: 'y ~ Asym / (1 + exp(-(t - xmid) / scal))',
    nl: { Asym: '1 + (1 | p | g)', xmid: '1 + (1 | p | g)', scal: '1' },
    family: 'gaussian',
    priors: [
      { prior: 'normal(20, 4)', class: 'b', nlpar: 'Asym' },
      { prior: 'normal(6, 1)', class: 'b', nlpar: 'xmid' },
      { prior: 'normal(2, 0.4)', class: 'b', nlpar: 'scal' },
      { prior: 'normal(0, 3)', class: 'sd', group: 'g', nlpar: 'Asym' },
      { prior: 'normal(0, 1)', class: 'sd', group: 'g', nlpar: 'xmid' },
      { prior: 'lkj(2)', class: 'cor', group: 'g' },
      { prior: 'normal(0, 1)', class: 'sigma' },
    ],
  };
  const g = labels(groups);
  const cor = 'cor_g__Asym_Intercept__xmid_Intercept';
  return {
    name: 'id_block_growth',
    description: `y ~ Asym / (1 + exp(-(t - xmid) / scal)), Asym ~ 1 + (1 | p | g), xmid ~ 1 + (1 | p | g), lkj(2), ${groups} groups x ${perGroup} obs`,
    spec,
    parameters: [
      'b_Asym_Intercept',
      'b_xmid_Intercept',
      'b_scal_Intercept',
      'sd_g__Asym_Intercept',
      'sd_g__xmid_Intercept',
      cor,
      'sigma',
      'r_g__Asym[g1,Intercept]',
      'r_g__xmid[g1,Intercept]',
    ],
    priorScale: {
      b_Asym_Intercept: 4,
      b_xmid_Intercept: 1,
      b_scal_Intercept: 0.4,
      sd_g__Asym_Intercept: 3 * HALF_NORMAL_SD,
      sd_g__xmid_Intercept: HALF_NORMAL_SD,
      [cor]: lkj2Sd(2),
      sigma: HALF_NORMAL_SD,
      'r_g__Asym[g1,Intercept]': 2.4,
      'r_g__xmid[g1,Intercept]': 0.8,
    },
    simulate(rng) {
      const asym = drawPrior('normal(20, 4)', rng);
      const xmid = drawPrior('normal(6, 1)', rng);
      const scal = drawPrior('normal(2, 0.4)', rng);
      const tauA = drawPrior('normal(0, 3)', rng, { lower: 0 });
      const tauX = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const L = drawLkjCholesky(2, 2, rng);
      const sigma = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const truth: Record<string, number> = {
        b_Asym_Intercept: asym,
        b_xmid_Intercept: xmid,
        b_scal_Intercept: scal,
        sd_g__Asym_Intercept: tauA,
        sd_g__xmid_Intercept: tauX,
        [cor]: correlationOf(L, 2, 0, 1),
        sigma,
      };
      const t: number[] = [];
      const gg: string[] = [];
      const eta = new Float64Array(groups * perGroup);
      for (let j = 0, i = 0; j < groups; j++) {
        const z0 = rng.normal();
        const z1 = rng.normal();
        const rA = tauA * (L[0] * z0);
        const rX = tauX * (L[2] * z0 + L[3] * z1);
        truth[`r_g__Asym[${g[j]},Intercept]`] = rA;
        truth[`r_g__xmid[${g[j]},Intercept]`] = rX;
        for (let k = 0; k < perGroup; k++, i++) {
          const ti = 2 * k;
          t.push(ti);
          gg.push(g[j]);
          eta[i] = (asym + rA) / (1 + Math.exp(-(ti - (xmid + rX)) / scal));
        }
      }
      return { truth, data: { y: simulateGaussian(eta, sigma, rng), t, g: gg } };
    },
  };
}

/**
 * Gaussian with a formula for sigma (log link, as brms): y ~ 1 + x + (1 | g) and
 * sigma ~ 1 + x + (1 | g), the two g terms in separate blocks (no ID). 10 groups x 8 observations,
 * x ~ normal(0, 1).
 */
export function sigmaDparModel(groups = 10, perGroup = 8): SbcModel {
  const spec: SbcSpec = {
    formula: 'y ~ 1 + x + (1 | g)',
    dpars: { sigma: '1 + x + (1 | g)' },
    family: 'gaussian',
    priors: [
      { prior: 'normal(0, 2)', class: 'b', coef: 'Intercept' },
      { prior: 'normal(0, 1)', class: 'b', coef: 'x' },
      { prior: 'normal(0, 1)', class: 'sd', group: 'g' },
      { prior: 'normal(0, 1)', class: 'b', coef: 'Intercept', dpar: 'sigma' },
      { prior: 'normal(0, 0.5)', class: 'b', coef: 'x', dpar: 'sigma' },
      { prior: 'normal(0, 0.5)', class: 'sd', group: 'g', dpar: 'sigma' },
    ],
  };
  const g = labels(groups);
  return {
    name: 'sigma_dpar',
    description: `y ~ 1 + x + (1 | g), sigma ~ 1 + x + (1 | g) (log link), gaussian, ${groups} groups x ${perGroup} obs`,
    spec,
    parameters: [
      'b_Intercept',
      'b_x',
      'sd_g__Intercept',
      'b_sigma_Intercept',
      'b_sigma_x',
      'sd_g__sigma_Intercept',
      'r_g[g1,Intercept]',
      'r_g__sigma[g1,Intercept]',
    ],
    priorScale: {
      b_Intercept: 2,
      b_x: 1,
      sd_g__Intercept: HALF_NORMAL_SD,
      b_sigma_Intercept: 1,
      b_sigma_x: 0.5,
      sd_g__sigma_Intercept: 0.5 * HALF_NORMAL_SD,
      'r_g[g1,Intercept]': 0.8,
      'r_g__sigma[g1,Intercept]': 0.4,
    },
    simulate(rng) {
      const b0 = drawPrior('normal(0, 2)', rng);
      const b1 = drawPrior('normal(0, 1)', rng);
      const tau = drawPrior('normal(0, 1)', rng, { lower: 0 });
      const s0 = drawPrior('normal(0, 1)', rng);
      const s1 = drawPrior('normal(0, 0.5)', rng);
      const tauS = drawPrior('normal(0, 0.5)', rng, { lower: 0 });
      const truth: Record<string, number> = {
        b_Intercept: b0,
        b_x: b1,
        sd_g__Intercept: tau,
        b_sigma_Intercept: s0,
        b_sigma_x: s1,
        sd_g__sigma_Intercept: tauS,
      };
      const x: number[] = [];
      const gg: string[] = [];
      const y: number[] = [];
      for (let j = 0; j < groups; j++) {
        const r = tau * rng.normal();
        const rS = tauS * rng.normal();
        truth[`r_g[${g[j]},Intercept]`] = r;
        truth[`r_g__sigma[${g[j]},Intercept]`] = rS;
        for (let k = 0; k < perGroup; k++) {
          const xi = rng.normal();
          x.push(xi);
          gg.push(g[j]);
          // sigma per observation through the log link; one gaussian draw each.
          y.push(simulateGaussian(Float64Array.of(b0 + b1 * xi + r), Math.exp(s0 + s1 * xi + rS), rng)[0]);
        }
      }
      return { truth, data: { y, x, g: gg } };
    },
  };
}
