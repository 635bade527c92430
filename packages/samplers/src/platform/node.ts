/** The samplers on Node: worker_threads for chains, cli-progress bars on stderr, setImmediate yields. */
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describeError } from '../errors.js';
import { workerStart } from '../parallel/worker-file.js';
import type { ModelSource } from '../types.js';
import type { ChainWorkerHandle } from './types.js';

export { terminalBars } from './node-progress.js';

export const availableCores = (): number => availableParallelism();

/** Gives the event loop a turn (abort events, messages), after I/O callbacks and before timers. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Bars are for people watching a terminal: off in CI and when stderr is redirected. */
export function barsWanted(explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/** A worker imports its model by URL; on Node only a file: URL names one unambiguously. */
export function checkModelUrl(module: string): void {
  if (!module.startsWith('file:')) throw new Error(`ModelSource.module must be an absolute file: URL, got '${module}'`);
}

// From source: worker-entry.mjs (tsx, then worker.ts); from a bundle: the worker bundle next to it.
const WORKER = workerStart();

/** A worker thread running the samplers' worker (parallel/worker.ts); it imports source.module itself. */
export function startChainWorker(_source: ModelSource): ChainWorkerHandle {
  const worker = new Worker(WORKER.file, WORKER.options);
  let terminating = false;
  const death = new Promise<never>((_, reject) => {
    worker.once('error', (error) => reject(new Error(`worker crashed: ${describeError(error)}`, { cause: error })));
    worker.once('exit', (code) => {
      if (!terminating) reject(new Error(`worker exited unexpectedly with code ${code}`));
    });
  });
  return {
    endpoint: nodeEndpoint(worker),
    death,
    async terminate() {
      terminating = true;
      await worker.terminate();
    },
  };
}
