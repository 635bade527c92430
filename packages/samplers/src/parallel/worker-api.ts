import { transfer } from 'comlink';
import { runChain, type ChainResult } from '../chain.js';
import type { ChainConfig } from '../options.js';
import type { DrawBatch, LogDensity, ModelSource, Phase } from '../types.js';
import { loadModel } from './load-model.js';

/**
 * What the main thread calls on a worker (through comlink): load the model once, then run chains on
 * it. The same protocol for Node's worker threads (worker.ts) and browser Web Workers (web-worker.ts).
 */
export interface WorkerApi {
  /** Builds the model; resolving (with its dimension) also tells the main thread this worker is up. */
  load(source: ModelSource): Promise<number>;
  runChain(
    config: ChainConfig,
    chain: number,
    init: Float64Array | undefined,
    /** Shared flag: non-zero asks the chain to stop and return what it has. */
    stopFlag: Int32Array,
    onProgress: (iteration: number, total: number, phase: Phase) => unknown,
    /** The chain's draw batches (RunOptions.onDraws), when the run asked for them. */
    onDraws?: (batch: DrawBatch) => unknown,
  ): Promise<ChainResult>;
  /**
   * Stops the running chain at its next yield (every ~20 ms): for when stopFlag could not be shared
   * (a page without SharedArrayBuffer gets a copy of the flag).
   */
  stop(): void;
}

/** A batch's arrays are its own copies: moved to the main thread, not copied again. */
function batchBuffers(batch: DrawBatch): ArrayBuffer[] {
  const arrays = [batch.draws, ...Object.values(batch.stats), ...(batch.adaptation ? [batch.adaptation.inverseMetric] : [])];
  return arrays.map((a) => a.buffer as ArrayBuffer);
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

/** The API a worker exposes; one model per worker (a worker serves one run). */
export function createWorkerApi(): WorkerApi {
  // Rebuilt once, not per chain, so its generated code stays warm from one chain to the next.
  let model: LogDensity | null = null;
  let stopped = false;
  return {
    async load(source) {
      model = await loadModel(source);
      return model.dimension;
    },
    async runChain(config, chain, init, stopFlag, onProgress, onDraws) {
      if (model === null) throw new Error('internal: runChain before load');
      // Batches go out without waiting; the result is sent only once the main thread has taken the
      // last one (a proxy's replies come in order), so a run never resolves before its draws arrived.
      let delivered: Promise<unknown> = Promise.resolve();
      const result = await runChain(model, config, chain, init, {
        shouldStop: () => stopped || Atomics.load(stopFlag, 0) !== 0,
        // Fire and forget: the main thread's answer (or its error) is of no use here.
        onProgress: (iteration, total, phase) => {
          Promise.resolve(onProgress(iteration, total, phase)).catch(() => {});
        },
        ...(onDraws && {
          onDraws: (batch: DrawBatch) => {
            delivered = Promise.resolve(onDraws(transfer(batch, batchBuffers(batch)))).catch(() => {});
          },
        }),
      });
      await delivered;
      return transfer(result, buffersOf(result));
    },
    stop() {
      stopped = true;
    },
  };
}
