/**
 * Positive, right-skewed outcomes: hospital length of stay with a gamma (log link) and a lognormal
 * GLMM, what each one's coefficients and intercept mean (a mean or a median), and which fits better.
 *
 *   pnpm tsx examples/positive_continuous.ts
 *
 * Simulated (seeded): 20 hospitals with 10 to 40 patients each; a patient's length of stay in days
 * is gamma with shape 2 around a mean exp(eta), eta = log 4 + 0.12 age10 + 0.45 emergency + u_hospital,
 * u ~ N(0, 0.25^2), where age10 is the age in decades from 65. Both models,
 *   los ~ 1 + age10 + admission + (1 | hospital),
 * are fitted with family gamma (log link: exp(eta) is the MEAN) and lognormal (identity link on log
 * y: exp(mu) is the MEDIAN), compared with PSIS-LOO and checked against the data with posterior
 * predictive densities.
 */
import { pathToFileURL } from 'node:url';
import { chainRng } from '@strata/samplers';
import { gammaLcdf, gammaRng } from '@strata/core';
import { type Fit, fit as fitModel, looCompare, type LooCompareRow, mainVariables, plotConditionalEffects, ppcSvg } from '@strata/strata';
import { derived, estimate, type Estimate } from './lib/draws.js';
import { heading, interval, num, subheading, table, wrap } from './lib/format.js';
import { resolveOptions, type ExampleOptions } from './lib/options.js';
import { savePlot, shown } from './lib/plots.js';

export const TRUTH = { hospitals: 20, minPatients: 10, maxPatients: 40, b0: Math.log(4), bAge: 0.12, bEmergency: 0.45, tau: 0.25, shape: 2, emergencyShare: 0.4 };

const FORMULA = 'los ~ 1 + age10 + admission + (1 | hospital)';
const LEVELS = { admission: ['elective', 'emergency'] };
const PRIORS = [
  { prior: 'normal(0, 1)', class: 'b' },
  { prior: 'normal(0, 1)', class: 'sd' },
];
export const GAMMA_SPEC = { formula: FORMULA, family: 'gamma', levels: LEVELS, priors: [...PRIORS, { prior: 'gamma(2, 0.5)', class: 'shape' }] };
export const LOGNORMAL_SPEC = { formula: FORMULA, family: 'lognormal', levels: LEVELS, priors: [...PRIORS, { prior: 'normal(0, 1)', class: 'sigma' }] };

export type Row = { los: number; age10: number; admission: string; hospital: string };

/** The simulated stays (seeded). */
export function simulate(seed: number, truth = TRUTH): Row[] {
  const rng = chainRng(seed, 0);
  const rows: Row[] = [];
  for (let h = 0; h < truth.hospitals; h++) {
    const u = truth.tau * rng.normal();
    const n = truth.minPatients + Math.floor(rng.uniform() * (truth.maxPatients - truth.minPatients + 1));
    for (let i = 0; i < n; i++) {
      const age10 = (Math.round(65 + 12 * rng.normal()) - 65) / 10;
      const emergency = rng.uniform() < truth.emergencyShare ? 1 : 0;
      const mu = Math.exp(truth.b0 + truth.bAge * age10 + truth.bEmergency * emergency + u);
      rows.push({ los: Math.round(gammaRng(mu, truth.shape, rng) * 100) / 100, age10, admission: emergency ? 'emergency' : 'elective', hospital: `H${String(h + 1).padStart(2, '0')}` });
    }
  }
  // A stay is at least a few minutes: no zero after rounding.
  for (const r of rows) if (r.los <= 0) r.los = 0.01;
  return rows;
}

