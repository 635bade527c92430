/**
 * Counts with too many zeros: fish caught per park visit with a Poisson, a negative binomial, a
 * zero-inflated Poisson and a hurdle Poisson GLMM; what zi and hu mean, which model predicts best
 * (PSIS-LOO), and whether each reproduces the share of zeros (posterior predictive check).
 *
 *   pnpm tsx examples/counts_with_zeros.ts
 *
 * Simulated (seeded): 25 parks with 16 visits each. A visiting party (1 to 4 people) does not fish at
 * all with probability zi = 0.35 (a "structural" zero); a party that fishes catches Poisson(mu) fish,
 * log mu = -0.2 + 0.45 persons + u_park, u ~ N(0, 0.5^2). Every model is
 *   count ~ 1 + persons + (1 | park).
 */
import { pathToFileURL } from 'node:url';
import { chainRng } from '@strata/samplers';
import { poissonRng } from '@strata/core';
import { type Fit, fit as fitModel, looCompare, type LooCompareRow, mainVariables, renderSvg } from '@strata/strata';
import { derived, estimate, type Estimate } from './lib/draws.js';
import { heading, interval, num, pct, subheading, table, wrap } from './lib/format.js';
import { resolveOptions, type ExampleOptions } from './lib/options.js';
import { savePlot, shown, statPpcSpec } from './lib/plots.js';

export const TRUTH = { parks: 25, visits: 16, b0: -0.2, bPersons: 0.45, tau: 0.5, zi: 0.35 };

export const FORMULA = 'count ~ 1 + persons + (1 | park)';
const PRIORS = [
  { prior: 'normal(0, 1)', class: 'b' },
  { prior: 'normal(0, 1)', class: 'sd' },
];
export const MODELS = ['poisson', 'negbinomial', 'zero_inflated_poisson', 'hurdle_poisson'] as const;
export type CountModel = (typeof MODELS)[number];

export type Row = { count: number; persons: number; park: string };

/** The simulated visits (seeded). */
export function simulate(seed: number, truth = TRUTH): Row[] {
  const rng = chainRng(seed, 0);
  const rows: Row[] = [];
  for (let p = 0; p < truth.parks; p++) {
    const u = truth.tau * rng.normal();
    for (let v = 0; v < truth.visits; v++) {
      const persons = 1 + Math.floor(4 * rng.uniform());
      const fishing = rng.uniform() >= truth.zi;
      const count = fishing ? poissonRng(Math.exp(truth.b0 + truth.bPersons * persons + u), rng) : 0;
      rows.push({ count, persons, park: `P${String(p + 1).padStart(2, '0')}` });
    }
  }
  return rows;
}

const zeroShare = (ys: ArrayLike<number>) => {
  let k = 0;
  for (let i = 0; i < ys.length; i++) if (ys[i] === 0) k++;
  return k / ys.length;
};

/** The share of zeros in each of `draws` replicated data sets (posteriorPredict). */
export function replicatedZeroShares(f: Fit, draws: number): Float64Array {
  const pp = f.posteriorPredict(undefined, { draws });
  return Float64Array.from({ length: pp.S }, (_, s) => zeroShare(pp.draws.subarray(s * pp.N, (s + 1) * pp.N)));
}

export interface CountsResult {
  fits: Record<CountModel, Fit>;
  rows: Row[];
  observedZeroShare: number;
  /** Per model: the share of zeros over 400 replicated data sets. */
  zeroShares: Record<CountModel, Estimate>;
  zi: Estimate;
  hu: Estimate;
  /** P(count = 0) for a party of 1 and of 4 in an average park under the zero-inflated and hurdle models. */
  zeroProbability: { persons: number; zip: Estimate; hurdle: Estimate; observed: number }[];
  /** Mean catch of a party of two, average park: posteriorEpred per model, and by hand for the zero-inflated and hurdle models. */
  meanCatch: Record<CountModel, Estimate>;
  meanCatchByHand: { zero_inflated_poisson: Estimate; hurdle_poisson: Estimate };
  compare: LooCompareRow[];
  files: string[];
}

