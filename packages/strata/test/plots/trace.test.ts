import { describe, expect, it } from 'vitest';
import { traceData, traceSpec, traceSvg } from '../../src/plots/index.js';
import { fakeDraws } from './fixtures.js';
import { countGroups, countItems, layout, texts } from './helpers.js';

const draws = fakeDraws(200);

describe('trace plot', () => {
  it('has one row per variable, chain and iteration; thin keeps every k-th', () => {
    const rows = traceData(draws);
    expect(rows).toHaveLength(4 * 4 * 200);
    expect(rows[0]).toEqual({ variable: 'mu', chain: 1, iteration: 1, value: draws.mu[0][0] });
    const thinned = traceData(draws, { thin: 10, variables: ['tau'], firstIteration: 1001 });
    expect(thinned).toHaveLength(4 * 20);
    expect(thinned[1]).toEqual({ variable: 'tau', chain: 1, iteration: 1011, value: draws.tau[0][10] });
    expect(thinned.every((r) => r.variable === 'tau')).toBe(true);
  });

  it('turns non-finite draws into gaps and rejects unknown variables', () => {
    const rows = traceData({ a: [[1, NaN, 3]] });
    expect(rows.map((r) => r.value)).toEqual([1, null, 3]);
    expect(() => traceSpec(draws, { variables: ['nope'] })).toThrow(/unknown variable 'nope'/);
    expect(() => traceSpec({})).toThrow(RangeError);
  });

  it('spec: a facet per variable in the given order, lines coloured by chain, independent y', () => {
    const spec = traceSpec(draws, { variables: ['tau', 'mu'] }) as Record<string, any>;
    expect(spec.facet.field).toBe('variable');
    expect(spec.facet.sort).toEqual(['tau', 'mu']);
    expect(spec.resolve.scale.y).toBe('independent');
    expect(spec.spec.mark.type).toBe('line');
    expect(spec.spec.encoding.color.scale.domain).toEqual([1, 2, 3, 4]);
    expect(spec.data.values).toEqual(traceData(draws, { variables: ['tau', 'mu'] }));
  });

  it('renders one line per chain in one panel per variable', async () => {
    const svg = await traceSvg(draws);
    expect(svg.startsWith('<svg')).toBe(true);
    // a coloured line mark is split into one mark per series: 4 variables x 4 chains, one path each
    expect(countGroups(svg, 'trace')).toBe(16);
    expect(countItems(svg, 'trace')).toBe(16);
    expect((await layout(traceSpec(draws))).items('cell')).toHaveLength(4);
    const t = texts(svg);
    for (const v of ['mu', 'sigma', 'b_Days', 'tau', 'iteration', 'chain', 'Trace plot']) expect(t).toContain(v);
  });

  it('each line passes through its chain’s draws (y positions follow the values)', async () => {
    const small = { theta: [[0, 1, 2, 3], [3, 2, 1, 0]] };
    const { items } = await layout(traceSpec(small, { height: 100 }));
    const lines = items('trace');
    expect(lines).toHaveLength(8); // line marks expose one scene item per vertex
    const chain1 = lines.filter((i) => i.datum?.chain === 1).map((i) => i.y as number);
    // values 0..3 rising: pixel y must fall (svg y grows downwards), evenly
    expect(chain1[0]).toBeGreaterThan(chain1[3]);
    expect(chain1[0] - chain1[1]).toBeCloseTo(chain1[2] - chain1[3], 6);
  });
});
