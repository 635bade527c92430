/**
 * The prebuilt bundles `pnpm -s strata` runs from: what they are built from, whether they are stale,
 * and how to build them. The launcher (bin/strata.mjs), the install step (prepare.mjs), the bench and
 * the tests all go through this one module, so they agree on what "fresh" means.
 *
 * - cli.mjs: the command line (src/bundle/cli.ts). Loading one file of plain JavaScript costs
 *   ~0.1 s; the same code through tsx costs ~1 s (tsx's loader hooks run on their own thread and every
 *   import is a round trip to it), and bundled code also runs faster per gradient.
 * - worker.mjs: what a chain's worker thread runs when the main thread runs from a bundle
 *   (src/bundle/worker.ts): the samplers' worker and the function that rebuilds a model from its JSON
 *   form. The samplers look for it next to the bundle that contains them (WORKER_BUNDLE_FILE).
 *
 * Plain JavaScript, and esbuild is imported only when a build is due: checking costs a few ms.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './staleness.mjs';
import { versionsDefine } from './versions.mjs';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Inside packages/strata, so that anything left external resolves from its node_modules. */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Output file name -> entry point (relative to the repository root). */
export const BUNDLES = Object.freeze({
  'cli.mjs': 'packages/strata/src/bundle/cli.ts',
  'worker.mjs': 'packages/strata/src/bundle/worker.ts',
  // a local pool's worker process (src/jobs/local-pool.ts forks it when running from the bundle)
  'pool-child.mjs': 'packages/strata/src/jobs/pool-child.ts',
  // `strata power --plot`, imported only then (it needs vega, which stays in node_modules)
  'power-plot.mjs': 'packages/strata/src/power/plot.ts',
});

/** Failure to build, with a one-line message: esbuild is not installed, or the source does not build. */
export class BundleError extends Error {
  /**
   * @param {'ESBUILD_MISSING' | 'BUILD_FAILED'} code
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(code, message, cause) {
    super(message, { cause });
    this.name = 'BundleError';
    this.code = code;
  }
}

/** The files a build writes into `outDir` (source maps aside). */
export function bundleFiles(outDir = DEFAULT_OUT_DIR) {
  return Object.keys(BUNDLES).map((file) => join(outDir, file));
}

/**
 * Everything a bundle is built from: every package's src/ and package.json, the lockfile (a
 * dependency upgrade changes what gets bundled), the TypeScript configs esbuild reads, and this
 * build code itself.
 */
export function bundleInputs(root = REPO_ROOT) {
  const packages = join(root, 'packages');
  const inputs = [join(root, 'pnpm-lock.yaml'), join(root, 'tsconfig.json'), join(root, 'tsconfig.base.json'), join(packages, 'strata/build')];
  for (const name of readdirSync(packages)) inputs.push(join(packages, name, 'src'), join(packages, name, 'package.json'));
  return inputs;
}

/**
 * Builds every bundle into `outDir`. Files are written under temporary names and renamed into place,
 * so a process that loads the bundle meanwhile sees the old file or the new one, never half of one;
 * they are dated from the start of the build, so a source saved during it leaves them stale.
 * @returns {Promise<number>} seconds taken
 */
export async function buildBundles(outDir = DEFAULT_OUT_DIR) {
  const started = Date.now();
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new BundleError('ESBUILD_MISSING', 'esbuild is not installed (run pnpm install)', error);
  }
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: Object.entries(BUNDLES).map(([file, entry]) => ({ in: entry, out: file.replace(/\.mjs$/, '') })),
      outdir: outDir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      // Not minified: loading it measured no faster (~85 ms CPU either way) and stack traces stay readable.
      sourcemap: 'linked',
      sourcesContent: false,
      legalComments: 'none', // @stdlib's licence header in every file: ~100 KB of the text
      logLevel: 'silent',
      define: versionsDefine(),
      // Only plots need vega, and the CLI and workers never draw: left to node_modules (packages/strata's).
      // bullmq (and its Redis client) likewise: only `--queue` and `strata worker` load it.
      external: ['vega', 'vega-lite', 'bullmq', 'ioredis'],
      // Bundled CommonJS (cli-progress, @stdlib) calls require() for Node's built-ins; ESM has none.
      banner: { js: "import { createRequire as __strataCreateRequire } from 'node:module'; const require = __strataCreateRequire(import.meta.url);" },
    });
  } catch (error) {
    const first = error?.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new BundleError('BUILD_FAILED', `building the bundles failed: ${where}${first?.text ?? String(error?.message ?? error)}`, error);
  } finally {
    // the build service is a child process: do not leave it idling for the rest of a fit
    await esbuild.stop?.();
  }
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date(started);
  for (const { path, contents } of result.outputFiles) {
    const temporary = `${path}.${process.pid}.tmp`;
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(temporary, contents);
      utimesSync(temporary, stamp, stamp);
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
  return (Date.now() - started) / 1000;
}

/**
 * Builds the bundles when one is missing or older than a source (or always, with force).
 * @param {{ outDir?: string, inputs?: readonly string[], force?: boolean }} [options]
 * @returns {Promise<{ built: boolean, reason: string | null, seconds: number }>}
 */
export async function ensureBundles({ outDir = DEFAULT_OUT_DIR, inputs = bundleInputs(), force = false } = {}) {
  const reason = force ? 'forced' : staleReason(bundleFiles(outDir), inputs);
  if (reason === null) return { built: false, reason: null, seconds: 0 };
  const seconds = await buildBundles(outDir);
  return { built: true, reason: reason.replaceAll(REPO_ROOT, ''), seconds };
}
