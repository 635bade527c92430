/**
 * Issue 14 through the built CLI as a child process: signals, failing and clashing outputs, names
 * that cannot be written, the random seed, concurrent runs into one folder, and kill -9 at random
 * moments never leaving a cut file at a final name.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCmdStanCsv } from '../../src/index.js';
import { buildBundles, runCli, sleep, startCli, tinyProject } from './cli-helpers.js';

beforeAll(() => buildBundles(), 60_000);

const fitArgs = (p: { spec: string; data: string }, ...more: string[]) => ['fit', '--model', p.spec, '--data', p.data, ...more];
const csv = (path: string) => readCmdStanCsv(readFileSync(path, 'utf8'), { source: path });

describe('an interrupted run keeps its draws (findings 1, 7)', () => {
  it('SIGINT: the draws so far are written, marked incomplete, one line, exit 130', async () => {
    const p = tinyProject();
    const run = startCli(fitArgs(p, '--chains', '2', '--parallel', '1', '--warmup', '100', '--draws', '100000000', '--output', join(p.dir, 'draws.csv'), '--summary', join(p.dir, 's.json')));
    await run.when(/seed \d+/); // printed before sampling (not with --quiet)
    await sleep(700);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    const seed = Number(/seed (\d+) \(drawn at random; --seed \1 repeats this run\)/.exec(r.err)![1]);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^strata: interrupted by SIGINT: kept \d+, 0 of 100000000 draws per chain; wrote .*draws_1\.csv, .*s\.json \(marked incomplete\)$/);
    // Sequential chains: chain 2 never started, so only draws_1.csv
    expect(readdirSync(p.dir).sort()).toEqual(['data.csv', 'draws_1.csv', 'model.json', 's.json']);
    const c1 = csv(join(p.dir, 'draws_1.csv'));
    expect(c1.nDraws).toBeGreaterThan(0);
    expect(c1.metadata.seed).toBe(seed);
    expect(readFileSync(join(p.dir, 'draws_1.csv'), 'utf8')).toMatch(new RegExp(`# Incomplete: the run was stopped; this chain holds ${c1.nDraws} of 100000000 draws`));
    const summary = JSON.parse(readFileSync(join(p.dir, 's.json'), 'utf8'));
    expect(summary).toMatchObject({ seed, incomplete: true, draws_per_chain: [c1.nDraws, 0] });
    // `strata summary` of the interrupted file warns, and still summarises (finding 2)
    const s = runCli(['summary', join(p.dir, 'draws_1.csv')]);
    expect(s.code).toBe(0);
    expect(s.err).toMatch(new RegExp(`warning: .*draws_1\\.csv: ${c1.nDraws} post-warmup draws found, but num_samples = 100000000`));
    expect(s.out).toMatch(/b_x/);
  }, 30_000);

  it('SIGTERM with chains on workers: every chain keeps its draws, exit 143', async () => {
    const p = tinyProject();
    const run = startCli(fitArgs(p, '--chains', '2', '--parallel', '2', '--warmup', '100', '--draws', '100000000', '--output', join(p.dir, 'draws.csv')));
    await run.when(/seed \d+/);
    await sleep(1500); // a worker starts in about 0.3 s from the bundle
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(r.err).toMatch(/\nstrata: interrupted by SIGTERM: kept \d+, \d+ of 100000000 draws per chain/);
    // A worker chain that had not started (a busy machine) has no draws and no file; the others do.
    const files = readdirSync(p.dir).filter((f) => f.startsWith('draws'));
    expect(files).toContain('draws_1.csv');
    for (const f of files) {
      const c = csv(join(p.dir, f));
      expect(c.nDraws).toBeGreaterThan(0);
      expect(c.metadata.seed).toBe(Number(/seed (\d+)/.exec(r.err)![1]));
    }
  }, 30_000);
});

describe('a truncated draws file (finding 2)', () => {
  it('strata summary warns (stderr) when a file holds fewer draws than its header says, exit 0', () => {
    const p = tinyProject();
    expect(runCli(fitArgs(p, '--chains', '1', '--warmup', '50', '--draws', '40', '--seed', '1', '--output', join(p.dir, 'd.csv'), '--quiet')).code).toBe(0);
    const lines = readFileSync(join(p.dir, 'd.csv'), 'utf8').split('\n');
    const firstDraw = lines.findIndex((l) => /^-?\d/.test(l));
    writeFileSync(join(p.dir, 'cut.csv'), lines.slice(0, firstDraw + 25).join('\n') + '\n'); // 25 of 40 rows, whole rows
    const s = runCli(['summary', join(p.dir, 'cut.csv')]);
    expect(s.code).toBe(0);
    expect(s.err).toMatch(/warning: .*cut\.csv: 25 post-warmup draws found, but num_samples = 40 and thin = 1 give 40/);
  });
});

describe('failing and clashing outputs (findings 3, 4)', () => {
  it('/dev/full: a one-line error, exit 1, and the summary JSON is still written', () => {
    const p = tinyProject();
    const r = runCli(fitArgs(p, '--chains', '1', '--warmup', '50', '--draws', '50', '--seed', '1', '--output', '/dev/full', '--summary', join(p.dir, 's.json'), '--quiet'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^strata: \/dev\/full: cannot write: no space left on device; wrote .*s\.json$/)]);
    expect(JSON.parse(readFileSync(join(p.dir, 's.json'), 'utf8')).seed).toBe(1);
  });

  it('a read-only draws_2.csv in the way fails before sampling, naming it; nothing is written', () => {
    const p = tinyProject();
    writeFileSync(join(p.dir, 'draws_2.csv'), 'old\n');
    chmodSync(join(p.dir, 'draws_2.csv'), 0o444);
    const r = runCli(fitArgs(p, '--chains', '2', '--warmup', '50', '--draws', '50', '--output', join(p.dir, 'draws.csv'), '--quiet'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^strata: cannot write draws CSV ".*draws_2\.csv": the file is read-only\n$/);
    expect(readdirSync(p.dir).sort()).toEqual(['data.csv', 'draws_2.csv', 'model.json']);
    expect(readFileSync(join(p.dir, 'draws_2.csv'), 'utf8')).toBe('old\n');
  });

  it('--output naming an input, or the same file as --summary, is refused before sampling', () => {
    const p = tinyProject();
    const before = readFileSync(p.data, 'utf8');
    const onData = runCli(fitArgs(p, '--chains', '1', '--output', p.data, '--quiet'));
    expect(onData.code).toBe(1);
    expect(onData.err).toMatch(/^strata: the draws CSV ".*data\.csv" is the data file: writing it would overwrite an input; choose another name\n$/);
    expect(readFileSync(p.data, 'utf8')).toBe(before);
    const same = runCli(fitArgs(p, '--chains', '1', '--output', join(p.dir, 'x.json'), '--summary', join(p.dir, 'x.json'), '--quiet'));
    expect(same.code).toBe(1);
    expect(same.err).toMatch(/the summary JSON and the draws CSV are both ".*x\.json"/);
    expect(existsSync(join(p.dir, 'x.json'))).toBe(false);
  });

  it('a 2-chain run after a 4-chain run into one --output: stale draws_3/4.csv are an error, or removed with --overwrite', () => {
    const p = tinyProject();
    const out = join(p.dir, 'draws.csv');
    const args = (chains: string, ...more: string[]) => fitArgs(p, '--chains', chains, '--parallel', '1', '--warmup', '30', '--draws', '30', '--seed', '2', '--output', out, '--quiet', ...more);
    expect(runCli(args('4')).code).toBe(0);
    const r = runCli(args('2'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^strata: draws_3\.csv, draws_4\.csv in .* are chain files of an earlier run that this 2-chain run would leave behind .*; remove them or pass --overwrite\n$/);
    expect(runCli(args('2', '--overwrite')).code).toBe(0);
    expect(readdirSync(p.dir).filter((f) => f.startsWith('draws')).sort()).toEqual(['draws_1.csv', 'draws_2.csv']);
  });
});

describe('names and seeds (findings 5, 7)', () => {
  it('a group label with a line break fails before sampling, naming the label', () => {
    const p = tinyProject();
    writeFileSync(p.spec, JSON.stringify({ formula: 'y ~ x + (1 | g)', family: 'gaussian' }));
    writeFileSync(p.data, 'y,x,g\n1.2,0,a\n0.4,1,"b\nc"\n2.2,2,a\n1.9,3,"b\nc"\n3.1,4,a\n2.5,5,d\n');
    const r = runCli(fitArgs(p, '--chains', '1', '--warmup', '20', '--draws', '20', '--output', join(p.dir, 'o.csv')));
    expect(r.code).toBe(1);
    // no seed line: it stopped before drawing a seed, i.e. before sampling
    expect(r.err).toBe('strata: the level "b\\nc" of group g contains a line break, which the output files cannot hold; remove it from the data\n');
    expect(existsSync(join(p.dir, 'o.csv'))).toBe(false);
  });

  it('without --seed two runs use different random seeds; --seed with the printed one repeats a run', () => {
    const p = tinyProject();
    const go = (name: string, ...seed: string[]) => runCli(fitArgs(p, '--chains', '1', '--warmup', '30', '--draws', '30', '--output', join(p.dir, name), ...seed));
    const a = go('a.csv');
    const b = go('b.csv');
    const seedOf = (err: string) => Number(/strata: seed (\d+)/.exec(err)![1]);
    expect(seedOf(a.err)).not.toBe(seedOf(b.err));
    expect(csv(join(p.dir, 'a.csv')).metadata.seed).toBe(seedOf(a.err));
    const again = go('c.csv', '--seed', String(seedOf(a.err)));
    expect(again.err).not.toMatch(/seed/);
    expect(runCli(fitArgs(p, '--chains', '1', '--warmup', '30', '--draws', '30', '--quiet')).err).toBe(''); // --quiet: not printed
    expect(csv(join(p.dir, 'c.csv')).draws).toEqual(csv(join(p.dir, 'a.csv')).draws);
  });
});

describe('files are whole at their final names', () => {
  it('concurrent runs into one folder each leave whole files and no temporary ones', async () => {
    const p = tinyProject();
    const runs = ['a.csv', 'b.csv', 'a.csv'].map((name, k) => startCli(fitArgs(p, '--chains', '2', '--parallel', '1', '--warmup', '50', '--draws', '2000', '--seed', String(k + 1), '--output', join(p.dir, name), '--quiet')));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(readdirSync(p.dir).sort()).toEqual(['a_1.csv', 'a_2.csv', 'b_1.csv', 'b_2.csv', 'data.csv', 'model.json']);
    for (const f of ['a_1.csv', 'a_2.csv', 'b_1.csv', 'b_2.csv']) {
      const c = csv(join(p.dir, f));
      expect(c.nDraws).toBe(2000);
      expect(c.warnings).toEqual([]);
    }
  }, 30_000);

  it('kill -9 at random moments of 20 small runs never leaves a cut file at a final name', async () => {
    const args = (p: { dir: string; spec: string; data: string }) =>
      fitArgs(p, '--chains', '2', '--parallel', '1', '--warmup', '50', '--draws', '1000', '--output', join(p.dir, 'draws.csv'), '--summary', join(p.dir, 's.json'));
    // Moments from the seed line (printed as sampling starts) over twice the time a run then takes to
    // finish, so some kills land before, some while and some after the files are written. Four runs
    // share the cores at once, so each takes up to four times the calibration run's time.
    const calibration = startCli(args(tinyProject()));
    await calibration.when(/seed \d+/);
    const started = Date.now();
    expect((await calibration.done).code).toBe(0);
    const duration = Date.now() - started;
    let finals = 0;
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        [0, 1, 2, 3].map(async () => {
          const p = tinyProject();
          const run = startCli(args(p));
          await run.when(/seed \d+/);
          await sleep(duration * 4 * 2 * Math.random());
          run.child.kill('SIGKILL');
          await run.done;
          for (const f of readdirSync(p.dir)) {
            if (f === 'data.csv' || f === 'model.json' || f.startsWith('.')) continue;
            finals++;
            if (f === 's.json') expect(JSON.parse(readFileSync(join(p.dir, f), 'utf8')).sampler.draws).toBe(1000);
            else expect([f, csv(join(p.dir, f)).nDraws, csv(join(p.dir, f)).warnings]).toEqual([f, 1000, []]);
          }
        }),
      );
    }
    // Some kills landed after files were written (else the check above checked nothing).
    expect(finals).toBeGreaterThan(0);
  }, 60_000);
});
