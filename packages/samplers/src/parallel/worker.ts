import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { runChain, type ChainResult } from '../chain.js';
import type { ChainConfig } from '../options.js';
import type { ModelSource, Phase } from '../types.js';
import { loadModel } from './load-model.js';

/** What the main thread calls on a worker (through comlink). */
export interface WorkerApi {
  runChain(
    source: ModelSource,
    config: ChainConfig,
    chain: number,
    init: Float64Array | undefined,
    /** Shared flag: non-zero asks the chain to stop and return what it has. */
    stopFlag: Int32Array,
    onProgress: (iteration: number, total: number, phase: Phase) => unknown,
  ): Promise<ChainResult>;
}

function buffersOf(result: ChainResult): ArrayBuffer[] {
  const arrays = [
    result.draws,
    result.warmupDraws,
    result.inverseMetric,
    ...Object.values(result.stats),
    ...Object.values(result.warmupStats),
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}

const api: WorkerApi = {
  async runChain(source, config, chain, init, stopFlag, onProgress) {
    const model = await loadModel(source);
    const result = await runChain(model, config, chain, init, {
      shouldStop: () => Atomics.load(stopFlag, 0) !== 0,
      // Fire and forget: the main thread's answer (or its error) is of no use here.
      onProgress: (iteration, total, phase) => {
        Promise.resolve(onProgress(iteration, total, phase)).catch(() => {});
      },
    });
    return transfer(result, buffersOf(result));
  },
};

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
expose(api, nodeEndpoint(parentPort));
