/** A chain worker on Node: a worker thread serving the WorkerApi over its parent port. */
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createWorkerApi } from './worker-api.js';

export type { WorkerApi } from './worker-api.js';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
expose(createWorkerApi(), nodeEndpoint(parentPort));
