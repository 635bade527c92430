/** The plot helpers that take a Fit: each returns a vega-lite spec and its SVG; the data they draw are the fit's. */
import { describe, expect, it } from 'vitest';
import { pairsData, plotConditionalEffects, plotDensity, plotPairs, plotPpc, plotRank, plotShrinkage, plotTrace, plotTrajectories, trajectories, divergentDraws } from '../../src/index.js';
import { csvRows, exampleSpec, fakeFit, sharedCsv, smallFit } from '../results/helpers.js';

describe('plots of a Fit (sleepstudy, 2 chains x 100 draws)', async () => {
  const fit = await smallFit(exampleSpec('sleepstudy'), sharedCsv('sleepstudy'), 100, 3);

  it('every helper returns an SVG and the spec it was rendered from', async () => {
    const plots = await Promise.all([
      plotTrace(fit),
      plotRank(fit, { variables: ['b_Days', 'sigma'] }),
      plotDensity(fit, { variables: ['b_Days'] }),
      plotPairs(fit),
      plotPpc(fit, { nDraws: 10 }),
      plotShrinkage(fit),
      plotTrajectories(fit, { x: 'Days', levels: ['308', '309'], resolution: 5 }),
      plotConditionalEffects(fit, 'Days', { resolution: 5 }),
      plotConditionalEffects(fit, 'Days', { resolution: 5, spaghetti: 5 }),
    ]);
    for (const p of plots) {
      expect(p.svg.startsWith('<svg')).toBe(true);
      expect(p.svg.length).toBeGreaterThan(2000);
      expect(p.spec.$schema).toContain('vega-lite');
    }
    // The trace starts after the warmup and holds the fit's main parameters (not the r_ effects).
    const rows = (plots[0].spec as { data: { values: { variable: string; iteration: number }[] } }).data.values;
    expect(rows[0].iteration).toBe(101);
    expect(new Set(rows.map((r) => r.variable))).toEqual(new Set(fit.names.filter((n) => !n.startsWith('r_')).slice(0, 8)));
  });

  it('pairs data: one row per pooled draw with the divergent flags of the sampler', () => {
    const rows = pairsData({ a: fit.draws('b_Days'), b: fit.draws('sigma') }, { divergent: divergentDraws(fit) });
    expect(rows).toHaveLength(fit.totalDraws);
    expect(rows[150].v0).toBe(fit.pooled('b_Days')[150]);
    const flags = fit.run.chains.flatMap((c) => Array.from(c.stats.divergent__.subarray(0, 100), Boolean));
    expect(rows.map((r) => r.divergent)).toEqual(flags);
  });

  it("trajectories: each subject's curve b0 + r0 + (b1 + r1) x per draw over its observed range, with its data", () => {
    const [t] = trajectories(fit, { x: 'Days', levels: ['309'], resolution: 4 });
    expect(t.x).toEqual([0, 3, 6, 9]);
    expect(t.observed!.y).toHaveLength(10);
    const [b0, b1, r0, r1] = ['b_Intercept', 'b_Days', 'r_Subject[309,Intercept]', 'r_Subject[309,Days]'].map((n) => fit.pooled(n));
    for (const s of [0, 57, 199]) t.x.forEach((x, i) => expect(t.draws[s][i]).toBeCloseTo(b0[s] + r0[s] + (b1[s] + r1[s]) * x, 9));
  });

  it('plotTrajectories names the colour legend after the grouping column', async () => {
    const p = await plotTrajectories(fit, { x: 'Days', levels: ['308', '309'], resolution: 3, layout: 'overlay' });
    const layers = (p.spec as unknown as { layer: { encoding: { color?: { title?: string } } }[] }).layer;
    expect(layers[0].encoding.color!.title).toBe('Subject');
  });
});

describe('plotConditionalEffects with points (brms points = TRUE)', () => {
  const data = sharedCsv('orthodont');
  const fit = fakeFit(exampleSpec('orthodont'), data, 1, 20);
  type Layer = { data?: { values: { x: number; by: string; y: number }[] }; mark: { type: string } };
  const pointLayer = (spec: unknown) => (spec as { layer: Layer[] }).layer.find((l) => l.mark.type === 'point' && l.data!.values.some((v) => 'y' in v));

  it('draws every observed row in its curve\'s colour, dodged apart by curve along x', async () => {
    const rows = csvRows(data);
    const p = await plotConditionalEffects(fit, 'age:Sex', { resolution: 5, points: true, dodge: 0.2 });
    expect(p.svg.startsWith('<svg')).toBe(true);
    const values = pointLayer(p.spec)!.data!.values;
    expect(values).toHaveLength(rows.length);
    // Male is the first curve (shifted -0.1), Female the second (+0.1).
    values.forEach((v, i) => {
      expect(v.by).toBe(rows[i].Sex);
      expect(v.y).toBe(rows[i].distance);
      expect(v.x).toBeCloseTo((rows[i].age as number) + (rows[i].Sex === 'Male' ? -0.1 : 0.1), 12);
    });
    const without = await plotConditionalEffects(fit, 'age:Sex', { resolution: 5 });
    expect(pointLayer(without.spec)).toBeUndefined();
  });
});
