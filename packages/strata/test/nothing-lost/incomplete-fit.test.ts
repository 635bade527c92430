/**
 * Issue 14, finding 6 (and 8): a Fit of a stopped run keeps every chain's own draws, says so at the
 * top of its summary (never "No warnings"), and writes what there is as CmdStan CSV.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '@strata/core';
import type { RunResult } from '@strata/samplers';
import { Fit, fit, readCmdStanCsv, sampleModel } from '../../src/index.js';

const spec = { formula: 'y ~ x', family: 'gaussian' };
const data = { y: [1.2, 0.4, 2.2, 1.9, 3.1, 2.5, 3.8, 4.4], x: [0, 1, 2, 3, 4, 5, 6, 7] };

describe('a Fit of an aborted run', () => {
  it('sequential chains: chain 1 keeps its draws though chain 2 never started', async () => {
    const controller = new AbortController();
    const f = await fit(spec, data, {
      chains: 2,
      warmup: 50,
      draws: 1_000_000,
      parallel: 1,
      seed: 4,
      progressBar: false,
      signal: controller.signal,
      onProgress: (chain, iteration) => {
        if (chain === 0 && iteration >= 50 + 300) controller.abort();
      },
    });
    expect(f.incomplete).not.toBeNull();
    expect(f.chains).toBe(1); // chain 2 has no draws and is left out
    expect(f.iterations).toBeGreaterThanOrEqual(300);
    expect(f.iterations).toBeLessThan(1_000_000);
    expect(f.incomplete!.drawsPerChain).toEqual([f.iterations, 0]);
    const text = f.summary().toString();
    expect(text.startsWith('INCOMPLETE: ')).toBe(true);
    expect(text).not.toMatch(/No warnings/);
    expect(text).toMatch(/chain 2 \(no draws\) left out/);
    const mean = f.summary().variables.find((v) => v.variable === 'b_x')!.mean as number;
    expect(Number.isFinite(mean)).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'strata-incomplete-'));
    const paths = f.writeCmdStanCsv(join(dir, 'draws.csv'));
    expect(readdirSync(dir)).toEqual(['draws_1.csv']); // chain 1 of a 2-chain run keeps its number
    const text1 = readFileSync(paths[0], 'utf8');
    expect(text1).toMatch(new RegExp(`# Incomplete: the run was stopped; this chain holds ${f.iterations} of 1000000 draws`));
    const read = readCmdStanCsv(text1);
    expect(read.nDraws).toBe(f.iterations);
    expect(read.warnings.join(' ')).toMatch(/interrupted run/);
    expect(read.draws[read.names.indexOf('b_x')]).toBe(f.draws('b_x')[0][0]);
  });

  it('chains of unequal length keep all their draws; summaries use the common length and say so', async () => {
    const model = compile(spec, data);
    const full = await sampleModel(model, { chains: 2, warmup: 100, draws: 60, parallel: 1, seed: 9, progressBar: false });
    const d = model.dimension;
    const cut = (c: RunResult['chains'][number], n: number) => ({
      ...c,
      draws: c.draws.slice(0, n * d),
      stats: Object.fromEntries(Object.entries(c.stats).map(([k, v]) => [k, v.slice(0, n)])) as typeof c.stats,
      incomplete: true,
    });
    const run: RunResult = { ...full.run, incomplete: true, chains: [full.run.chains[0], cut(full.run.chains[1], 40)] };
    const f = new Fit(model, run, { maxTreeDepth: 10 });
    expect(f.chains).toBe(2);
    expect(f.iterations).toBe(40);
    const k = f.names.length;
    expect(f.constrained.map((c) => c.length / k)).toEqual([60, 40]);
    expect(f.constrained[0]).toEqual(full.constrained[0]);
    expect(f.draws('b_x').map((c) => c.length)).toEqual([40, 40]);
    const text = f.summary().toString();
    expect(text.split('\n')[0]).toBe(
      'INCOMPLETE: the run was stopped early (chains 1, 2 hold 60, 40 of 60 draws); the estimates and diagnostics use the first 40 draws of chains 1, 2, and the CSV holds every draw.',
    );
    const dir = mkdtempSync(join(tmpdir(), 'strata-incomplete-'));
    const [p1, p2] = f.writeCmdStanCsv(join(dir, 'd.csv'));
    expect(readCmdStanCsv(readFileSync(p1, 'utf8')).nDraws).toBe(60);
    expect(readFileSync(p1, 'utf8')).not.toMatch(/Incomplete/); // chain 1 finished
    expect(readCmdStanCsv(readFileSync(p2, 'utf8')).nDraws).toBe(40);
  });

  it('aborted before any draw: nothing to summarise, said so, and no "No warnings"', async () => {
    const controller = new AbortController();
    controller.abort();
    const f = await fit(spec, data, { chains: 2, warmup: 50, draws: 50, parallel: 1, seed: 1, progressBar: false, signal: controller.signal });
    expect(f.iterations).toBe(0);
    const text = f.summary().toString();
    expect(text).toMatch(/^INCOMPLETE: the run was stopped before any draw was kept \(chains 1, 2 hold 0, 0 of 50 draws\)/);
    expect(text).not.toMatch(/No warnings/);
    const dir = mkdtempSync(join(tmpdir(), 'strata-incomplete-'));
    expect(f.writeCmdStanCsv(join(dir, 'd.csv')).map((p) => readCmdStanCsv(readFileSync(p, 'utf8')).nDraws)).toEqual([0, 0]);
  });
});

describe('the library summary notes dropped rows (finding 8)', () => {
  it('names how many rows were dropped and which', async () => {
    const withNa = { y: [...data.y, null, 2.0], x: [...data.x, 8, null] };
    const f = await fit({ ...spec, na: 'drop' }, withNa, { chains: 1, warmup: 30, draws: 30, parallel: 1, seed: 2, progressBar: false });
    expect(f.summary().toString().split('\n')[0]).toBe('Note: 2 data rows with missing values were dropped (na = "drop"): rows 9, 10; the model saw 8.');
  });
});
