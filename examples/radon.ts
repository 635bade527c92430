/**
 * Radon in Minnesota homes: the ecological fallacy, and the within/between decomposition.
 *
 *   pnpm tsx examples/radon.ts
 *
 * log radon measured in 919 homes in 85 counties; floor = 1 when the measurement was taken on the
 * first floor (0: basement); log_uranium is the county's soil uranium. Three models of the effect of
 * floor:
 *   pooled:          log_radon ~ 1 + floor + log_uranium                      (counties ignored)
 *   multilevel:      log_radon ~ 1 + floor + log_uranium + (1 | county)
 *   within/between:  log_radon ~ 1 + floor_within + floor_between + log_uranium + (1 | county)
 * where floor_between is the county's share of first-floor measurements and floor_within = floor -
 * floor_between (withinBetween from @strata/strata).
 */
import { pathToFileURL } from 'node:url';
import { compile } from '@strata/core';
import { type Fit, mainVariables, renderSvg, sampleModel, withinBetween } from '@strata/strata';
import { derived, estimate, type Estimate } from './lib/draws.js';
import { heading, interval, num, pct, subheading, table, wrap } from './lib/format.js';
import { describeModel } from './lib/model.js';
import { resolveOptions, type ExampleOptions } from './lib/options.js';
import { csvRows, readSharedCsv } from './lib/paths.js';
import { forestSpec, savePlot, shown } from './lib/plots.js';

const PRIORS = [
  { prior: 'normal(0, 5)', class: 'b' },
  { prior: 'normal(0, 2)', class: 'sigma' },
  { prior: 'normal(0, 2)', class: 'sd' },
];

export const RADON_MODELS = {
  pooled: { formula: 'log_radon ~ 1 + floor + log_uranium', family: 'gaussian', priors: PRIORS.filter((p) => p.class !== 'sd') },
  multilevel: { formula: 'log_radon ~ 1 + floor + log_uranium + (1 | county)', family: 'gaussian', priors: PRIORS },
  withinBetween: { formula: 'log_radon ~ 1 + floor_within + floor_between + log_uranium + (1 | county)', family: 'gaussian', priors: PRIORS },
};

export interface RadonResult {
  fits: { pooled: Fit; multilevel: Fit; withinBetween: Fit };
  floor: { pooled: Estimate; multilevel: Estimate; within: Estimate; between: Estimate; contextual: Estimate & { probPositive: number } };
  files: string[];
}

