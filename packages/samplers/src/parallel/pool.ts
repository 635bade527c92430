import { proxy, wrap, type Remote } from 'comlink';
import { startChainWorker } from '#platform';
import type { ChainResult } from '../chain.js';
import { ChainError } from '../errors.js';
import type { RunPlan } from '../options.js';
import type { ChainWorkerHandle } from '../platform/types.js';
import type { ModelSource, Phase } from '../types.js';
import type { WorkerApi } from './worker-api.js';

export interface PoolHooks {
  onProgress: (chain: number, iteration: number, total: number, phase: Phase) => void;
  stopFlag: Int32Array;
  /** Registers a listener called once when the run is asked to stop. */
  onStop: (listener: () => void) => void;
}

/**
 * One worker (a worker thread on Node, a Web Worker in a browser: see platform/); its death rejects
 * whatever chain it is running.
 */
class ChainWorker {
  private readonly handle: ChainWorkerHandle;
  private readonly api: Remote<WorkerApi>;
  private readonly death: Promise<never>;

  constructor(source: ModelSource) {
    this.handle = startChainWorker(source);
    this.api = wrap<WorkerApi>(this.handle.endpoint);
    this.death = this.handle.death;
    // Nobody may be waiting when the worker dies (between chains, or while shutting down).
    this.death.catch(() => {});
  }

  /** Resolves once the worker is up and has built the model. */
  load(source: ModelSource): Promise<void> {
    return Promise.race([this.api.load(source) as Promise<void>, this.death]);
  }

  async run(plan: RunPlan, chain: number, hooks: PoolHooks): Promise<ChainResult> {
    const onProgress = proxy((iteration: number, total: number, phase: Phase) =>
      hooks.onProgress(chain, iteration, total, phase),
    );
    try {
      return await Promise.race([
        this.api.runChain(plan.config, chain, plan.inits[chain], hooks.stopFlag, onProgress) as Promise<ChainResult>,
        this.death,
      ]);
    } catch (error) {
      throw new ChainError(chain, error);
    }
  }

  /** Asks a running chain to stop, for when stopFlag is not shared memory (a page without cross-origin isolation). */
  requestStop(): void {
    (this.api.stop() as Promise<void>).catch(() => {});
  }

  terminate(): Promise<void> {
    return this.handle.terminate();
  }
}

// Without cross-origin isolation a page has no SharedArrayBuffer: the flag is then copied, not shared.
const SharedArrayBufferOrNone: { new (length: number): ArrayBufferLike } = globalThis.SharedArrayBuffer ?? class {};

/** Runs one chain somewhere (a worker, or this thread). */
export type ChainLane = (chain: number) => Promise<ChainResult>;

/**
 * Runs the chains of a plan on plan.parallel lanes, each taking the next chain when it is free:
 * worker threads, and this thread as one lane when `local` is given (then plan.parallel - 1
 * workers). A worker lane takes chains only once its worker is up and has built the model, so this
 * thread never waits on a start-up while chains remain: on a small model it may run them all, and
 * workers still starting are then just terminated. The first failure rejects the run; every worker
 * is terminated in all cases.
 */
export async function runInWorkers(source: ModelSource, plan: RunPlan, hooks: PoolHooks, local?: ChainLane): Promise<ChainResult[]> {
  // only the rebuildable part crosses to a worker (the local model holds functions)
  const portable: ModelSource = { module: source.module, exportName: source.exportName, payload: source.payload };
  const workers = Array.from({ length: local ? plan.parallel - 1 : plan.parallel }, () => new ChainWorker(portable));
  if (!(hooks.stopFlag.buffer instanceof SharedArrayBufferOrNone)) hooks.onStop(() => workers.forEach((w) => w.requestStop()));
  const results = new Array<ChainResult>(plan.chains);
  let next = 0;
  let allTaken!: () => void;
  const everyChainTaken = new Promise<void>((resolve) => (allTaken = resolve));
  const take = (): number | null => {
    if (next >= plan.chains) return null;
    const chain = next++;
    if (next === plan.chains) allTaken();
    return chain;
  };
  const runLane = async (lane: ChainLane): Promise<void> => {
    for (let chain = take(); chain !== null; chain = take()) results[chain] = await lane(chain);
  };
  const workerLane = async (worker: ChainWorker): Promise<void> => {
    const loading = worker.load(portable).then(() => true);
    loading.catch(() => {}); // may fail after every chain is taken: nobody needs it then
    const ready = await Promise.race([loading, everyChainTaken.then(() => false)]).catch((error: unknown) => {
      const chain = take();
      if (chain !== null) throw new ChainError(chain, error);
      return false;
    });
    if (ready) await runLane((chain) => worker.run(plan, chain, hooks));
  };
  try {
    await Promise.all([...(local ? [runLane(local)] : []), ...workers.map(workerLane)]);
    return results;
  } catch (error) {
    // Let the other lanes' chains stop quickly; workers are terminated below anyway.
    Atomics.store(hooks.stopFlag, 0, 1);
    throw error;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