export async function run(options: ExampleOptions = {}): Promise<CountsResult> {
  const o = resolveOptions(options, 1302);
  const log = o.log;
  const rows = simulate(o.seed);
  const observedZeroShare = zeroShare(rows.map((r) => r.count));
  const counts = rows.map((r) => r.count);
  const meanCount = counts.reduce((a, b) => a + b, 0) / counts.length;

  log(heading('Fish caught per visit: zero-inflated, hurdle and negative binomial counts'));
  log(
    wrap(
      `${rows.length} simulated visits to ${TRUTH.parks} parks. ${pct(observedZeroShare)} of the visits caught no fish ` +
        `(mean catch ${num(meanCount)}, largest ${Math.max(...counts)}). The data were made so: a party does not fish at all with probability ` +
        `${TRUTH.zi}; a party that fishes catches a Poisson number of fish, more the more people it has (log mean ${TRUTH.b0} + ${TRUTH.bPersons} persons) ` +
        `and more in some parks than others (sd ${TRUTH.tau} on the log scale). Four models, each ${FORMULA}: ` +
        'poisson (zeros only from the Poisson), negbinomial (extra spread, shape), zero_inflated_poisson (zi: a share of structural zeros ' +
        'on top of the Poisson ones) and hurdle_poisson (hu: whether the count is zero at all; if not, a zero-truncated Poisson).',
    ),
  );

  const fits = {} as Record<CountModel, Fit>;
  for (const [k, family] of MODELS.entries()) fits[family] = await fitModel({ formula: FORMULA, family, priors: PRIORS }, rows, o.fitOptions(k));
  for (const family of ['zero_inflated_poisson', 'hurdle_poisson', 'negbinomial'] as const) {
    log(subheading(family));
    log(fits[family].summary({ variables: mainVariables(fits[family], Infinity) }).toString());
  }

  // What zi and hu say, and the probability of a zero they imply for small and large parties.
  const zi = estimate(fits.zero_inflated_poisson.pooled('zi'));
  const hu = estimate(fits.hurdle_poisson.pooled('hu'));
  const zeroProbability = [1, 4].map((persons) => ({
    persons,
    zip: estimate(derived(fits.zero_inflated_poisson, ['zi', 'b_Intercept', 'b_persons'], (p) => p[0] + (1 - p[0]) * Math.exp(-Math.exp(p[1] + p[2] * persons)))),
    hurdle: estimate(fits.hurdle_poisson.pooled('hu')),
    observed: zeroShare(rows.filter((r) => r.persons === persons).map((r) => r.count)),
  }));
  const e = (x: Estimate) => interval(x.mean, x.lower, x.upper);
  const bZip = fits.zero_inflated_poisson.estimates(['b_persons'])[0];
  const bHurdle = fits.hurdle_poisson.estimates(['b_persons'])[0];
  log(subheading('zi and hu in words (90% intervals)'));
  log(
    wrap(
      `zero_inflated_poisson: zi = ${e(zi)} (truth ${TRUTH.zi}) is the probability that a visit is a structural zero, a party that ` +
        'does not fish at all, whatever its size or park. The other visits catch Poisson(mu) fish and may catch none by chance, so the ' +
        'probability of no fish is zi + (1 - zi) exp(-mu) and the mean catch (1 - zi) mu. exp(b_persons) = ' +
        `${num(Math.exp(bZip.mean))} is the factor by which one more person multiplies the catch of a party that fishes. ` +
        `hurdle_poisson: hu = ${e(hu)} is the probability that a visit catches nothing at all, for any reason; the counts of the visits ` +
        'that catch something are a zero-truncated Poisson(mu), and its coefficients describe only those visits (exp(b_persons) = ' +
        `${num(Math.exp(bHurdle.mean))} multiplies their mu). With no formula for hu, the hurdle says every party has the same chance ` +
        'of an empty net; the zero-inflated model lets bigger parties, whose Poisson part is rarely zero, come home empty less often. ' +
        'A formula for either ("dpars": { "zi": "1 + persons" }) would let the data decide.',
    ),
  );
  log(
    table(
      ['party size', 'P(no fish): zero-inflated', 'P(no fish): hurdle', 'observed share'],
      zeroProbability.map((z) => [String(z.persons), e(z.zip), e(z.hurdle), num(z.observed)]),
    ),
  );

  // The mean catch of a party of two in an average park: posteriorEpred, i.e. (1 - zi) mu, and (1 - hu) mu / (1 - e^-mu) for the hurdle.
  const meanCatch = Object.fromEntries(MODELS.map((m) => [m, estimate(fits[m].posteriorEpred([{ persons: 2 }], { groups: 'none' }).draws)])) as Record<CountModel, Estimate>;
  const meanCatchByHand = {
    zero_inflated_poisson: estimate(derived(fits.zero_inflated_poisson, ['zi', 'b_Intercept', 'b_persons'], (p) => (1 - p[0]) * Math.exp(p[1] + 2 * p[2]))),
    hurdle_poisson: estimate(
      derived(fits.hurdle_poisson, ['hu', 'b_Intercept', 'b_persons'], (p) => {
        const mu = Math.exp(p[1] + 2 * p[2]);
        return ((1 - p[0]) * mu) / -Math.expm1(-mu);
      }),
    ),
  };
  log(subheading('Mean catch of a party of two in an average park (posteriorEpred, groups "none"; 90% intervals)'));
  log(table(['model', 'mean catch', 'by hand from the parameters'], MODELS.map((m) => [m, e(meanCatch[m]), m in meanCatchByHand ? e(meanCatchByHand[m as keyof typeof meanCatchByHand]) : ''])));
  log(
    wrap(
      'The fitted mean of a zero-inflated model is (1 - zi) mu, not mu: exp(b_Intercept + 2 b_persons) is what a party of two ' +
        'that fishes catches on average, and the mean over all parties of two is smaller by the share that never fish. The hurdle\'s ' +
        'mean is (1 - hu) times the mean of a zero-truncated Poisson, mu / (1 - exp(-mu)).',
    ),
  );

  const loos = MODELS.map((m) => ({ name: m, loo: fits[m].loo() }));
  const comparison = looCompare(...loos);
  log(subheading('PSIS-LOO'));
  log(
    table(
      ['model', 'elpd_loo', 'se', 'elpd_diff', 'se_diff', 'p_loo', 'max pareto k'],
      comparison.rows.map((r) => {
        const k = loos.find((l) => l.name === r.model)!.loo.pointwise.pareto_k;
        return [r.model, num(r.elpd_loo, 5), num(r.se_elpd_loo), num(r.elpd_diff), num(r.se_diff), num(r.p_loo), num(Math.max(...k), 2)];
      }),
    ),
  );
  for (const w of comparison.warnings) log(`warning: ${w}`);

  const zeroShares = {} as Record<CountModel, Estimate>;
  const statRows: { panel: string; value: number }[] = [];
  for (const m of MODELS) {
    const shares = replicatedZeroShares(fits[m], 400);
    zeroShares[m] = estimate(shares);
    for (const v of shares) statRows.push({ panel: m, value: v });
  }
  log(subheading('Posterior predictive check: the share of zeros (400 replicated data sets, 90% intervals)'));
  log(table(['model', 'replicated share of zeros', 'observed'], MODELS.map((m) => [m, e(zeroShares[m]), num(observedZeroShare)])));
  log(
    wrap(
      `The Poisson GLMM expects ${pct(zeroShares.poisson.mean)} zeros where the data have ${pct(observedZeroShare)}: its zeros can only ` +
        'come from small means, so it has no room for parties that never fish. The negative binomial makes zeros by spreading the ' +
        `counts out (shape ${num(fits.negbinomial.estimates(['shape'])[0].mean)}: variance mu + mu^2 / shape), which gets the share of zeros ` +
        `nearly right (${pct(zeroShares.negbinomial.mean)}) but predicts the individual counts worse (loo below). The zero-inflated and ` +
        'hurdle models describe the zeros with a parameter of their own and the positive counts with a Poisson. ' +
        `${comparison.rows[0].model} has the best loo here, ${comparison.rows[1].model} is ${num(-comparison.rows[1].elpd_diff)} ` +
        `behind (se ${num(comparison.rows[1].se_diff)}): as the data came from a zero-inflated Poisson, the zero-inflated and hurdle ` +
        'models are close, since both describe the zeros separately.',
    ),
  );

  const files = [
    await savePlot(
      o.outDir,
      'counts_with_zeros_ppc_zeros.svg',
      renderSvg(
        statPpcSpec(statRows, {
          title: 'Posterior predictive check: share of visits with no fish',
          subtitle: 'histogram: 400 replicated data sets per model; dark line: the observed share',
          xTitle: 'share of zeros',
          observed: observedZeroShare,
          panels: MODELS,
          width: 170,
        }),
      ),
    ),
  ];
  log(subheading('Plots'));
  log(`share of zeros, observed vs replicated:   ${shown(files[0])}`);
  return { fits, rows, observedZeroShare, zeroShares, zi, hu, zeroProbability, meanCatch, meanCatchByHand, compare: comparison.rows, files };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
