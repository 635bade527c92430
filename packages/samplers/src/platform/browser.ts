/**
 * The samplers in a browser: chains in module Web Workers (the same comlink WorkerApi as Node's
 * worker threads), no terminal bars, MessageChannel yields (setTimeout is clamped to >= 4 ms there).
 *
 * A browser cannot start a worker from a package name, so ModelSource.module is the worker script
 * itself: a module that runs the samplers' browser worker (`import '@strata/samplers/worker'`) and
 * exports the model factory. The worker then imports that same module (already loaded) for the factory.
 */
import type { Endpoint } from 'comlink';
import type { ModelSource } from '../types.js';
import type { ChainWorkerHandle, ProgressBars } from './types.js';

/** The few Web Worker members used here (the package is type-checked without the DOM library). */
interface WebWorker {
  terminate(): void;
  onerror: ((event: { message?: string }) => void) | null;
}
interface BrowserGlobals {
  Worker: new (url: string | URL, options: { type: 'module'; name?: string }) => WebWorker;
  navigator?: { hardwareConcurrency?: number };
  MessageChannel: new () => { port1: { onmessage: (() => void) | null; close(): void }; port2: { postMessage(value: unknown): void; close(): void } };
}
const web = globalThis as unknown as BrowserGlobals;

export const availableCores = (): number => Math.max(1, web.navigator?.hardwareConcurrency ?? 1);

export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new web.MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** No terminal in a page: progress goes to onProgress only. */
export const barsWanted = (explicit: boolean | undefined): boolean => explicit ?? false;

export function terminalBars(_chains: number, _total: number): ProgressBars {
  throw new Error('progressBar: true needs a terminal (Node); in a browser use onProgress');
}

/** Any absolute URL the page can load a module worker from (http(s), blob). */
export function checkModelUrl(module: string): void {
  if (!URL.canParse(module)) throw new Error(`ModelSource.module must be an absolute URL of a worker module, got '${module}'`);
}

let workerCount = 0;

/** A module Web Worker started from source.module (see above). */
export function startChainWorker(source: ModelSource): ChainWorkerHandle {
  const worker = new web.Worker(source.module, { type: 'module', name: `strata-chain-${workerCount++}` });
  const death = new Promise<never>((_, reject) => {
    worker.onerror = (event) => reject(new Error(`worker crashed: ${event.message ?? `could not load ${source.module}`}`));
  });
  return {
    endpoint: worker as unknown as Endpoint, // a Web Worker is comlink's native endpoint
    death,
    async terminate() {
      worker.terminate();
    },
  };
}
