/**
 * Issue 14: a failing standard output or output file is a one-line error (or, for a closed pipe, a
 * quiet exit), never Node's stack trace or "internal error" (exit 70). Real child processes.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, env, launcher, runCli, type Finished } from './cli-helpers.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fit = ['fit', '--model', 'examples/specs/sleepstudy.json', '--data', 'examples/data/sleepstudy.csv', '--warmup', '100', '--draws', '100', '--seed', '1', '--quiet'];
if (!existsSync('/dev/full')) throw new Error('these tests need /dev/full');

/** One line on stderr, no stack frame, no "internal error". */
function expectOneLine(r: Finished): void {
  const lines = r.err.trim().split('\n');
  expect(r.err).not.toMatch(/internal error|\n\s+at |node:events|Unhandled/);
  expect(lines.at(-1)).toMatch(/^strata: /);
}

/** The CLI with its stdout sent to /dev/full (a write fails with ENOSPC). */
function runToDevFull(args: string[]): Promise<Finished> {
  const fd = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [launcher, ...args], { cwd: root, env, stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let err = '';
  child.stderr!.on('data', (b) => (err += String(b)));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out: '', err })));
}

let draws: string[] = [];
beforeAll(() => {
  buildBundles();
  const dir = mkdtempSync(join(tmpdir(), 'strata-stdout-'));
  const r = runCli([...fit, '--chains', '2', '--output', join(dir, 'draws.csv')]);
  expect(r.code).toBe(0);
  draws = [join(dir, 'draws_1.csv'), join(dir, 'draws_2.csv')];
}, 120_000);

describe('standard output that fails', () => {
  it('strata summary > /dev/full: one line, exit 1', async () => {
    const r = await runToDevFull(['summary', ...draws]);
    expect(r.code).toBe(1);
    expectOneLine(r);
    expect(r.err).toMatch(/cannot write to standard output: no space left on device/);
  }, 60_000);

  it('strata summary | (reader gone): EPIPE exits quietly', async () => {
    const child = spawn(process.execPath, [launcher, 'summary', ...draws], { cwd: root, env });
    child.stdout.destroy(); // the reader closes before the CLI writes: its write gets EPIPE
    let err = '';
    child.stderr.on('data', (b) => (err += String(b)));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('strata fit > /dev/full still writes the draws, then one line, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-stdout-'));
    const r = await runToDevFull(fit.filter((a) => a !== '--quiet').concat(['--chains', '2', '--output', join(dir, 'd.csv')]));
    expect(r.code).toBe(1);
    expectOneLine(r);
    expect(readdirSync(dir).sort()).toEqual(['d_1.csv', 'd_2.csv']);
  }, 120_000);
});

describe('output files that fail', () => {
  it('--output /dev/full with --chains 2: refused before sampling in one line, nothing written', () => {
    const r = runCli([...fit, '--chains', '2', '--output', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/cannot write draws CSV "\/dev\/full": it is not a regular file/);
    expect(existsSync('/dev/full_1.csv')).toBe(false);
  }, 60_000);

  it('--output /dev/full with one chain: the write fails after sampling, one line, exit 1', () => {
    const r = runCli([...fit, '--chains', '1', '--output', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/no space left on device/);
  }, 60_000);

  it('--summary /dev/full: one line, exit 1, the draws CSVs kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-stdout-'));
    const r = runCli([...fit, '--chains', '2', '--output', join(dir, 'd.csv'), '--summary', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/cannot write summary JSON "\/dev\/full": no space left on device; wrote .*d_1\.csv, .*d_2\.csv/);
    expect(readdirSync(dir).sort()).toEqual(['d_1.csv', 'd_2.csv']);
  }, 120_000);
});
