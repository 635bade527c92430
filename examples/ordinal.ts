/**
 * Ratings: a cumulative (logit) ordinal model with random intercepts by judge; what the thresholds
 * b_Intercept[k] and the slope mean, and the probability of each rating along a predictor.
 *
 *   pnpm tsx examples/ordinal.ts
 *
 * Simulated (seeded): 40 judges each rate 8 wines with residual sugar 0, 2, ..., 14 g/L on a scale of
 * 1 (poor) to 5 (excellent). A judge's latent liking is eta = 0.15 sugar + u_judge, u ~ N(0, 1), plus
 * a standard logistic error, and the rating is k when the liking lies between thresholds
 * theta_{k-1} and theta_k (theta = -1, 0.5, 2, 3.5): P(rating <= k) = logistic(theta_k - eta). Model:
 *   rating ~ 1 + sugar + (1 | judge), family cumulative.
 */
import { pathToFileURL } from 'node:url';
import { chainRng } from '@strata/samplers';
import { cumulativeLogitRng } from '@strata/core';
import { type Fit, fit as fitModel, mainVariables, plotConditionalEffects, renderSvg } from '@strata/strata';
import { derived, estimate, type Estimate } from './lib/draws.js';
import { heading, interval, num, pct, subheading, table, wrap } from './lib/format.js';
import { resolveOptions, type ExampleOptions } from './lib/options.js';
import { bandCurvesSpec, savePlot, shown, type BandCurveRow } from './lib/plots.js';

export const TRUTH = { judges: 40, sugar: [0, 2, 4, 6, 8, 10, 12, 14], bSugar: 0.15, tau: 1, thresholds: [-1, 0.5, 2, 3.5] };
const LABELS = ['1 poor', '2 fair', '3 good', '4 very good', '5 excellent'];

export const SPEC = {
  formula: 'rating ~ 1 + sugar + (1 | judge)',
  family: 'cumulative',
  priors: [
    { prior: 'normal(0, 5)', class: 'b' },
    { prior: 'normal(0, 1)', class: 'b', coef: 'sugar' },
    { prior: 'normal(0, 2)', class: 'sd' },
  ],
};

export type Row = { rating: number; sugar: number; judge: string };

/** The simulated ratings (seeded). */
export function simulate(seed: number, truth = TRUTH): Row[] {
  const rng = chainRng(seed, 0);
  const rows: Row[] = [];
  for (let j = 0; j < truth.judges; j++) {
    const u = truth.tau * rng.normal();
    for (const sugar of truth.sugar) rows.push({ rating: cumulativeLogitRng(truth.bSugar * sugar + u, truth.thresholds, rng), sugar, judge: `J${String(j + 1).padStart(2, '0')}` });
  }
  return rows;
}

const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

/** P(rating = k), k = 1..K, for linear predictor eta and ordered thresholds theta (K = theta.length + 1). */
export function categoryProbabilities(eta: number, theta: ArrayLike<number>): number[] {
  const p: number[] = [];
  let below = 0;
  for (let k = 0; k < theta.length; k++) {
    const cdf = invLogit(theta[k] - eta);
    p.push(cdf - below);
    below = cdf;
  }
  p.push(1 - below);
  return p;
}

export interface OrdinalResult {
  fit: Fit;
  rows: Row[];
  thresholds: Estimate[];
  bSugar: Estimate;
  /** Category probabilities along sugar (average judge), from posteriorLinpred and the threshold draws. */
  probabilities: BandCurveRow[];
  /** Largest |E[rating] from posteriorEpred - sum_k k P(rating = k)| over draws and sugar values: the two routes agree. */
  meanCheck: number;
  /** Observed share of each rating and the replicated share (posteriorPredict, 400 draws). */
  categoryShares: { rating: number; observed: number; replicated: Estimate }[];
  files: string[];
}

