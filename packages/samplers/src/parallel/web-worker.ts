/**
 * A chain worker in a browser: a module Web Worker serving the same WorkerApi as Node's worker
 * threads, on its global scope (comlink's default endpoint). Imported by the worker script that
 * ModelSource.module names (see platform/browser.ts).
 */
import { expose } from 'comlink';
import { createWorkerApi } from './worker-api.js';

export type { WorkerApi } from './worker-api.js';

expose(createWorkerApi());