export async function run(options: ExampleOptions = {}): Promise<RadonResult> {
  const o = resolveOptions(options, 919);
  const log = o.log;
  const rows = csvRows(readSharedCsv('radon')).map((r) => ({
    log_radon: Number(r.log_radon),
    floor: Number(r.floor),
    county: r.county,
    log_uranium: Number(r.log_uranium),
  }));
  const data = withinBetween(rows, 'floor', 'county');

  log(heading('Radon: the ecological fallacy and the within/between decomposition'));
  log(
    wrap(
      `log radon in ${rows.length} homes of ${new Set(rows.map((r) => r.county)).size} Minnesota counties. floor = 1 when the ` +
        'measurement was taken on the first floor (0: in the basement); log_uranium is the county\'s soil uranium. ' +
        'floor is a level-1 (home) predictor, but its county mean (the share of first-floor measurements) differs between ' +
        'counties too, so a single coefficient mixes two questions: does a home measured on the first floor have less radon ' +
        'than a home in the same county measured in the basement (within), and do counties with more first-floor ' +
        'measurements have less radon (between)? withinBetween(rows, "floor", "county") adds floor_between (the county ' +
        'mean) and floor_within (floor minus that mean).',
    ),
  );
  const shares = [...new Set(data.map((r) => r.county as string))].map((c) => data.find((r) => r.county === c)!.floor_between as number);
  const shareSummary = estimate(shares);
  log(
    `County share of first-floor measurements: median ${pct(shareSummary.median)}, 90% of counties between ` +
      `${pct(shareSummary.lower)} and ${pct(shareSummary.upper)}.`,
  );

  const models = {
    pooled: compile(RADON_MODELS.pooled, rows),
    multilevel: compile(RADON_MODELS.multilevel, rows),
    withinBetween: compile(RADON_MODELS.withinBetween, data),
  };
  log('');
  log(describeModel(models.withinBetween));

  const fits = {
    pooled: await sampleModel(models.pooled, o.fitOptions(0)),
    multilevel: await sampleModel(models.multilevel, o.fitOptions(1)),
    withinBetween: await sampleModel(models.withinBetween, o.fitOptions(2)),
  };
  for (const [name, f] of Object.entries(fits)) {
    log(subheading(`Posterior summary, ${name}: ${f.model.spec.formula} (seed ${f.seed})`));
    log(f.summary({ variables: mainVariables(f, Infinity) }).toString());
  }

  const contextual = derived(fits.withinBetween, ['b_floor_between', 'b_floor_within'], (p) => p[0] - p[1]);
  const floor = {
    pooled: estimate(fits.pooled.pooled('b_floor')),
    multilevel: estimate(fits.multilevel.pooled('b_floor')),
    within: estimate(fits.withinBetween.pooled('b_floor_within')),
    between: estimate(fits.withinBetween.pooled('b_floor_between')),
    contextual: { ...estimate(contextual), probPositive: contextual.filter((v) => v > 0).length / contextual.length },
  };

  log(subheading('The effect of floor, side by side (posterior mean [90% interval], log radon)'));
  const sdOf = (f: Fit) => (f.names.includes('sd_county__Intercept') ? num(estimate(f.pooled('sd_county__Intercept')).mean) : '-');
  log(
    table(
      ['  model', 'coefficient', 'estimate', 'width', 'sd_county', 'sigma'],
      [
        ['  pooled (no counties)', 'b_floor', floor.pooled, fits.pooled],
        ['  multilevel (1 | county)', 'b_floor', floor.multilevel, fits.multilevel],
        ['  within/between + (1 | county)', 'b_floor_within', floor.within, fits.withinBetween],
        ['', 'b_floor_between', floor.between, fits.withinBetween],
        ['', 'between - within', floor.contextual, fits.withinBetween],
      ].map(([label, coef, e, f]) => {
        const est = e as Estimate;
        const fit = f as Fit;
        const first = coef !== 'b_floor_between' && coef !== 'between - within';
        return [
          label as string,
          coef as string,
          interval(est.mean, est.lower, est.upper, 2),
          num(est.upper - est.lower, 2),
          first ? sdOf(fit) : '',
          first ? num(estimate(fit.pooled('sigma')).mean) : '',
        ];
      }),
      'llrrrr',
    ),
  );
  const ratio = (x: number) => `${Math.round((1 - Math.exp(x)) * 100)}%`;
  log('');
  log(
    wrap(
      `Within a county, a home measured on the first floor has about ${ratio(floor.within.mean)} less radon than one ` +
        `measured in the basement (b_floor_within = ${num(floor.within.mean, 2)} on the log scale; radon seeps in from the ` +
        `soil). Between counties the association is much weaker: a county whose measurements are all first-floor ones is ` +
        `estimated to have ${num(-floor.between.mean, 2)} lower mean log radon than one whose measurements are all in ` +
        `basements (about ${ratio(floor.between.mean)} less radon), with a wide interval: there are only 85 counties. The two differ by ` +
        `${num(floor.contextual.mean, 2)} (90% interval ${num(floor.contextual.lower, 2)} to ${num(floor.contextual.upper, 2)}; ` +
        `P(between > within) = ${pct(floor.contextual.probPositive)}).`,
    ),
  );
  log('');
  log(
    wrap(
      'The ecological fallacy is to read the between-county relationship as if it held for homes: from county ' +
        `aggregates alone one would conclude that measuring on the first floor matters much less (${num(floor.between.mean, 2)}, ` +
        `an interval reaching ${num(floor.between.upper, 2)}), while for an individual home it roughly halves the radon ` +
        `(${num(floor.within.mean, 2)}). The pooled regression gives ` +
        `${num(floor.pooled.mean, 2)}, a blend of the two that answers neither question, and it treats ${rows.length} homes as ` +
        'independent although homes in a county share their geology. The multilevel model with county intercepts gives ' +
        `${num(floor.multilevel.mean, 2)}: its random intercepts absorb most of the between-county differences, so b_floor ` +
        'is close to the within effect, but it is still a precision-weighted mix and it assumes the two effects are equal; ' +
        'the within/between model estimates both and shows they are not.',
    ),
  );

  const rowsForPlot = [
    { label: 'pooled: b_floor', series: 'pooled (no counties)', e: floor.pooled },
    { label: 'multilevel: b_floor', series: 'multilevel (1 | county)', e: floor.multilevel },
    { label: 'within/between: b_floor_within', series: 'within/between + (1 | county)', e: floor.within },
    { label: 'within/between: b_floor_between', series: 'within/between + (1 | county)', e: floor.between },
  ];
  const files = [
    await savePlot(
      o.outDir,
      'radon_floor_effects.svg',
      renderSvg(
        forestSpec(
          rowsForPlot.map((r) => ({ label: r.label, series: r.series, mean: r.e.mean, lower: r.e.lower, upper: r.e.upper })),
          {
            title: 'Radon: the effect of a first-floor measurement, three models',
            subtitle: 'posterior mean and 90% interval (log radon); dashed line: no effect',
            xTitle: 'effect on log radon',
            reference: { value: 0, label: 'no effect' },
            legend: false,
          },
        ),
      ),
    ),
  ];
  log(subheading('Plots'));
  log(`the floor effects of the three models: ${shown(files[0])}`);
  return { fits, floor, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
