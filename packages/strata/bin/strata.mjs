#!/usr/bin/env node
/**
 * `pnpm -s strata ...` (the root package.json runs `node packages/strata/bin/strata.mjs`): runs the
 * command line from its prebuilt bundle (dist/cli.mjs, built at install), after rebuilding it if a
 * source is newer, so nobody runs stale code and nothing pays tsx at start-up. Without esbuild it
 * falls back to the TypeScript source through tsx. Plain JavaScript: it runs before anything is built.
 *
 * STRATA_BUNDLE_DIR puts the bundles elsewhere (tests build into a temporary directory).
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { BundleError, DEFAULT_OUT_DIR, ensureBundles } from '../build/bundle.mjs';

const outDir = process.env.STRATA_BUNDLE_DIR || DEFAULT_OUT_DIR;

/** @returns {Promise<{ main: (argv: string[]) => Promise<number> }>} */
async function loadCli() {
  try {
    const { built, reason, seconds } = await ensureBundles({ outDir });
    if (built && process.stderr.isTTY) process.stderr.write(`strata: rebuilt the CLI bundle in ${seconds.toFixed(1)} s (${reason})\n`);
    return await import(pathToFileURL(join(outDir, 'cli.mjs')).href);
  } catch (error) {
    // Without esbuild the source still runs, only slower; a source that does not build would not run either.
    if (!(error instanceof BundleError && error.code === 'ESBUILD_MISSING')) throw error;
    process.stderr.write(`strata: ${error.message}; running from source through tsx (slower start)\n`);
    const { register } = await import('tsx/esm/api');
    register();
    return import('../src/cli/main.ts');
  }
}

try {
  const cli = await loadCli();
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`strata: ${error instanceof BundleError ? error.message : `internal error: ${error?.message ?? String(error)}`}\n`);
  process.exitCode = 70;
}
