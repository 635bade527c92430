/**
 * The root `prepare` script (run by `pnpm install`): builds the CLI and worker bundles, so the first
 * `pnpm -s strata ...` starts at once, and every package's lib/ (packages.mjs: what `pnpm pack` ships). Always rebuilds: installing may have changed dependencies that
 * get bundled. A failure fails the install with a one-line message.
 */
import { relative } from 'node:path';
import { BundleError, DEFAULT_OUT_DIR, ensureBundles, REPO_ROOT } from './bundle.mjs';
import { buildPackages } from './packages.mjs';

try {
  const { seconds } = await ensureBundles({ force: true });
  process.stdout.write(`strata: built the CLI and worker bundles in ${relative(REPO_ROOT, DEFAULT_OUT_DIR)} (${seconds.toFixed(1)} s)\n`);
  const packageSeconds = await buildPackages();
  process.stdout.write(`strata: built packages/*/lib for installing elsewhere (${packageSeconds.toFixed(1)} s)\n`);
} catch (error) {
  process.stderr.write(`strata: ${error instanceof BundleError ? error.message : String(error?.message ?? error)}\n`);
  process.exitCode = 1;
}