const cdf = new Float64Array(3);
/** The median of a gamma with mean 1 and shape `shape` (bisection on the CDF): median = mean x this. */
export function gammaMedianRatio(shape: number): number {
  let lo = 0;
  let hi = 1;
  const logHalf = Math.log(0.5);
  const below = (x: number) => {
    gammaLcdf(x, 1, shape, cdf);
    return cdf[0] < logHalf;
  };
  while (below(hi)) hi *= 2;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean and median length of stay of the reference patient (65, elective, average hospital) per draw. */
function meanAndMedian(f: Fit, family: 'gamma' | 'lognormal'): { mean: Estimate; median: Estimate } {
  if (family === 'gamma') {
    return {
      mean: estimate(derived(f, ['b_Intercept'], (p) => Math.exp(p[0]))),
      median: estimate(derived(f, ['b_Intercept', 'shape'], (p) => Math.exp(p[0]) * gammaMedianRatio(p[1]))),
    };
  }
  return {
    mean: estimate(derived(f, ['b_Intercept', 'sigma'], (p) => Math.exp(p[0] + (p[1] * p[1]) / 2))),
    median: estimate(derived(f, ['b_Intercept'], (p) => Math.exp(p[0]))),
  };
}

/**
 * plotPpc's density overlay of log(los) against log(y_rep): on the days scale a few very long
 * replicated stays stretch the axis and hide the shape; on the log scale the lognormal is a normal
 * and the gamma's left skew shows.
 */
function logPpc(f: Fit, title: string): Promise<string> {
  const pp = f.posteriorPredict(undefined, { draws: 50 });
  const yrep = Array.from({ length: pp.S }, (_, s) => Float64Array.from(pp.draws.subarray(s * pp.N, (s + 1) * pp.N), Math.log));
  return ppcSvg({ y: Float64Array.from(f.model.response.y, Math.log), yrep }, { title, xTitle: 'log length of stay (log days)' });
}

export interface PositiveContinuousResult {
  gamma: Fit;
  lognormal: Fit;
  rows: Row[];
  /** Reference patient's mean and median stay (days) under each model, and the truth. */
  reference: { gamma: { mean: Estimate; median: Estimate }; lognormal: { mean: Estimate; median: Estimate }; truth: { mean: number; median: number } };
  /** fit.posteriorEpred for the reference patient (groups 'none'), per model: the mean of each draw. */
  epredReference: { gamma: Float64Array; lognormal: Float64Array };
  /** exp(b_emergencyadmission) per model: the ratio of means (gamma) or of medians (lognormal). */
  emergencyRatio: { gamma: Estimate; lognormal: Estimate; truth: number };
  compare: LooCompareRow[];
  /** Share of stays under 1 day and over 15 days: observed, and over replicated data sets of each model. */
  tails: { label: string; observed: number; gamma: Estimate; lognormal: Estimate }[];
  looWarnings: string[];
  files: string[];
}

export async function run(options: ExampleOptions = {}): Promise<PositiveContinuousResult> {
  const o = resolveOptions(options, 1301);
  const log = o.log;
  const rows = simulate(o.seed);
  const los = rows.map((r) => r.los).sort((a, b) => a - b);
  const sampleMean = los.reduce((a, b) => a + b, 0) / los.length;
  const sampleMedian = (los[(los.length - 1) >> 1] + los[los.length >> 1]) / 2;
  const trueMedian = Math.exp(TRUTH.b0) * gammaMedianRatio(TRUTH.shape);

  log(heading('Length of stay: gamma vs lognormal GLMM'));
  log(
    wrap(
      `${rows.length} simulated patients in ${TRUTH.hospitals} hospitals (${TRUTH.minPatients} to ${TRUTH.maxPatients} each). Length of stay is ` +
        `positive and right-skewed: mean ${num(sampleMean)} days, median ${num(sampleMedian)}, longest ${num(los[los.length - 1])}. ` +
        `The data were drawn from a gamma (shape ${TRUTH.shape}) whose mean for a 65-year-old elective patient in an average hospital is ` +
        `${num(Math.exp(TRUTH.b0))} days (median ${num(trueMedian)}); an emergency admission multiplies it by e^${TRUTH.bEmergency} = ` +
        `${num(Math.exp(TRUTH.bEmergency))}, ten years of age by e^${TRUTH.bAge} = ${num(Math.exp(TRUTH.bAge))}, and hospitals differ by ` +
        `a factor exp(u), u ~ N(0, ${TRUTH.tau}^2). Model: ${FORMULA}.`,
    ),
  );

  const gamma = await fitModel(GAMMA_SPEC, rows, o.fitOptions());
  log(subheading('Gamma, log link: exp(eta) is the mean'));
  log(gamma.summary({ variables: mainVariables(gamma, Infinity) }).toString());
  const lognormal = await fitModel(LOGNORMAL_SPEC, rows, o.fitOptions(1));
  log(subheading('Lognormal: log(los) ~ N(mu, sigma), exp(mu) is the median'));
  log(lognormal.summary({ variables: mainVariables(lognormal, Infinity) }).toString());

  // What the numbers mean: the same linear predictor is the log of a mean in one model and of a median in the other.
  const reference = { gamma: meanAndMedian(gamma, 'gamma'), lognormal: meanAndMedian(lognormal, 'lognormal'), truth: { mean: Math.exp(TRUTH.b0), median: trueMedian } };
  const refPatient = [{ age10: 0, admission: 'elective', hospital: 'H01' }];
  const epredReference = {
    gamma: gamma.posteriorEpred(refPatient, { groups: 'none' }).draws,
    lognormal: lognormal.posteriorEpred(refPatient, { groups: 'none' }).draws,
  };
  const ratio = (f: Fit) => estimate(derived(f, ['b_admissionemergency'], (p) => Math.exp(p[0])));
  const emergencyRatio = { gamma: ratio(gamma), lognormal: ratio(lognormal), truth: Math.exp(TRUTH.bEmergency) };
  const age = (f: Fit) => estimate(derived(f, ['b_age10'], (p) => Math.exp(p[0])));
  const e = (x: Estimate) => interval(x.mean, x.lower, x.upper);
  log(subheading('Mean and median on the response scale (days; 90% intervals)'));
  log(
    table(
      ['quantity', 'gamma', 'lognormal', 'truth'],
      [
        ['exp(b_Intercept)', `${e(reference.gamma.mean)} (mean)`, `${e(reference.lognormal.median)} (median)`, ''],
        ['mean stay, reference patient', e(reference.gamma.mean), e(reference.lognormal.mean), num(reference.truth.mean)],
        ['median stay, reference patient', e(reference.gamma.median), e(reference.lognormal.median), num(reference.truth.median)],
        ['posteriorEpred (groups none)', num(estimate(epredReference.gamma).mean), num(estimate(epredReference.lognormal).mean), num(reference.truth.mean)],
        ['exp(b_admissionemergency)', e(emergencyRatio.gamma), e(emergencyRatio.lognormal), num(emergencyRatio.truth)],
        ['exp(b_age10)', e(age(gamma)), e(age(lognormal)), num(Math.exp(TRUTH.bAge))],
      ],
    ),
  );
  log(
    wrap(
      'In words. The gamma model says: a 65-year-old elective patient in an average hospital stays ' +
        `${num(reference.gamma.mean.mean)} days on average, and half of such patients leave within ${num(reference.gamma.median.mean)} days; ` +
        `an emergency admission lengthens the average stay by a factor ${num(emergencyRatio.gamma.mean)}. ` +
        'The lognormal model\'s intercept is the log of the MEDIAN stay, not the mean: exp(b_Intercept) = ' +
        `${num(reference.lognormal.median.mean)} days, and its mean is exp(b_Intercept + sigma^2 / 2) = ${num(reference.lognormal.mean.mean)}. ` +
        'Because both models keep the shape (or sigma) the same for every patient, exp(b) of a predictor multiplies the mean and the ' +
        'median alike, so the two models\' ratios agree; their intercepts do not, and reading exp(b_Intercept) of a lognormal model as ' +
        'a mean stay understates it. posteriorEpred (and fitted, conditionalEffects) always give the mean: exp(eta) for the gamma, ' +
        'exp(mu + sigma^2 / 2) for the lognormal.',
    ),
  );

  const comparison = looCompare({ name: 'gamma', loo: gamma.loo() }, { name: 'lognormal', loo: lognormal.loo() });
  log(subheading('PSIS-LOO: which distribution predicts new stays better?'));
  log(
    table(
      ['model', 'elpd_loo', 'se', 'elpd_diff', 'se_diff', 'p_loo'],
      comparison.rows.map((r) => [r.model, num(r.elpd_loo, 5), num(r.se_elpd_loo), num(r.elpd_diff), num(r.se_diff), num(r.p_loo)]),
    ),
  );
  for (const w of comparison.warnings) log(`warning: ${w}`);
  const worst = comparison.rows[1];
  log(
    wrap(
      `The ${comparison.rows[0].model} model has the higher expected log predictive density, by ${num(-worst.elpd_diff)} ` +
        `(se ${num(worst.se_diff)}, ${num(-worst.elpd_diff / worst.se_diff, 2)} se). Both likelihoods keep their normalising constants ` +
        '(the lognormal its 1 / y), so the two elpd values are on the same scale. ' +
        (comparison.rows[0].model === 'gamma'
          ? 'The data came from a gamma; the lognormal gets the shape of the skew wrong (the table of tails below shows where).'
          : 'The data came from a gamma, yet the lognormal predicts as well or better here: with a few hundred stays the two shapes are hard to tell apart.'),
    ),
  );

  // Where the two shapes differ: the share of very short and very long stays, observed vs replicated.
  const share = (ys: ArrayLike<number>, test: (y: number) => boolean) => {
    let k = 0;
    for (let i = 0; i < ys.length; i++) if (test(ys[i])) k++;
    return k / ys.length;
  };
  const tails = [
    { label: 'stays under 1 day', test: (y: number) => y < 1 },
    { label: 'stays over 15 days', test: (y: number) => y > 15 },
  ];
  const replicatedShare = (f: Fit, test: (y: number) => boolean) => {
    const pp = f.posteriorPredict(undefined, { draws: 400 });
    const values = Array.from({ length: pp.S }, (_, s) => share(pp.draws.subarray(s * pp.N, (s + 1) * pp.N), test));
    return estimate(values);
  };
  const tailRows = tails.map((t) => ({ label: t.label, observed: share(los, t.test), gamma: replicatedShare(gamma, t.test), lognormal: replicatedShare(lognormal, t.test) }));
  log(subheading('Tails: observed share vs replicated data (400 draws, 90% intervals)'));
  log(table(['statistic', 'observed', 'gamma', 'lognormal'], tailRows.map((r) => [r.label, num(r.observed), e(r.gamma), e(r.lognormal)])));

  const files = [
    await savePlot(o.outDir, 'positive_continuous_ppc_gamma.svg', logPpc(gamma, 'Gamma GLMM: posterior predictive check on the log scale')),
    await savePlot(o.outDir, 'positive_continuous_ppc_lognormal.svg', logPpc(lognormal, 'Lognormal GLMM: posterior predictive check on the log scale')),
    await savePlot(
      o.outDir,
      'positive_continuous_conditional_effects.svg',
      plotConditionalEffects(gamma, 'age10:admission', { title: 'Gamma GLMM: mean length of stay by age and admission', subtitle: 'average hospital; median and 95% interval of the mean', xTitle: 'age in decades from 65', yTitle: 'mean stay (days)' }).then((p) => p.svg),
    ),
  ];
  log(subheading('Plots'));
  log(`posterior predictive density of log(los), gamma:      ${shown(files[0])}`);
  log(`posterior predictive density of log(los), lognormal:  ${shown(files[1])}`);
  log(`mean stay by age and admission (gamma):                ${shown(files[2])}`);
  return { gamma, lognormal, rows, reference, epredReference, emergencyRatio, compare: comparison.rows, tails: tailRows, looWarnings: comparison.warnings, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
