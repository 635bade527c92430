import { proxy, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import type { ChainResult } from '../chain.js';
import { ChainError, describeError } from '../errors.js';
import type { RunPlan } from '../options.js';
import type { ModelSource, Phase } from '../types.js';
import type { WorkerApi } from './worker.js';
import { workerStart } from './worker-file.js';

// From source: worker-entry.mjs (tsx, then worker.ts); from a bundle: the worker bundle next to it.
const WORKER = workerStart();

export interface PoolHooks {
  onProgress: (chain: number, iteration: number, total: number, phase: Phase) => void;
  stopFlag: Int32Array;
}

/** One worker thread; its death (error or exit) rejects whatever chain it is running. */
class ChainWorker {
  private readonly worker: Worker;
  private readonly api: Remote<WorkerApi>;
  private death: Promise<never>;
  private terminating = false;

  constructor() {
    this.worker = new Worker(WORKER.file, WORKER.options);
    this.api = wrap<WorkerApi>(nodeEndpoint(this.worker));
    this.death = new Promise<never>((_, reject) => {
      this.worker.once('error', (error) => reject(new Error(`worker crashed: ${describeError(error)}`, { cause: error })));
      this.worker.once('exit', (code) => {
        if (!this.terminating) reject(new Error(`worker exited unexpectedly with code ${code}`));
      });
    });
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

  async terminate(): Promise<void> {
    this.terminating = true;
    await this.worker.terminate();
  }
}

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
  const workers = Array.from({ length: local ? plan.parallel - 1 : plan.parallel }, () => new ChainWorker());
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
