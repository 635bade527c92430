/**
 * The growth example with a sigma formula and car1 residuals (2 chains x 300 draws): the fit with both
 * recovers the simulation's truth for the residual structure, the sigma formula beats one sigma in
 * loo, and the plots are written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, simulatePlants, TRUTH } from '../growth_variance.js';

describe('growth_variance example', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-growth-variance-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('simulates reproducibly: sorted distinct times per plant', () => {
    const d = simulatePlants(5);
    expect(simulatePlants(5)).toEqual(d);
    for (let i = 1; i < d.week.length; i++) if (d.plant[i] === d.plant[i - 1]) expect(d.week[i]).toBeGreaterThan(d.week[i - 1]);
  });

  it('recovers the residual structure, prefers the sigma formula in loo, writes its plots', async () => {
    const lines: string[] = [];
    const r = await run({ chains: 2, warmup: 400, draws: 300, seed: 12, progressBar: false, outDir, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/car1 \(correlation one week apart\)/);
    // each truth inside the 90% interval widened by half its width (a 2 x 300-draw fit of one data set)
    const [a, b, car1] = r.autocorrelated.estimates(['b_sigma_Intercept', 'b_sigma_week', 'car1']);
    for (const [e, truth] of [[a, TRUTH.sigmaIntercept], [b, TRUTH.sigmaWeek], [car1, TRUTH.car1]] as const) {
      const half = (e.q95 - e.q5) / 2;
      expect(truth).toBeGreaterThan(e.q5 - half);
      expect(truth).toBeLessThan(e.q95 + half);
    }
    expect(r.looGain.elpdDiff).toBeGreaterThan(2 * r.looGain.se);
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['growth_variance_sigma.svg', 'growth_variance_trajectories.svg']);
    for (const f of r.files) expect(readFileSync(f, 'utf8')).toMatch(/<svg[\s\S]*<path/);
  }, 180_000);
});
