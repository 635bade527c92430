/**
 * simulate + fit recover the truth: over 100 replications with parameters drawn from the priors (so
 * that 90% posterior intervals must cover 90% of the time, whatever the data say), the coverage of
 * each parameter must lie inside the central 99.9% range of Binomial(100, 0.9) counts. A simulator
 * that drew data on another scale than the model's (a wrong sd, link or nonlinear mean) falls out.
 * Run in the local process pool, 2 chains x 300 + 300 per fit.
 */
import { describe, expect, it } from 'vitest';
import { executeStudy } from '../../src/jobs/execute.js';
import { binomialInterval } from '../../src/sbc/chisq.js';
import type { DesignGenerator } from '../../src/simulate/design.js';
import type { SimFitResult, SimFitStudy } from '../../src/simulate/simfit.js';

const REPS = 100;
const band = binomialInterval(REPS, 0.9, 0.999);

async function coverage(spec: unknown, design: DesignGenerator, parameters: string[], seed: number): Promise<Record<string, number>> {
  const study: SimFitStudy = {
    kind: 'simfit',
    spec,
    cells: [{ design, from: 'prior', label: {} }],
    reps: REPS,
    seed,
    fit: { chains: 2, warmup: 300, draws: 300 },
    parameters,
    decisions: [],
  };
  const { results } = await executeStudy(study, { workers: 2 });
  const rs = results as SimFitResult[];
  return Object.fromEntries(parameters.map((p) => [p, rs.filter((r) => r.estimates[p].q5 <= r.estimates[p].truth && r.estimates[p].truth <= r.estimates[p].q95).length]));
}

describe('simulate + fit: 90% intervals cover the truth', () => {
  it(`linear: y ~ 1 + x + (1 | g) (covered counts within [${band.lower}, ${band.upper}] of ${REPS})`, async () => {
    const spec = {
      formula: 'y ~ 1 + x + (1 | g)',
      priors: [
        { prior: 'normal(0, 1)', class: 'b' },
        { prior: 'normal(0, 1)', class: 'sd' },
        { prior: 'normal(0, 1)', class: 'sigma' },
      ],
    };
    const counts = await coverage(spec, { groups: 8, perGroup: 5, level1: { x: 'normal(0, 1)' } }, ['b_Intercept', 'b_x', 'sd_g__Intercept', 'sigma'], 11);
    for (const [p, c] of Object.entries(counts)) expect(c, p).toBeGreaterThanOrEqual(band.lower), expect(c, p).toBeLessThanOrEqual(band.upper);
  });

  it('nonlinear: y ~ a * exp(-k * t), a ~ 1 + (1 | g)', async () => {
    const spec = {
      formula: 'y ~ a * exp(-k * t)',
      nl: { a: '1 + (1 | g)', k: '1' },
      priors: [
        { prior: 'normal(5, 1)', class: 'b', nlpar: 'a' },
        { prior: 'normal(0.5, 0.1)', class: 'b', nlpar: 'k' },
        { prior: 'normal(0, 1)', class: 'sd', nlpar: 'a' },
        { prior: 'normal(0, 0.5)', class: 'sigma' },
      ],
    };
    const counts = await coverage(spec, { groups: 6, perGroup: 6, level1: { t: 'seq(0, 4)' } }, ['b_a_Intercept', 'b_k_Intercept', 'sd_g__a_Intercept', 'sigma'], 12);
    for (const [p, c] of Object.entries(counts)) expect(c, p).toBeGreaterThanOrEqual(band.lower), expect(c, p).toBeLessThanOrEqual(band.upper);
  });

  it('GLMM: poisson y ~ 1 + x + (1 | g), with a level-2 covariate', async () => {
    const spec = {
      formula: 'y ~ 1 + x + w + (1 | g)',
      family: 'poisson',
      priors: [
        { prior: 'normal(0, 0.5)', class: 'b' },
        { prior: 'normal(0, 0.5)', class: 'sd' },
      ],
    };
    const design = { groups: 8, perGroup: 5, level1: { x: 'normal(0, 1)' }, level2: { w: 'cycle(0, 1)' } };
    const counts = await coverage(spec, design, ['b_Intercept', 'b_x', 'b_w', 'sd_g__Intercept'], 13);
    for (const [p, c] of Object.entries(counts)) expect(c, p).toBeGreaterThanOrEqual(band.lower), expect(c, p).toBeLessThanOrEqual(band.upper);
  });
});
