/** Running the built CLI (packages/strata/bin/strata.mjs) as a child process, for signal and file tests. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
export const launcher = join(root, 'packages/strata/bin/strata.mjs');
/** Bundles built once per test file into a temporary folder, so packages/strata/dist is not touched. */
const bundleDir = mkdtempSync(join(tmpdir(), 'strata-nl-bundle-'));
export const env = { ...process.env, STRATA_BUNDLE_DIR: bundleDir, CI: '1' };

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Builds the bundles (the first launch does) so later runs start in a fraction of a second. */
export function buildBundles(): void {
  const r = spawnSync(process.execPath, [launcher, 'help'], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`strata help failed: ${r.stderr}`);
}

export function runCli(args: string[]): Finished {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Starts the CLI; `when(pattern)` resolves once stderr matches; `done` when the process ends. */
export function startCli(args: string[]) {
  const child = spawn(process.execPath, [launcher, ...args], { cwd: root, env });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (b) => (out += String(b)));
  child.stderr.on('data', (b) => {
    err += String(b);
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(err)) w.resolve();
      else waiters.push(w);
    }
  });
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return {
    child,
    done,
    when: (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(err) ? resolve() : waiters.push({ pattern, resolve }))),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A folder with a tiny model (y ~ x, 12 rows) and its data. */
export function tinyProject(): { dir: string; spec: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), 'strata-nl-'));
  const spec = join(dir, 'model.json');
  const data = join(dir, 'data.csv');
  writeFileSync(spec, JSON.stringify({ formula: 'y ~ x', family: 'gaussian' }));
  const rows = Array.from({ length: 12 }, (_, i) => `${(1 + 0.5 * i + Math.sin(i * 7)).toFixed(3)},${i}`);
  writeFileSync(data, `y,x\n${rows.join('\n')}\n`);
  return { dir, spec, data };
}
