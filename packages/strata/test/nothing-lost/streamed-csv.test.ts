/**
 * Draws streamed to the CmdStan CSV as they are drawn (cli/draw-streams.ts, io/cmdstan-csv-stream.ts):
 * the streamed file is, to the byte, the file the whole-file writer writes for the same Fit, for a
 * finished run, for data sampled in rescaled units (draws and metric mapped back), on workers, and for
 * a stopped run (incomplete note); before the end the temporary file holds the head and whole rows.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompiledModel } from '@strata/core';
import { openDrawStreams } from '../../src/cli/draw-streams.js';
import { plannedRunConfig, sampleModel, type FitOptions } from '../../src/fit.js';
import { fitToCmdStanInput, runCsvInput, writeFitCsv } from '../../src/io/fit-csv.js';
import { CmdStanChainStream, cmdStanCsvPaths, openTemporaryFile, writeCmdStanCsv } from '../../src/index.js';
import { samplingUnits } from '../../src/rescale/sampling-units.js';

const spec = { formula: 'y ~ x', family: 'gaussian' };
const data = { y: [1.2, 0.4, 2.2, 1.9, 3.1, 2.5, 3.8, 4.4, 5.1, 4.7], x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] };
const csv = { modelName: 'm', dataFile: 'data.csv' };

/** Streams a run into a fresh folder; returns the Fit, the paths, and each temporary file's text just before the end. */
async function streamedRun(model: CompiledModel, options: FitOptions & { seed: number; chains: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'strata-stream-'));
  const base = join(dir, 'draws.csv');
  const paths = cmdStanCsvPaths(base, Array.from({ length: options.chains }, (_, k) => k + 1));
  const streams = openDrawStreams(paths, runCsvInput(model, plannedRunConfig(model, options), csv));
  const fit = await sampleModel(model, { ...options, progressBar: false, onDraws: streams.onDraws });
  const before = readdirSync(dir).filter((f) => f.endsWith('.tmp')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const written = writeFitCsv(fit, base, { ...csv, streams: streams.byPath });
  streams.discardAll();
  return { fit, dir, paths, written, before };
}

/** What the whole-file writer gives for the same Fit, chain by chain. */
function wholeTexts(fit: Awaited<ReturnType<typeof sampleModel>>, paths: readonly string[]): string[] {
  const input = fitToCmdStanInput(fit, csv);
  return input.chains.map((c, k) => writeCmdStanCsv({ ...input, outputFile: paths[c.chainId - 1].split('/').pop() }, k));
}

const TAIL = /(# Incomplete[^\n]*\n)?# \n# {2}Elapsed Time[\s\S]*$/;

describe('streamed CSV files', () => {
  it('a finished run: every final file is the whole-file writer\'s, and was streamed (temporary file = all but the tail)', async () => {
    const model = compile(spec, data);
    const { fit, dir, paths, written, before } = await streamedRun(model, { chains: 2, warmup: 100, draws: 450, seed: 9, parallel: 1 });
    expect(written).toEqual(paths);
    const whole = wholeTexts(fit, paths);
    paths.forEach((p, k) => expect(readFileSync(p, 'utf8')).toBe(whole[k]));
    // before the end each chain's temporary file held its head and all 450 rows, only the tail missing
    expect(before).toHaveLength(2);
    const heads = whole.map((t) => t.replace(TAIL, ''));
    expect([...before].sort()).toEqual([...heads].sort());
    expect(readdirSync(dir).sort()).toEqual(['draws_1.csv', 'draws_2.csv']);
  });

  it('data sampled in rescaled units, chains on workers: the same bytes (draws and metric mapped back)', async () => {
    const model = compile(spec, { y: data.y.map((y) => y * 1e-6), x: data.x });
    expect(samplingUnits(model)).not.toBeNull();
    const { fit, paths, before } = await streamedRun(model, { chains: 2, warmup: 100, draws: 200, seed: 2, parallel: 2 });
    expect(before).toHaveLength(2);
    const whole = wholeTexts(fit, paths);
    paths.forEach((p, k) => expect(readFileSync(p, 'utf8')).toBe(whole[k]));
  }, 60_000);

  it('a stopped run: the kept chain ends with the incomplete note, the chain that never started leaves no file', async () => {
    const model = compile(spec, data);
    const controller = new AbortController();
    const { fit, dir, paths } = await streamedRun(model, {
      chains: 2,
      warmup: 50,
      draws: 1_000_000,
      seed: 4,
      parallel: 1,
      signal: controller.signal,
      onProgress: (chain, iteration) => {
        if (chain === 0 && iteration >= 50 + 700) controller.abort();
      },
    });
    expect(fit.incomplete?.drawsPerChain[1]).toBe(0);
    const text = readFileSync(paths[0], 'utf8');
    expect(text).toBe(wholeTexts(fit, paths)[0]);
    expect(text).toMatch(new RegExp(`# Incomplete: the run was stopped; this chain holds ${fit.incomplete!.drawsPerChain[0]} of 1000000 draws\\n`));
    expect(readdirSync(dir)).toEqual(['draws_1.csv']);
  });

  it('a write that fails stops the stream; the file is then written whole at the end', async () => {
    const model = compile(spec, data);
    const dir = mkdtempSync(join(tmpdir(), 'strata-stream-'));
    const path = join(dir, 'one.csv');
    const options = { chains: 1, warmup: 50, draws: 120, seed: 5, parallel: 1 };
    const stream = CmdStanChainStream.open(path, runCsvInput(model, plannedRunConfig(model, options), csv))!;
    expect(stream.temporary).not.toBeNull();
    const streams = new Map([[path, stream]]);
    let batches = 0;
    const fit = await sampleModel(model, {
      ...options,
      progressBar: false,
      onDraws: (b) => {
        batches++;
        // the disk fills up after the head: the error is kept, nothing thrown, the stream stops
        if (b.adaptation) (stream as unknown as { file: { append: () => void } }).file.append = () => {
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        };
        stream.append(b.stats, b.draws, b.adaptation && { chainId: 1, stepSize: b.adaptation.stepSize, invMetric: b.adaptation.inverseMetric });
      },
    });
    expect(batches).toBeGreaterThan(0);
    expect((stream.failure as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(stream.temporary).toBeNull();
    expect(writeFitCsv(fit, path, { ...csv, streams })).toEqual([path]);
    expect(readFileSync(path, 'utf8')).toBe(wholeTexts(fit, [path])[0]);
    expect(readdirSync(dir)).toEqual(['one.csv']);
  });

  it('openTemporaryFile: appends under a hidden name, commit renames, discard removes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-stream-'));
    const f = openTemporaryFile(join(dir, 'a.txt'));
    f.append('one\n');
    f.append('two\n');
    expect(readdirSync(dir)).toEqual([f.temporary.split('/').pop()]);
    f.commit();
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one\ntwo\n');
    const g = openTemporaryFile(join(dir, 'a.txt'));
    g.append('three\n');
    g.discard();
    g.discard();
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one\ntwo\n');
  });
});
