/**
 * The PK example (one compartment, oral absorption, one Omega across lKa and lCl, combined error):
 * its simulator, and one end-to-end run with 2 chains x 300 draws checking that the posterior covers
 * the simulation's Omega and error parameters and that the replicated data carry the combined error.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimate } from '../lib/draws.js';
import { combinedSd, concentration, run, simulate, TIMES, TRUTH } from '../pk_one_compartment.js';

describe('PK simulator', () => {
  it('is reproducible, has the planned design and the closed-form curve', () => {
    const a = simulate(12);
    expect(simulate(12)).toEqual(a);
    expect(simulate(13).rows).not.toEqual(a.rows);
    expect(a.rows).toHaveLength(TRUTH.subjects * TIMES.length);
    expect(new Set(a.rows.map((r) => r.Subject)).size).toBe(TRUTH.subjects);
    // C(0) = 0; the peak lies between the first samples and the elimination phase; C decays as exp(-Ke t) late.
    expect(concentration(4, TRUTH.lKa, TRUTH.lCl, TRUTH.lV, 0)).toBe(0);
    const ke = Math.exp(TRUTH.lCl - TRUTH.lV);
    const late = concentration(4, TRUTH.lKa, TRUTH.lCl, TRUTH.lV, 30) / concentration(4, TRUTH.lKa, TRUTH.lCl, TRUTH.lV, 20);
    expect(late).toBeCloseTo(Math.exp(-10 * ke), 6);
  });

  it('draws the subject effects from Omega and the noise with sd sqrt(sigma^2 + (sigma_prop C)^2)', () => {
    const big = simulate(3, { ...TRUTH, subjects: 4000 });
    // Sample correlation and sds of 4000 subjects: within about 3 standard errors of the truth.
    expect(Math.abs(big.sampleCor - TRUTH.cor)).toBeLessThan(3 * ((1 - TRUTH.cor ** 2) / Math.sqrt(4000)));
    expect(Math.abs(big.sampleSd.etaKa - TRUTH.sdKa)).toBeLessThan(3 * (TRUTH.sdKa / Math.sqrt(8000)));
    // Standardised residuals are N(0, 1) at low and at high concentrations alike; raw ones are not.
    const byEffect = new Map(big.effects.map((e) => [e.subject, e]));
    const z: { c: number; r: number }[] = big.rows.map((row) => {
      const e = byEffect.get(row.Subject)!;
      const c = concentration(row.Dose, TRUTH.lKa + e.etaKa, TRUTH.lCl + e.etaCl, TRUTH.lV, row.Time);
      return { c, r: row.conc - c };
    });
    const rms = (xs: number[]) => Math.sqrt(xs.reduce((a, v) => a + v * v, 0) / xs.length);
    const low = z.filter((p) => p.c < 2);
    const high = z.filter((p) => p.c > 6);
    expect(low.length).toBeGreaterThan(2000);
    expect(high.length).toBeGreaterThan(2000);
    for (const band of [low, high]) expect(Math.abs(rms(band.map((p) => p.r / combinedSd(p.c, TRUTH.sigma, TRUTH.sigmaProp))) - 1)).toBeLessThan(0.05);
    expect(rms(high.map((p) => p.r)) / rms(low.map((p) => p.r))).toBeGreaterThan(2.5);
  });
});

describe('PK example (2 chains x 300 draws)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-examples-pk-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('covers the simulated Omega and error parameters; the replicated data carry the combined error', async () => {
    const lines: string[] = [];
    const r = await run({ chains: 2, warmup: 300, draws: 300, parallel: 1, progressBar: false, outDir, log: (l) => lines.push(l) });
    const text = lines.join('\n');
    expect(text).toMatch(/cor_Subject__lKa_Intercept__lCl_Intercept/);
    expect(text).toMatch(/Combined error: residual spread/);

    // 95% central intervals of the pooled draws cover the simulation's values.
    const covers = (name: string, value: number) => {
      const e = estimate(r.fit.pooled(name), 0.95);
      expect(value, `${name}: ${value} outside [${e.lower}, ${e.upper}]`).toBeGreaterThan(e.lower);
      expect(value, `${name}: ${value} outside [${e.lower}, ${e.upper}]`).toBeLessThan(e.upper);
    };
    covers('cor_Subject__lKa_Intercept__lCl_Intercept', TRUTH.cor);
    covers('cor_Subject__lKa_Intercept__lCl_Intercept', r.simulated.sampleCor);
    covers('sd_Subject__lKa_Intercept', TRUTH.sdKa);
    covers('sd_Subject__lCl_Intercept', TRUTH.sdCl);
    covers('sigma', TRUTH.sigma);
    covers('sigma_prop', TRUTH.sigmaProp);
    covers('b_lV_Intercept', TRUTH.lV);
    // The population log Ka and log Cl of these 24 subjects (the data describe them, not the simulation's population).
    covers('b_lKa_Intercept', TRUTH.lKa + r.simulated.sampleMean.etaKa);
    covers('b_lCl_Intercept', TRUTH.lCl + r.simulated.sampleMean.etaCl);
    // The correlation is clearly positive: the ID block estimates it instead of fixing it at 0.
    expect(r.cor.q5).toBeGreaterThan(0);
    const vc = r.fit.varCorr();
    expect([...vc.sd, ...vc.cor].map((row) => row.name)).toEqual(['sd_Subject__lKa_Intercept', 'sd_Subject__lCl_Intercept', 'cor_Subject__lKa_Intercept__lCl_Intercept']);

    // posteriorPredict draws the noise with the combined sd: the replicated spread per band of fitted
    // concentration matches the formula (Monte Carlo error well under 10% with 600 draws x >= 20 rows),
    // and grows with the concentration (a constant sigma would keep it flat).
    expect(r.errorBands.every((b) => b.n >= 20)).toBe(true);
    for (const b of r.errorBands) expect(Math.abs(b.replicatedRms / b.modelSd - 1), b.label).toBeLessThan(0.1);
    const rep = r.errorBands.map((b) => b.replicatedRms);
    for (let k = 1; k < rep.length; k++) expect(rep[k]).toBeGreaterThan(rep[k - 1]);
    expect(rep[rep.length - 1] / rep[0]).toBeGreaterThan(2.5);

    // New subjects drawn from the full Omega: the positive Ka-Cl correlation makes early and late concentrations
    // negatively correlated (about 0 with the correlation fixed at 0).
    expect(r.newSubject.logCor).toBeLessThan(-0.1);
    expect(r.newSubject.at24h.median).toBeLessThan(r.newSubject.at1h.median);

    expect(r.files.map((f) => f.split('/').pop())).toEqual(['pk_trajectories.svg', 'pk_ppc.svg', 'pk_pairs.svg', 'pk_subject_effects.svg']);
    for (const f of r.files) {
      expect(existsSync(f)).toBe(true);
      expect(readFileSync(f, 'utf8').startsWith('<svg')).toBe(true);
    }
  });
});
