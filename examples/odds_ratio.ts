/**
 * The odds ratio is not collapsible: a GLMM's subject-specific odds ratio and a GEE's
 * population-averaged one answer different questions, and differ even with no confounding at all.
 *
 *   pnpm tsx examples/odds_ratio.ts
 *
 * Simulated: 60 subjects, 8 binary outcomes each, 4 on control and 4 on treatment (within-subject, so
 * no confounding); each subject's log odds has its own level, sd tau = 2.5; treatment adds 1 to the
 * log odds of every subject (conditional odds ratio e^1 = 2.72). Averaged over the population, the
 * probabilities under control and treatment are closer together on the odds scale: the marginal odds
 * ratio is about 1.7. A GLMM estimates the first (exp(b_trt)); a GEE or a pooled logistic
 * regression estimates the second; fit.marginalEffect() gets the second from the GLMM by integrating
 * the subject effects over N(0, tau^2), and it agrees with the GEE.
 */
import { pathToFileURL } from 'node:url';
import { chainRng } from '@strata/samplers';
import { type Fit, fit as fitModel, mainVariables, type MarginalEffect, plotConditionalEffects, renderSvg } from '@strata/strata';
import { heading, interval, num, subheading, table, wrap } from './lib/format.js';
import { geeLogistic, type GeeFit } from './lib/gee.js';
import { resolveOptions, type ExampleOptions } from './lib/options.js';
import { forestSpec, savePlot, shown } from './lib/plots.js';

export const TRUTH = { b0: -0.5, bTrt: 1, tau: 2.5, subjects: 60, visits: 8 };

export const SPEC = {
  formula: 'y ~ 1 + trt + (1 | subject)',
  family: 'bernoulli',
  priors: [
    { prior: 'normal(0, 2.5)', class: 'b' },
    { prior: 'normal(0, 3)', class: 'sd' },
  ],
};

export type Row = { y: number; trt: string; subject: string };

/** The simulated study (seeded). */
export function simulate(seed: number, truth = TRUTH): Row[] {
  const rng = chainRng(seed, 0);
  const rows: Row[] = [];
  for (let j = 0; j < truth.subjects; j++) {
    const u = truth.tau * rng.normal();
    for (let t = 0; t < truth.visits; t++) {
      const treated = t % 2;
      const p = 1 / (1 + Math.exp(-(truth.b0 + truth.bTrt * treated + u)));
      rows.push({ y: rng.uniform() < p ? 1 : 0, trt: treated ? 'treated' : 'control', subject: `S${j + 1}` });
    }
  }
  return rows;
}

/** The true population-averaged odds ratio: the probabilities integrated over u ~ N(0, tau^2) by the trapezoid rule. */
export function trueMarginalOddsRatio(truth = TRUTH): number {
  const p = (eta: number) => {
    let num0 = 0;
    let w = 0;
    for (let k = -4000; k <= 4000; k++) {
      const x = k / 400;
      const phi = Math.exp(-0.5 * x * x);
      num0 += phi / (1 + Math.exp(-(eta + truth.tau * x)));
      w += phi;
    }
    return num0 / w;
  };
  const odds = (q: number) => q / (1 - q);
  return odds(p(truth.b0 + truth.bTrt)) / odds(p(truth.b0));
}

export interface OddsRatioResult {
  fit: Fit;
  effect: MarginalEffect;
  gee: GeeFit & { oddsRatio: { mean: number; lower: number; upper: number } };
  truth: { conditional: number; marginal: number };
  files: string[];
}

