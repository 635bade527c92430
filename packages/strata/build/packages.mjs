/**
 * Builds the four packages for people who install them (`pnpm build`, and the root `prepare` at
 * `pnpm install`): per package, ESM JavaScript in lib/*.mjs (Node), lib/browser/*.mjs (browser, where the two
 * differ) and .d.ts types in lib/types/. The workspace itself keeps running the TypeScript sources
 * (tsx, vitest); a tarball made by `pnpm pack` gets the lib/ paths from publishConfig.
 *
 * - Every file is .mjs (the samplers' WORKER_BUNDLE_FILE is worker.mjs, and .mjs is ESM wherever it is copied).
 * - Each package is bundled on its own: our relative imports inlined, every package import (ours
 *   and npm's) left as an import, so `@strata/strata` and `@strata/core` share one copy of core.
 * - `#platform` (package.json "imports") is resolved at build time: node.ts for lib/, browser.ts for
 *   lib/browser/.
 * - Workers: the samplers start lib/worker.mjs next to their lib/index.js (WORKER_BUNDLE_FILE), and
 *   strata's ModelSource names strata's lib/worker.mjs (its createLogDensity); in a browser the
 *   worker script is lib/browser/worker.mjs, which is self-contained (a worker cannot resolve
 *   package names).
 * - Browser builds stub node:fs and node:path: the file functions (writeCmdStanCsvFiles, writeSvg,
 *   Fit.writeCmdStanCsv(path)) say they need Node, everything else works.
 *
 * Plain JavaScript: it runs before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleInputs, REPO_ROOT } from './bundle.mjs';
import { staleReason } from './staleness.mjs';
import { versionsDefine } from './versions.mjs';

export const PACKAGE_DIRS = ['core', 'diagnostics', 'samplers', 'strata'];

/** Entry points (relative to the package) -> output names (relative to lib/), per target. */
const ENTRIES = {
  core: { node: { 'src/index.ts': 'index' } },
  diagnostics: { node: { 'src/index.ts': 'index' } },
  samplers: {
    node: { 'src/index.ts': 'index', 'src/parallel/worker.ts': 'worker' },
    browser: { 'src/index.ts': 'browser/index', 'src/parallel/web-worker.ts': 'browser/worker' },
  },
  strata: {
    node: { 'src/index.ts': 'index', 'src/bundle/worker.ts': 'worker', 'src/cli/main.ts': 'cli' },
    browser: { 'src/index.ts': 'browser/index' },
    // self-contained: a Web Worker loads it by URL, where no package name resolves
    browserWorker: { 'src/bundle/worker.ts': 'browser/worker' },
  },
};

/** The files a build writes (for staleness checks). */
export function packageOutputs(root = REPO_ROOT) {
  const outputs = [];
  for (const dir of PACKAGE_DIRS) {
    outputs.push(join(root, 'packages', dir, 'lib/types/index.d.ts'));
    for (const target of Object.values(ENTRIES[dir])) {
      for (const out of Object.values(target)) outputs.push(join(root, 'packages', dir, 'lib', `${out}.mjs`));
    }
  }
  return outputs;
}

/** node: modules in a browser build: each function says it needs Node when called. */
export const NODE_STUB = {
  name: 'strata-node-stub',
  setup(build) {
    // Every node: module a browser build reaches: the same export names as Node's (read from Node
    // itself, so a new import never breaks the build), each throwing when called.
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'strata-node-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'strata-node-stub' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const stub = (n) => `() => { throw new Error("${n}() of ${args.path} is not available in a browser: it needs Node"); }`;
      const body = [...names.map((n) => `export const ${n} = ${stub(n)};`), `export default {};`].join('\n');
      return { contents: body, loader: 'js' };
    });
  },
};

async function esbuildTarget(esbuild, dir, kind, entries) {
  const pkgDir = join(REPO_ROOT, 'packages', dir);
  const browser = kind !== 'node';
  await esbuild.build({
    absWorkingDir: pkgDir,
    entryPoints: Object.entries(entries).map(([entry, out]) => ({ in: entry, out })),
    outdir: join(pkgDir, 'lib'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: browser ? 'browser' : 'node',
    target: browser ? 'es2022' : 'node20',
    ...(kind === 'browserWorker' ? {} : { packages: 'external' }),
    define: versionsDefine(),
    plugins: browser ? [NODE_STUB] : [],
    // no source maps: they would point at src/, which a tarball does not hold
    legalComments: 'none',
    logLevel: 'silent',
    write: true,
  });
}

/** .d.ts for every package in one tsc run (tsconfig.types.json), copied into each lib/types/. */
function buildTypes() {
  const out = mkdtempSync(join(tmpdir(), 'strata-types-'));
  try {
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', join(REPO_ROOT, 'tsconfig.types.json'), '--outDir', out], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tsc (declarations) failed:\n${result.stdout}${result.stderr}`);
    for (const dir of PACKAGE_DIRS) {
      const target = join(REPO_ROOT, 'packages', dir, 'lib/types');
      rmSync(target, { recursive: true, force: true });
      cpSync(join(out, dir, 'src'), target, { recursive: true });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Builds every package's lib/; returns the seconds taken. */
export async function buildPackages() {
  const started = Date.now();
  const esbuild = await import('esbuild');
  try {
    for (const dir of PACKAGE_DIRS) rmSync(join(REPO_ROOT, 'packages', dir, 'lib'), { recursive: true, force: true });
    await Promise.all(
      PACKAGE_DIRS.flatMap((dir) => Object.entries(ENTRIES[dir]).map(([kind, entries]) => esbuildTarget(esbuild, dir, kind, entries))),
    );
  } finally {
    await esbuild.stop?.();
  }
  buildTypes();
  return (Date.now() - started) / 1000;
}

/** Builds when an output is missing or older than a source (bundle.mjs's inputs), or always with force. */
export async function ensurePackages({ force = false } = {}) {
  const reason = force ? 'forced' : staleReason(packageOutputs(), bundleInputs());
  if (reason === null) return { built: false, reason: null, seconds: 0 };
  return { built: true, reason: reason.replaceAll(REPO_ROOT, ''), seconds: await buildPackages() };
}

// `pnpm build` (--force: even when lib/ is fresh)
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { built, reason, seconds } = await ensurePackages({ force: process.argv.includes('--force') });
    process.stdout.write(built ? `strata: built packages/*/lib (${seconds.toFixed(1)} s; ${reason})\n` : 'strata: packages/*/lib is up to date\n');
  } catch (error) {
    process.stderr.write(`strata: building the packages failed: ${error?.errors?.[0]?.text ?? error?.message ?? error}\n`);
    process.exitCode = 1;
  }
}
