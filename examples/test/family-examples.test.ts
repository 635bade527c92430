/**
 * The four family notebooks of issue 13 end to end with small settings (2 chains x 300 draws after
 * 300 warmup): each recovers what its simulation put in (tolerances of a few posterior sds), its
 * hand-computed quantities agree with the Fit API, and it writes its plots.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { gammaMedianRatio, run as runPositive, TRUTH as LOS } from '../positive_continuous.js';
import { MODELS, run as runCounts, TRUTH as FISH } from '../counts_with_zeros.js';
import { categoryProbabilities, run as runOrdinal, TRUTH as WINE } from '../ordinal.js';
import { ANALYSES, run as runPk, TRUTH as PK } from '../censored_pk.js';

const small = { chains: 2, warmup: 300, draws: 300, parallel: 1, progressBar: false } as const;
const outDir = mkdtempSync(join(tmpdir(), 'strata-examples-families-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function expectSvgs(files: readonly string[], names: readonly string[]) {
  expect(files.map((f) => f.split('/').pop())).toEqual(names);
  for (const f of files) {
    expect(existsSync(f)).toBe(true);
    expect(readFileSync(f, 'utf8').startsWith('<svg')).toBe(true);
  }
}

describe('positive_continuous: gamma vs lognormal length of stay', () => {
  it('gammaMedianRatio is the median of a gamma with mean 1', () => {
    // shape 1 is the exponential: median ln 2. Large shape: Wilson-Hilferty, 1 - 1/(3 shape) to O(shape^-2).
    expect(gammaMedianRatio(1)).toBeCloseTo(Math.LN2, 12);
    expect(Math.abs(gammaMedianRatio(200) - (1 - 1 / 600))).toBeLessThan(1e-4);
    expect(gammaMedianRatio(2)).toBeLessThan(1);
  });

  it('recovers the simulation, tells the mean from the median, and loo prefers the gamma the data came from', async () => {
    const lines: string[] = [];
    const r = await runPositive({ ...small, seed: 1301, outDir, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/exp\(b_Intercept\).*\(median\)/);
    const shape = r.gamma.estimates(['shape'])[0];
    expect(Math.abs(shape.mean - LOS.shape)).toBeLessThan(3 * shape.sd);
    const age = r.gamma.estimates(['b_age10'])[0];
    expect(Math.abs(age.mean - LOS.bAge)).toBeLessThan(3 * age.sd);

    // Gamma: exp(b_Intercept) is the mean and posteriorEpred returns it; the median is below it.
    const meanOf = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
    expect(meanOf(r.epredReference.gamma)).toBeCloseTo(r.reference.gamma.mean.mean, 10);
    expect(r.reference.gamma.median.mean).toBeLessThan(r.reference.gamma.mean.mean);
    // Lognormal: posteriorEpred is exp(mu + sigma^2 / 2), the mean, not exp(b_Intercept), the median.
    expect(meanOf(r.epredReference.lognormal)).toBeCloseTo(r.reference.lognormal.mean.mean, 10);
    expect(r.reference.lognormal.median.mean).toBeLessThan(r.reference.lognormal.mean.mean);

    // loo's lpd of the lognormal keeps the density's constants (-log y - log sigma - log sqrt(2 pi)): by hand from the draws.
    const f = r.lognormal;
    const lp = f.posteriorLinpred();
    const sigma = f.pooled('sigma');
    const lpd = f.loo().pointwise.lpd;
    for (const i of [0, 7, 100, r.rows.length - 1]) {
      const y = r.rows[i].los;
      let max = -Infinity;
      const terms = Array.from({ length: lp.S }, (_, d) => {
        const s = sigma[lp.drawIndex[d]];
        const z = (Math.log(y) - lp.draws[d * lp.N + i]) / s;
        const v = -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - Math.log(y);
        max = Math.max(max, v);
        return v;
      });
      const byHand = max + Math.log(terms.reduce((a, v) => a + Math.exp(v - max), 0) / terms.length);
      expect(lpd[i]).toBeCloseTo(byHand, 8);
    }

    expect(r.compare[0].model).toBe('gamma');
    expect(r.compare[1].elpd_diff).toBeLessThan(-2 * r.compare[1].se_diff);
    expectSvgs(r.files, ['positive_continuous_ppc_gamma.svg', 'positive_continuous_ppc_lognormal.svg', 'positive_continuous_conditional_effects.svg']);
  }, 180_000);
});

describe('counts_with_zeros: poisson, negbinomial, zero-inflated and hurdle', () => {
  it('recovers zi, reproduces the share of zeros only with a zero model, and loo ranks the plain poisson last', async () => {
    const r = await runCounts({ ...small, seed: 1302, outDir, log: () => {} });
    // zi near the simulating value (within 3 posterior sd; the Monte Carlo error of the mean is far smaller).
    expect(Math.abs(r.zi.mean - FISH.zi)).toBeLessThan(3 * r.zi.sd);
    // With no predictor, hu is the probability of a zero, close to the observed share.
    expect(Math.abs(r.hu.mean - r.observedZeroShare)).toBeLessThan(2 * r.hu.sd);
    // The Poisson cannot make enough zeros; the zero-inflated and hurdle models can.
    expect(r.zeroShares.poisson.upper).toBeLessThan(r.observedZeroShare);
    for (const m of ['zero_inflated_poisson', 'hurdle_poisson'] as const) {
      expect(r.zeroShares[m].lower).toBeLessThan(r.observedZeroShare);
      expect(r.zeroShares[m].upper).toBeGreaterThan(r.observedZeroShare);
    }
    // The zero-inflated model: P(no fish) falls with party size; the hurdle's is the same for every party.
    expect(r.zeroProbability[0].zip.mean).toBeGreaterThan(r.zeroProbability[1].zip.mean);
    expect(r.zeroProbability[0].hurdle.mean).toBe(r.zeroProbability[1].hurdle.mean);
    // posteriorEpred of the zero models is (1 - zi) mu and (1 - hu) mu / (1 - e^-mu), as the text says.
    expect(r.meanCatch.zero_inflated_poisson.mean).toBeCloseTo(r.meanCatchByHand.zero_inflated_poisson.mean, 10);
    expect(r.meanCatch.hurdle_poisson.mean).toBeCloseTo(r.meanCatchByHand.hurdle_poisson.mean, 10);
    expect(r.compare.map((c) => c.model)).toHaveLength(MODELS.length);
    expect(r.compare[MODELS.length - 1].model).toBe('poisson');
    expect(['zero_inflated_poisson', 'hurdle_poisson']).toContain(r.compare[0].model);
    expectSvgs(r.files, ['counts_with_zeros_ppc_zeros.svg']);
  }, 180_000);
});

describe('ordinal: cumulative logit with judge intercepts', () => {
  it('categoryProbabilities are a distribution, and P(rating <= k) is logistic(theta_k - eta)', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: 1, maxLength: 6 }), (eta, raw) => {
        const theta = [...raw].sort((a, b) => a - b);
        const p = categoryProbabilities(eta, theta);
        expect(p).toHaveLength(theta.length + 1);
        for (const v of p) expect(v).toBeGreaterThanOrEqual(-1e-15);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        let cum = 0;
        theta.forEach((t, k) => {
          cum += p[k];
          expect(cum).toBeCloseTo(1 / (1 + Math.exp(eta - t)), 12);
        });
      }),
    );
  });

  it('recovers the thresholds and slope; category probabilities agree with posteriorEpred', async () => {
    const r = await runOrdinal({ ...small, seed: 1303, outDir, log: () => {} });
    expect(r.meanCheck).toBeLessThan(1e-10);
    expect(Math.abs(r.bSugar.mean - WINE.bSugar)).toBeLessThan(3 * r.bSugar.sd);
    r.thresholds.forEach((t, k) => expect(Math.abs(t.mean - WINE.thresholds[k])).toBeLessThan(3 * t.sd));
    for (const c of r.categoryShares) {
      expect(c.replicated.lower).toBeLessThan(c.observed);
      expect(c.replicated.upper).toBeGreaterThan(c.observed);
    }
    // The probability of "poor" falls with sugar and that of "excellent" rises.
    const p = (label: string, x: number) => r.probabilities.find((q) => q.series === label && q.x === x)!.median;
    expect(p('1 poor', 14)).toBeLessThan(p('1 poor', 0));
    expect(p('5 excellent', 14)).toBeGreaterThan(p('5 excellent', 0));
    expectSvgs(r.files, ['ordinal_category_probabilities.svg', 'ordinal_mean_rating.svg']);
  }, 180_000);
});

describe('censored_pk: M3 vs dropping or LOQ/2', () => {
  it('the censored (M3) fit recovers the elimination rate and its spread; LOQ/2 does not', async () => {
    const r = await runPk({ ...small, seed: 1304, outDir, log: () => {} });
    // The data: BLQ rows carry LOQ and cens "left", and their true values are below LOQ.
    const blq = r.rows.filter((row) => row.cens === 'left');
    expect(r.blqShare).toBeGreaterThan(0.1);
    expect(r.blqShare).toBeLessThan(0.4);
    for (const row of blq) {
      expect(row.conc).toBe(PK.loq);
      expect(row.true_conc).toBeLessThan(PK.loq);
    }
    const [m3, , half] = ANALYSES;
    const lKe = (a: (typeof ANALYSES)[number]) => r.estimates[a].b_lKe_Intercept;
    // M3's 90% interval covers the true log ke; LOQ/2's is further off and excludes it.
    expect(lKe(m3).lower).toBeLessThan(PK.lKe);
    expect(lKe(m3).upper).toBeGreaterThan(PK.lKe);
    expect(Math.abs(lKe(half).mean - PK.lKe)).toBeGreaterThan(Math.abs(lKe(m3).mean - PK.lKe));
    expect(lKe(half).upper).toBeLessThan(PK.lKe);
    expect(Math.abs(r.halfLife[m3].mean - r.truth.halfLife)).toBeLessThan(3 * r.halfLife[m3].sd);
    // LOQ/2 makes the subjects' elimination look alike and inflates the residual error.
    const sdKe = (a: (typeof ANALYSES)[number]) => r.estimates[a].sd_Subject__lKe_Intercept.mean;
    expect(Math.abs(sdKe(m3) - PK.sdKe)).toBeLessThan(Math.abs(sdKe(half) - PK.sdKe));
    expect(r.estimates[half].sigma.mean).toBeGreaterThan(1.5 * r.estimates[m3].sigma.mean);
    expect(Math.abs(r.estimates[m3].sigma.mean - PK.sigma)).toBeLessThan(3 * r.estimates[m3].sigma.sd);
    expectSvgs(r.files, ['censored_pk_trajectories.svg', 'censored_pk_typical_curves.svg']);
  }, 180_000);
});
