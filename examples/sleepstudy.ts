/**
 * Sleep deprivation and reaction time: linear growth with correlated random intercepts and slopes.
 *
 *   pnpm tsx examples/sleepstudy.ts      (or: pnpm demo)
 *
 * 18 subjects were kept to 3 hours of sleep a night for 9 nights; their mean reaction time was
 * measured every day (Days 0..9). Each subject gets their own intercept and slope, drawn from a
 * bivariate normal population: Reaction ~ 1 + Days + (1 + Days | Subject).
 */
import { pathToFileURL } from 'node:url';
import { compile } from '@strata/core';
import { type Fit, mainVariables, plotRank, plotTrace, plotTrajectories, sampleModel, trajectories } from '@strata/strata';
import { bandSummary, estimate, type Estimate } from './lib/draws.js';
import { heading, interval, num, subheading, table, wrap } from './lib/format.js';
import { describeModel } from './lib/model.js';
import { resolveOptions, type ExampleOptions } from './lib/options.js';
import { readSharedCsv, readSpec } from './lib/paths.js';
import { savePlot, shown } from './lib/plots.js';

export interface SleepstudyResult {
  fit: Fit;
  /** Average slope: ms of reaction time per day of sleep deprivation. */
  bDays: Estimate;
  /** Average reaction time at day 0. */
  bIntercept: Estimate;
  /** Between-subject sd of the slopes. */
  sdDays: Estimate;
  /** Posterior of each subject's own slope (b_Days + r_Subject[s,Days]). */
  subjectSlopes: { subject: string; slope: Estimate }[];
  /** Fitted mean per subject at Days 0..9: median and 90% band. */
  trajectories: { subject: string; days: number[]; band: ReturnType<typeof bandSummary> }[];
  divergent: number;
  /** SVG files written. */
  files: string[];
}

const MAIN = ['b_Intercept', 'b_Days', 'sd_Subject__Intercept', 'sd_Subject__Days', 'cor_Subject__Intercept__Days', 'sigma'];
const DAYS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

