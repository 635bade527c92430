/** Fit.toJSON(): what a fit was (spec, data hash, seed, options, versions); Fit.writeCmdStanCsv(). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fit, readCmdStanCsv } from '../../src/index.js';

const data = { y: [1.2, 2.3, 1.9, 3.1, 2.8, 3.9, 1.1, 2.0], x: [0, 1, 0, 1, 0, 1, 0, 1], g: ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'] };
const spec = { formula: 'y ~ x + (1 | g)', priors: [{ prior: 'normal(0, 2)', class: 'sd' }] };
const options = { chains: 2, warmup: 100, draws: 50, seed: 9, parallel: 1, progressBar: false };

describe('Fit records', () => {
  it('toJSON names the spec, a data hash that tracks the data, the seed, options and versions', async () => {
    const a = await fit(spec, data, options);
    const b = await fit(spec, data, { ...options, seed: 10 });
    const c = await fit(spec, { ...data, y: data.y.map((v, i) => (i === 0 ? v + 1 : v)) }, options);
    const ja = JSON.parse(JSON.stringify(a.toJSON()));
    expect(ja.spec).toEqual(spec);
    expect(ja.seed).toBe(9);
    expect(ja.options.chains).toBe(2);
    expect(ja.options.warmup).toBe(100);
    expect(ja.nobs).toBe(8);
    expect(ja.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.toJSON().dataHash).toBe(ja.dataHash);
    expect(c.toJSON().dataHash).not.toBe(ja.dataHash);
    expect(ja.versions['@strata/core']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(ja.versions.node).toBe(process.version);
  });

  it('writeCmdStanCsv writes one readable file per chain with the constrained draws', async () => {
    const f = await fit(spec, data, options);
    const paths = f.writeCmdStanCsv(join(mkdtempSync(join(tmpdir(), 'strata-fit-')), 'draws.csv'));
    expect(paths).toHaveLength(2);
    const read = readCmdStanCsv(readFileSync(paths[1], 'utf8'));
    expect(read.names).toEqual([...f.names]);
    const j = f.names.indexOf('b_x');
    expect(read.draws[3 * f.names.length + j]).toBe(f.draws('b_x')[1][3]);
  });
});