export async function run(options: ExampleOptions = {}): Promise<OrdinalResult> {
  const o = resolveOptions(options, 1303);
  const log = o.log;
  const rows = simulate(o.seed);
  const K = TRUTH.thresholds.length + 1;
  const observedShare = Array.from({ length: K }, (_, k) => rows.filter((r) => r.rating === k + 1).length / rows.length);

  log(heading('Wine ratings: a cumulative ordinal model with judge effects'));
  log(
    wrap(
      `${TRUTH.judges} simulated judges each rate ${TRUTH.sugar.length} wines (residual sugar ${TRUTH.sugar[0]} to ${TRUTH.sugar[TRUTH.sugar.length - 1]} g/L) ` +
        `on a scale of 1 to 5. Shares of the ratings 1..5: ${observedShare.map(pct).join(', ')}. A rating is ordered but not a ` +
        'number: the step from "poor" to "fair" need not be the size of the step from "very good" to "excellent". The cumulative model ' +
        'says each judge has a latent liking eta (here 0.15 per g/L of sugar plus the judge\'s own generosity) with a logistic error, ' +
        'and gives rating k when it falls between two thresholds: P(rating <= k) = logistic(b_Intercept[k] - eta). ' +
        `Model: ${SPEC.formula}, family cumulative.`,
    ),
  );

  const f = await fitModel(SPEC, rows, o.fitOptions());
  log(f.summary({ variables: mainVariables(f, Infinity) }).toString());

  const thresholdNames = Array.from({ length: K - 1 }, (_, k) => `b_Intercept[${k + 1}]`);
  const thresholds = thresholdNames.map((n) => estimate(f.pooled(n)));
  const bSugar = estimate(f.pooled('b_sugar'));
  const tau = estimate(f.pooled('sd_judge__Intercept'));
  const e = (x: Estimate) => interval(x.mean, x.lower, x.upper);
  log(subheading('The thresholds (90% intervals)'));
  log(
    table(
      ['threshold', 'estimate', 'truth', 'P(rating <= k) at sugar 0, average judge'],
      thresholds.map((t, k) => [thresholdNames[k], e(t), num(TRUTH.thresholds[k]), e(estimate(derived(f, [thresholdNames[k]], (p) => invLogit(p[0]))))]),
    ),
  );
  const oddsRatio = estimate(derived(f, ['b_sugar'], (p) => Math.exp(p[0])));
  const per10 = estimate(derived(f, ['b_sugar'], (p) => Math.exp(10 * p[0])));
  const judgeRatio = estimate(derived(f, ['sd_judge__Intercept'], (p) => Math.exp(2 * p[0])));
  log(
    wrap(
      'In words. There is no plain intercept: the K - 1 = 4 thresholds take its place, on the scale of the latent liking at ' +
        'sugar = 0: they describe a dry wine, the predictors at 0 rather than at their means (and their priors are on that scale too, as brms with center = FALSE). ' +
        `b_Intercept[1] = ${num(thresholds[0].mean)} says an average judge rates a dry wine "poor" with probability ` +
        `logistic(${num(thresholds[0].mean)}) = ${num(invLogit(thresholds[0].mean))}; b_Intercept[4] = ${num(thresholds[3].mean)} says they rate it ` +
        `"excellent" with probability 1 - logistic(${num(thresholds[3].mean)}) = ${num(1 - invLogit(thresholds[3].mean))}. ` +
        `The gaps between thresholds (${thresholds.slice(1).map((t, k) => num(t.mean - thresholds[k].mean)).join(', ')}) are how wide each middle category is on the liking scale. ` +
        `b_sugar = ${e(bSugar)} (truth ${TRUTH.bSugar}): each g/L of sugar multiplies the odds of a rating above k by ` +
        `${num(oddsRatio.mean)}, for every k at once (proportional odds); 10 g/L by ${e(per10)}. ` +
        `Judges differ: sd ${e(tau)} on the liking scale (truth ${TRUTH.tau}), so a generous judge (+1 sd) has ${num(judgeRatio.mean)} times ` +
        'the odds of a harsh one (-1 sd) of giving a higher rating to the same wine.',
    ),
  );

  // conditionalEffects of a cumulative model is E[rating] (brms's default); category probabilities by hand.
  const grid = Array.from({ length: 29 }, (_, i) => i * 0.5);
  const ce = f.conditionalEffects('sugar', { resolution: grid.length });
  const linpred = f.posteriorLinpred(grid.map((sugar) => ({ sugar })), { groups: 'none' });
  const epred = f.posteriorEpred(grid.map((sugar) => ({ sugar })), { groups: 'none' });
  const thetaDraws = thresholdNames.map((n) => f.pooled(n));
  const theta = new Float64Array(K - 1);
  const probDraws = Array.from({ length: K }, () => Array.from({ length: grid.length }, () => new Float64Array(linpred.S)));
  let meanCheck = 0;
  for (let d = 0; d < linpred.S; d++) {
    const s = linpred.drawIndex[d];
    for (let k = 0; k < K - 1; k++) theta[k] = thetaDraws[k][s];
    for (let i = 0; i < grid.length; i++) {
      const p = categoryProbabilities(linpred.draws[d * grid.length + i], theta);
      let m = 0;
      for (let k = 0; k < K; k++) {
        probDraws[k][i][d] = p[k];
        m += (k + 1) * p[k];
      }
      meanCheck = Math.max(meanCheck, Math.abs(m - epred.draws[d * grid.length + i]));
    }
  }
  const probabilities: BandCurveRow[] = [];
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < grid.length; i++) {
      const est = estimate(probDraws[k][i], 0.9);
      probabilities.push({ series: LABELS[k], x: grid[i], median: est.median, lower: est.lower, upper: est.upper });
    }
  }
  const at = (sugar: number, k: number) => probabilities.find((r) => r.series === LABELS[k] && r.x === sugar)!;
  log(subheading('Conditional effects of sugar (average judge)'));
  log(
    wrap(
      'fit.conditionalEffects("sugar") of a cumulative model gives the expected rating E[rating] = sum_k k P(rating = k), as brms\'s ' +
        'conditional_effects does by default; Strata has no categorical = TRUE (the probability of each category), so those are ' +
        'computed here from fit.posteriorLinpred (eta, groups "none") and the threshold draws. The two routes agree: the largest ' +
        `difference between posteriorEpred and sum_k k P(rating = k) over all draws and sugar values is ${meanCheck.toExponential(1)}.`,
    ),
  );
  const good = probabilities.filter((r) => r.series === LABELS[2]);
  const peakOfGood = good.reduce((best, r) => (r.median > best.median ? r : best)).x;
  const ceAt = (x: number) => ce.rows.reduce((best, r) => (Math.abs(Number(r.x) - x) < Math.abs(Number(best.x) - x) ? r : best));
  log(
    table(
      ['sugar (g/L)', 'E[rating] (95%)', ...LABELS.map((l) => `P(${l})`)],
      [0, 7, 14].map((x) => [String(x), interval(ceAt(x).estimate, ceAt(x).lower, ceAt(x).upper), ...LABELS.map((_, k) => num(at(x, k).median, 2))]),
    ),
  );
  log(
    wrap(
      `A dry wine (0 g/L) is most often rated "${LABELS[[0, 1, 2, 3, 4].reduce((a, k) => (at(0, k).median > at(0, a).median ? k : a), 0)]}", a sweet one (14 g/L) ` +
        `"${LABELS[[0, 1, 2, 3, 4].reduce((a, k) => (at(14, k).median > at(14, a).median ? k : a), 0)]}". P(3 good) is highest at ` +
        `${num(peakOfGood)} g/L and lower on both sides, while "poor" can only fall and "excellent" only rise: a middle category of an ordinal ` +
        'model need not be monotone in a predictor, which the single curve of the mean rating cannot show.',
    ),
  );

  const pp = f.posteriorPredict(undefined, { draws: 400 });
  const categoryShares = Array.from({ length: K }, (_, k) => {
    const shares = Array.from({ length: pp.S }, (_, s) => {
      let c = 0;
      for (let i = 0; i < pp.N; i++) if (pp.draws[s * pp.N + i] === k + 1) c++;
      return c / pp.N;
    });
    return { rating: k + 1, observed: observedShare[k], replicated: estimate(shares) };
  });
  log(subheading('Posterior predictive check: share of each rating (400 replicated data sets, 90% intervals)'));
  log(table(['rating', 'observed', 'replicated'], categoryShares.map((c) => [LABELS[c.rating - 1], num(c.observed), e(c.replicated)])));

  const files = [
    await savePlot(
      o.outDir,
      'ordinal_category_probabilities.svg',
      renderSvg(
        bandCurvesSpec(probabilities, {
          title: 'Probability of each rating by residual sugar',
          subtitle: 'average judge; posterior median and 90% band, from posteriorLinpred and the thresholds',
          xTitle: 'residual sugar (g/L)',
          yTitle: 'P(rating)',
          series: LABELS,
          legendTitle: 'rating',
        }),
      ),
    ),
    await savePlot(o.outDir, 'ordinal_mean_rating.svg', plotConditionalEffects(f, ce, { title: 'Expected rating by residual sugar (average judge)', xTitle: 'residual sugar (g/L)', yTitle: 'E[rating]' }).then((p) => p.svg)),
  ];
  log(subheading('Plots'));
  log(`probability of each rating along sugar:   ${shown(files[0])}`);
  log(`expected rating (conditionalEffects):     ${shown(files[1])}`);
  return { fit: f, rows, thresholds, bSugar, probabilities, meanCheck, categoryShares, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