export async function run(options: ExampleOptions = {}): Promise<SleepstudyResult> {
  const o = resolveOptions(options, 20240);
  const log = o.log;
  const csv = readSharedCsv('sleepstudy');
  const model = compile(readSpec('sleepstudy'), csv);

  log(heading('Sleep deprivation and reaction time (sleepstudy): linear growth'));
  log(
    wrap(
      '18 subjects slept 3 hours a night for 9 nights; reaction time (ms) was measured on Days 0..9. ' +
        'Each subject has their own starting level and their own rate of decline: intercepts and slopes ' +
        'vary by subject, drawn from a bivariate normal population whose sds and correlation are estimated.',
    ),
  );
  log('');
  log(describeModel(model));

  const fo = o.fitOptions();
  const f = await sampleModel(model, fo);
  log(subheading(`Posterior summary (${f.chains} chains x ${f.iterations} draws, seed ${f.seed})`));
  const summary = f.summary({ variables: mainVariables(f, Infinity) });
  log(summary.toString());

  const [bIntercept, bDays, sdIntercept, sdDays, cor, sigma] = MAIN.map((n) => estimate(f.pooled(n)));
  // Each subject's own slope b_Days + r_Subject[s,Days], per draw: brms's coef().
  const subjectSlopes = f.coef().Subject.filter((r) => r.coef === 'Days').map((r) => ({ subject: r.level, slope: estimate(r.draws) }));
  const levels = subjectSlopes.map((s) => s.subject);
  const clearlyPositive = subjectSlopes.filter((s) => s.slope.lower > 0).length;
  const sortedSlopes = [...subjectSlopes].sort((a, b) => a.slope.mean - b.slope.mean);

  log(subheading('What it says (posterior mean [90% interval])'));
  log(`average reaction time on day 0:           ${interval(bIntercept.mean, bIntercept.lower, bIntercept.upper)} ms`);
  log(`average increase per day without sleep:   ${interval(bDays.mean, bDays.lower, bDays.upper)} ms/day`);
  log(`between-subject sd of day-0 level:        ${interval(sdIntercept.mean, sdIntercept.lower, sdIntercept.upper)} ms`);
  log(`between-subject sd of the daily increase: ${interval(sdDays.mean, sdDays.lower, sdDays.upper)} ms/day`);
  log(`correlation of level and increase:        ${interval(cor.mean, cor.lower, cor.upper, 2)}`);
  log(`residual sd (day-to-day noise):           ${interval(sigma.mean, sigma.lower, sigma.upper)} ms`);
  log('');
  log('Each subject\'s own slope (b_Days + r_Subject[s,Days]), slowest to fastest decline:');
  log(
    table(
      ['  subject', 'slope ms/day', '90% interval'],
      sortedSlopes.map((s) => [`  ${s.subject}`, num(s.slope.mean), `[${num(s.slope.lower)}, ${num(s.slope.upper)}]`]),
    ),
  );
  log('');
  log(
    wrap(
      `Reaction time gets worse by about ${num(bDays.mean)} ms for every day of sleep restriction on average, ` +
        `but subjects differ a lot: the slopes have a between-subject sd of about ${num(sdDays.mean, 2)} ms/day, ` +
        `and individual slopes run from about ${num(sortedSlopes[0].slope.mean, 2)} to ${num(sortedSlopes[sortedSlopes.length - 1].slope.mean, 2)} ms/day; ` +
        `${clearlyPositive} of ${levels.length} subjects have a 90% interval entirely above zero. The correlation between ` +
        `starting level and slope is weakly identified (its interval spans zero). Sampling: ` +
        `${summary.sampler.divergent} divergent transitions; ` +
        (summary.warnings.length
          ? 'some diagnostics exceed Stan\'s thresholds (see the warnings above), so treat the numbers with care.'
          : 'R-hat, ESS and E-BFMI are within Stan\'s thresholds, so the numbers above can be trusted.'),
    ),
  );

  // Per-subject fitted trajectories: posterior draws of the fitted mean at Days 0..9 for each subject,
  // b_Intercept + r[s,Intercept] + (b_Days + r[s,Days]) * day: the library's trajectories() (posteriorEpred
  // with the subjects' own effects over each subject's observed days), drawn by plotTrajectories.
  const groups = trajectories(f, { x: 'Days', group: 'Subject', resolution: DAYS.length });
  const trajectoriesOut = groups.map((g) => ({ subject: g.group, days: [...g.x], band: bandSummary(g.draws, 0.9) }));
  const main = { variables: MAIN };
  const files = [
    await savePlot(
      o.outDir,
      'sleepstudy_trajectories.svg',
      plotTrajectories(f, {
        x: 'Days',
        group: 'Subject',
        resolution: DAYS.length,
        title: 'Reaction time by day of sleep deprivation, per subject',
        subtitle: 'line: posterior median of the subject\'s fitted mean; band: 90% interval; points: observed',
        xTitle: 'Days of sleep deprivation',
        yTitle: 'Reaction time (ms)',
        columns: 6,
        width: 150,
        height: 120,
      }).then((p) => p.svg),
    ),
    await savePlot(o.outDir, 'sleepstudy_trace.svg', plotTrace(f, { ...main, title: 'Trace plots, sleepstudy', height: 90, width: 560 }).then((p) => p.svg)),
    await savePlot(o.outDir, 'sleepstudy_rank.svg', plotRank(f, { ...main, title: 'Rank plots, sleepstudy', width: 110, height: 70 }).then((p) => p.svg)),
  ];
  log(subheading('Plots'));
  log(`per-subject trajectories with 90% bands: ${shown(files[0])}`);
  log(`trace plots of the main parameters:      ${shown(files[1])}`);
  log(`rank plots (chains mix if the bars are flat): ${shown(files[2])}`);

  return { fit: f, bDays, bIntercept, sdDays, subjectSlopes, trajectories: trajectoriesOut, divergent: summary.sampler.divergent, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