export async function run(options: ExampleOptions = {}): Promise<OddsRatioResult> {
  const o = resolveOptions(options, 2024);
  const log = o.log;
  const rows = simulate(o.seed);
  const truth = { conditional: Math.exp(TRUTH.bTrt), marginal: trueMarginalOddsRatio() };

  log(heading('Odds ratios: subject-specific (GLMM) vs population-averaged (GEE)'));
  log(
    wrap(
      `${TRUTH.subjects} simulated subjects with ${TRUTH.visits} binary outcomes each, half of them under treatment. Each subject has ` +
        `their own baseline log odds (sd ${TRUTH.tau}); treatment multiplies every subject's odds by e^${TRUTH.bTrt} = ${num(truth.conditional)}. ` +
        `The population's odds ratio, from the probabilities averaged over subjects, is only ${num(truth.marginal)}: ` +
        'the odds ratio is not collapsible, so averaging over subjects moves it towards 1 even without any confounding.',
    ),
  );

  const f = await fitModel(SPEC, rows, o.fitOptions());
  log(f.summary({ variables: mainVariables(f, Infinity) }).toString());

  // The GLMM's conditional and population-averaged odds ratios, and the GEE's.
  const effect = f.marginalEffect('trt', { values: ['control', 'treated'], nodes: 1000, seed: o.seed });
  const geeFit = geeLogistic(rows.map((r) => [1, r.trt === 'treated' ? 1 : 0]), rows.map((r) => r.y), rows.map((r) => r.subject));
  const gee = {
    ...geeFit,
    oddsRatio: { mean: Math.exp(geeFit.beta[1]), lower: Math.exp(geeFit.beta[1] - 1.96 * geeFit.se[1]), upper: Math.exp(geeFit.beta[1] + 1.96 * geeFit.se[1]) },
  };
  const c = effect.conditional.oddsRatio!;
  const m = effect.marginal.oddsRatio!;
  const positive = f.hypothesis('b_trttreated > 0');
  log(subheading('Odds ratio of treatment (95% intervals)'));
  log(
    table(
      ['estimate', 'what it means', 'odds ratio', 'truth'],
      [
        ['GLMM exp(b_trt)', 'one subject, treated vs not', interval(c.mean, c.lower, c.upper), num(truth.conditional)],
        ['GLMM marginal', 'population averaged over N(0, tau^2)', interval(m.mean, m.lower, m.upper), num(truth.marginal)],
        ['GEE (independence, robust se)', 'population averaged', interval(gee.oddsRatio.mean, gee.oddsRatio.lower, gee.oddsRatio.upper), num(truth.marginal)],
      ],
    ),
  );
  log(
    wrap(
      `P(b_trt > 0 | data) = ${num(positive.postProb!, 4)} (hypothesis("b_trttreated > 0"), evidence ratio ${num(positive.evidenceRatio!)}). ` +
        `Averaged over subjects, treatment raises the probability of the outcome from ${num(effect.marginal.from.mean, 2)} to ${num(effect.marginal.to.mean, 2)}; ` +
        `for a subject with an average baseline (effect 0) from ${num(effect.conditional.from.mean, 2)} to ${num(effect.conditional.to.mean, 2)}. ` +
        'Neither odds ratio is wrong: the GLMM\'s is the effect for an individual, the GEE\'s the effect on the population\'s rate. ' +
        'They differ because the logistic curve is not linear, so the average of the subjects\' curves is a flatter curve ' +
        '(Zeger, Liang & Albert 1988: the marginal log odds ratio is about b / sqrt(1 + 0.346 tau^2)). ' +
        `With the posterior tau that approximation gives ${num(Math.exp(effect.conditional.draws.oddsRatio!.reduce((a, v) => a + Math.log(v), 0) / effect.conditional.draws.oddsRatio!.length / Math.sqrt(1 + 0.346 * (f.estimates(['sd_subject__Intercept'])[0].mean) ** 2)))}.`,
    ),
  );

  const forest = [
    { label: 'GLMM: subject-specific', series: 'GLMM', mean: c.mean, lower: c.lower, upper: c.upper },
    { label: 'GLMM: population-averaged', series: 'GLMM', mean: m.mean, lower: m.lower, upper: m.upper },
    { label: 'GEE: population-averaged', series: 'GEE', ...gee.oddsRatio },
  ];
  const files = [
    await savePlot(
      o.outDir,
      'odds_ratio_estimates.svg',
      renderSvg(
        forestSpec(forest, {
          title: 'The odds ratio of treatment: conditional vs marginal',
          subtitle: `mean and 95% interval; dashed line: the true marginal odds ratio (${num(truth.marginal)}); the true conditional one is ${num(truth.conditional)}`,
          xTitle: 'odds ratio',
          reference: { value: truth.marginal, label: 'true marginal' },
          legend: false,
        }),
      ),
    ),
    await savePlot(o.outDir, 'odds_ratio_conditional_effects.svg', plotConditionalEffects(f, 'trt', { title: 'P(y = 1) by treatment for a subject with effect 0', yTitle: 'P(y = 1)' }).then((p) => p.svg)),
  ];
  log(subheading('Plots'));
  log(`odds ratios side by side:                 ${shown(files[0])}`);
  log(`conditional effect of treatment:          ${shown(files[1])}`);
  return { fit: f, effect, gee, truth, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
