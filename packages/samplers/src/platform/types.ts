/**
 * What the samplers need from the machine they run on, so that the rest of the package is plain
 * ECMAScript: Node (worker_threads, cli-progress bars on stderr) and the browser (Web Workers, no
 * terminal) each implement it once, in node.ts and browser.ts. Which one loads is decided by the
 * package's `#platform` import (package.json "imports": the `browser` condition picks browser.ts).
 */
import type { Endpoint } from 'comlink';
import type { Phase } from '../types.js';

/** A started chain worker: the comlink endpoint to its WorkerApi, and a promise rejected when it dies. */
export interface ChainWorkerHandle {
  endpoint: Endpoint;
  /** Rejects on a crash or an exit nobody asked for; never resolves. */
  death: Promise<never>;
  terminate(): Promise<void>;
}

/** Terminal progress bars, one per chain. */
export interface ProgressBars {
  update(chain: number, iteration: number, phase: Phase): void;
  stop(): void;
}
