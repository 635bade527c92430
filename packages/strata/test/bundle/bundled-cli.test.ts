/**
 * The prebuilt bundles, built by the launcher into a temporary directory (STRATA_BUNDLE_DIR), so the
 * real packages/strata/dist is never touched: the launcher builds a missing bundle and rebuilds a
 * stale one; the bundled CLI prints the usage and writes the same summary as the source for a seed;
 * chains on workers started from the bundle give the same draws as in this thread.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLES } from '../../build/bundle.mjs';
import { USAGE } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { fit } from '../../src/fit.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const launcher = join(root, 'packages/strata/bin/strata.mjs');
const spec = join(root, 'examples/specs/eight_schools.json');
const data = join(shared, 'data/eight_schools.csv');
let dir: string;

/** Runs the launcher with the bundles in `dir`; a TTY-less stderr, so a rebuild prints nothing. */
function launch(args: string[]) {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd: root, env: { ...process.env, STRATA_BUNDLE_DIR: dir }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the launcher and the bundled CLI', () => {
  it('builds the missing bundles, then runs help from them', () => {
    const r = launch(['help']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${USAGE}\n`);
    for (const file of Object.keys(BUNDLES)) expect(existsSync(join(dir, file))).toBe(true);
  });

  it('rebuilds a bundle older than the sources', () => {
    const cli = join(dir, 'cli.mjs');
    utimesSync(cli, new Date(2001, 0, 1), new Date(2001, 0, 1));
    const r = launch(['help']);
    expect(r.code).toBe(0);
    expect(statSync(cli).mtime.getFullYear()).toBeGreaterThan(2001);
  });

  it('writes the same summary as the source for the same seed', async () => {
    const args = (summary: string) => ['fit', '--model', spec, '--data', data, '--chains', '1', '--warmup', '100', '--draws', '100', '--seed', '7', '--parallel', '1', '--quiet', '--summary', summary];
    const r = launch(args(join(dir, 'bundle.json')));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    expect(await main(args(join(dir, 'source.json')), { out: sink, err: sink })).toBe(0);
    // wall-clock seconds aside, the summaries are the same to the last digit
    const read = (file: string) => {
      const s = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      delete s.sampler.warmup_seconds;
      delete s.sampler.sampling_seconds;
      return s;
    };
    const bundled = read('bundle.json');
    expect(bundled.sampler.grad_evals).toBeGreaterThan(0);
    expect(bundled).toEqual(read('source.json'));
  });

  it('bad input: one line and a non-zero exit, as from source', () => {
    const r = launch(['fit', '--model', spec]);
    expect(r.code).not.toBe(0);
    expect(r.err.split('\n')[0]).toMatch(/^strata: /);
  });
});

describe('workers started from the bundle', () => {
  it('give the same draws as the chains in this thread, for the same seed', async () => {
    const options = { chains: 2, warmup: 100, draws: 100, seed: 11, progressBar: false };
    // a fresh node process imports fit() from the bundle: its workers start from the worker bundle
    const script = `
      import { readFileSync } from 'node:fs';
      const { fit } = await import(${JSON.stringify(pathToFileURL(join(dir, 'cli.mjs')).href)});
      const f = await fit(JSON.parse(readFileSync(${JSON.stringify(spec)}, 'utf8')), readFileSync(${JSON.stringify(data)}, 'utf8'), { ...${JSON.stringify(options)}, parallel: 2 });
      process.stdout.write(JSON.stringify(f.run.chains.map((c) => Array.from(c.draws))));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fromWorkers = JSON.parse(r.stdout) as number[][];
    const inThread = await fit(JSON.parse(readFileSync(spec, 'utf8')), readFileSync(data, 'utf8'), { ...options, parallel: 1 });
    expect(fromWorkers).toHaveLength(2);
    for (let k = 0; k < 2; k++) expect(fromWorkers[k]).toEqual(Array.from(inThread.run.chains[k].draws));
    expect(fromWorkers[0]).not.toEqual(fromWorkers[1]);
  });
});
