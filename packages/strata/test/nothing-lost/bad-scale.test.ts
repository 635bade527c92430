/**
 * Issue 14, finding 9: data far from scale 1 (y in units of 1e-6, x in 1e6, y offset by 1e9) with the
 * default settings: chains that converge (R-hat < 1.01), the same posterior as the well-scaled data
 * (transformed), and a warning naming the column. Before, R-hat was 1.3-3 with tree depth maxed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '@strata/core';
import { fit, type Fit } from '../../src/index.js';
import { rescaledDensity } from '../../src/rescale/rescaled-density.js';
import { samplingUnits } from '../../src/rescale/sampling-units.js';

const csvPath = fileURLToPath(new URL('../../../../../shared/data/sleepstudy.csv', import.meta.url));
if (!existsSync(csvPath)) throw new Error(`missing ${csvPath}`);
const rows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const header = readFileSync(csvPath, 'utf8').split('\n')[0].split(',');
const col = (name: string) => rows.map((r) => Number(r[header.indexOf(name)]));
const reaction = col('Reaction');
const days = col('Days');
const spec = { formula: 'Reaction ~ Days', family: 'gaussian' };

const cases = {
  'y in units of 1e-6': { data: { Reaction: reaction.map((y) => y * 1e-6), Days: days }, column: 'Reaction', back: { b_Intercept: 1e6, b_Days: 1e6, sigma: 1e6 } },
  'x in units of 1e6': { data: { Reaction: reaction, Days: days.map((x) => x * 1e6) }, column: 'Days', back: { b_Intercept: 1, b_Days: 1e6, sigma: 1 } },
  'y offset by 1e9': { data: { Reaction: reaction.map((y) => y + 1e9), Days: days }, column: 'Reaction', back: { b_Intercept: 1, b_Days: 1, sigma: 1 } },
} as const;

const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;

describe('badly scaled data converge with the default settings', () => {
  let reference: Fit;
  it('the well-scaled data are sampled as before (no rescaling, no note)', async () => {
    reference = await fit(spec, { Reaction: reaction, Days: days }, { seed: 1, progressBar: false });
    expect(samplingUnits(reference.model)).toBeNull();
    expect(reference.summary().toString()).not.toMatch(/far from scale 1/);
  }, 60_000);

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: R-hat < 1.01, the same posterior, and a note naming ${c.column}`, async () => {
      const f = await fit(spec, c.data, { seed: 1, progressBar: false });
      const summary = f.summary();
      for (const v of summary.variables) expect([v.variable, v.rhat as number < 1.01]).toEqual([v.variable, true]);
      expect(summary.diagnostics.treedepth?.count ?? 0).toBe(0);
      expect(summary.toString()).toMatch(new RegExp(`^Note: the data column ${c.column} \\(.*\\) is far from scale 1; Strata samples .* in prior units`));
      // Undo the change of units; posterior means agree within 5 Monte Carlo standard errors of both.
      for (const [p, factor] of Object.entries(c.back)) {
        const offset = name === 'y offset by 1e9' && p === 'b_Intercept' ? 1e9 : 0;
        const here = (mean(f.pooled(p)) - offset) * factor;
        const there = mean(reference.pooled(p));
        const row = (s: Fit, x: string) => s.summary({ variables: [x], measures: ['sd', 'ess_bulk'] }).variables[0];
        const mcse = (r: Record<string, unknown>, k: number) => ((r.sd as number) * k) / Math.sqrt(r.ess_bulk as number);
        const tol = 5 * Math.hypot(mcse(row(f, p), factor), mcse(row(reference, p), 1));
        expect(Math.abs(here - there)).toBeLessThan(tol);
      }
    }, 60_000);
  }
});

describe('sampling in prior units is an exact reparameterisation', () => {
  it('log density at phi is the model at centre + scale * phi; the gradient follows the chain rule', () => {
    const model = compile(spec, cases['y in units of 1e-6'].data);
    const units = samplingUnits(model)!;
    const density = rescaledDensity(model, units);
    const phi = Float64Array.from({ length: model.dimension }, (_, i) => 0.3 * i - 0.4);
    const theta = phi.map((v, i) => units.centre[i] + units.scale[i] * v);
    const gPhi = new Float64Array(model.dimension);
    const gTheta = new Float64Array(model.dimension);
    expect(density.logDensityGradient(phi, gPhi)).toBe(model.logDensityGradient(theta, gTheta));
    gTheta.forEach((g, i) => expect(gPhi[i]).toBe(g * units.scale[i]));
  });
});
