/** Test helpers: a private redis-server on a free local port, and the CLI run from source as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher `pnpm -s strata` runs: the prebuilt bundle (call ensureCliBundle first), whose pool children start in ~0.1 s rather than through tsx. */
export const LAUNCHER = fileURLToPath(new URL('../../bin/strata.mjs', import.meta.url));

/** Builds packages/strata/dist when stale, once, before processes start from it. */
export async function ensureCliBundle(): Promise<void> {
  const { ensureBundles, DEFAULT_OUT_DIR } = await import('../../build/bundle.mjs');
  await ensureBundles({ outDir: DEFAULT_OUT_DIR });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Redis {
  url: string;
  stop(): Promise<void>;
}

/** Starts redis-server without persistence in a temporary directory; stop() ends it and removes the directory. */
export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'strata-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => proc.kill('SIGKILL');
  process.once('exit', kill);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    proc.once('error', reject);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.removeListener('exit', kill);
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Cli {
  proc: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves once stderr matches. */
  waitFor(pattern: RegExp): Promise<void>;
}

/** `strata <args>` through the launcher (from the bundle). */
export function runCli(args: string[]): Cli {
  const proc = spawn(process.execPath, [LAUNCHER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  proc.stderr!.on('data', (d) => {
    err += d;
    for (const w of waiters.splice(0)) (w.pattern.test(err) ? w.resolve : () => waiters.push(w))();
  });
  proc.stdout!.on('data', (d) => (out += d));
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const kill = () => proc.kill('SIGKILL');
  process.once('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));
  return {
    proc,
    stderr: () => err,
    stdout: () => out,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(err)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then((c) => reject(new Error(`strata ${args[0]} exited (${c}) before ${pattern}: ${err}`)));
      }),
  };
}
