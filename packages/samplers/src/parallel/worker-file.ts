import type { WorkerOptions } from 'node:worker_threads';

/**
 * Which file a chain's worker thread starts from, decided by where this code itself runs:
 *
 * - From TypeScript source (tsx, vitest, examples) this module is worker-file.ts: the worker starts
 *   from worker-entry.mjs, which registers tsx and then imports worker.ts (a worker does not inherit
 *   the parent's loader).
 * - From a bundle (packages/strata/dist/cli.mjs) this code is inside a .mjs file, and the build writes
 *   the worker bundle next to it under WORKER_BUNDLE_FILE: no tsx, one file to load.
 *
 * The samplers only name the file; what it contains (this package's worker.ts plus whatever module
 * rebuilds the model) is up to whoever builds the bundle (packages/strata/build/bundle.mjs).
 */

/** The worker bundle's file name, next to the bundle that contains this code. */
export const WORKER_BUNDLE_FILE = 'worker.mjs';

/** True when this code was loaded from a bundle rather than from its .ts source. */
export const RUNNING_FROM_BUNDLE = !import.meta.url.endsWith('.ts');

/**
 * The file a chain worker is started from, given the URL of the code that starts it, and its options.
 * A bundled worker gets an empty execArgv instead of inheriting the parent's: a loader there
 * (`node --import tsx script.ts` importing the bundle) would load tsx for nothing and give back most
 * of the start-up the bundle saves, and some flags (--input-type) make a worker fail to start.
 */
export function workerStart(codeUrl: string = import.meta.url): { file: URL; options: WorkerOptions } {
  if (codeUrl.endsWith('.ts')) return { file: new URL('./worker-entry.mjs', codeUrl), options: {} };
  return { file: new URL(`./${WORKER_BUNDLE_FILE}`, codeUrl), options: { execArgv: [] } };
}
