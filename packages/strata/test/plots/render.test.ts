import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vega from 'vega';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, traceSvg, writeSvg } from '../../src/plots/index.js';
import { textWidth } from '../../src/plots/textwidth.js';
import { fakeDraws } from './fixtures.js';

const tiny: TopLevelSpec = {
  data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
  mark: 'point',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
};

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('renderSvg / writeSvg', () => {
  it('renders a vega-lite spec to SVG in Node', async () => {
    const svg = await renderSvg(tiny);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<path[^>]*transform="translate/g)?.length).toBe(2); // two point symbols
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('lays text out with font metrics and restores vega’s measurer afterwards', async () => {
    const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
    const before = metrics.width;
    const [a, b] = await Promise.all([traceSvg(fakeDraws(50)), renderSvg(tiny)]);
    expect(a).toContain('Trace plot');
    expect(b).toContain('<svg');
    expect(metrics.width).toBe(before);
    // DejaVu Sans: 'iteration' is much narrower than vega's 0.8 em per character estimate
    expect(textWidth('iteration', 12)).toBeCloseTo(12 * (0.278 * 2 + 0.392 * 2 + 0.615 + 0.411 + 0.613 + 0.612 + 0.634), 6);
    expect(textWidth('iteration', 12)).toBeLessThan(0.8 * 9 * 12 * 0.7);
    expect(textWidth('Trace', 16, true)).toBeGreaterThan(textWidth('Trace', 16));
  });

  it('writeSvg creates missing directories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-plots-'));
    dirs.push(dir);
    const path = join(dir, 'a', 'b', 'plot.svg');
    await writeSvg(path, '<svg/>');
    expect(await readFile(path, 'utf8')).toBe('<svg/>');
  });
});
