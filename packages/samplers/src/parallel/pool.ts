import { proxy, wrap, type Remote } from 'comlink';
import { startChainWorker } from '#platform';
import type { ChainResult } from '../chain.js';
import { DrawRecorder } from '../recorder.js';
import { ChainError } from '../errors.js';
import type { ChainConfig, RunPlan } from '../options.js';
import type { ChainWorkerHandle } from '../platform/types.js';
import type { DrawBatch, DrawsCallback, ModelSource, Phase } from '../types.js';
import type { WorkerApi } from './worker-api.js';

export interface PoolHooks {
  onProgress: (chain: number, iteration: number, total: number, phase: Phase) => void;
  stopFlag: Int32Array;
  /** Registers a listener called once when the run is asked to stop. */
  onStop: (listener: () => void) => void;
  /** Draw batches of the chains, when the run asked for them. */
  onDraws?: DrawsCallback;
}

/**
 * A chain polls the stop flag after every iteration; one that has not returned this long after a
 * stop is stuck inside the log density (a user density in an endless loop) and its worker is ended.
 */
export const STOP_GRACE_MS = 1000;

/** What a chain whose worker was ended holds: nothing, marked incomplete. */
function abandonedChain(chain: number, dimension: number, config: ChainConfig): ChainResult {
  const empty = new DrawRecorder(0, dimension).result();
  return {
    chain,
    dimension,
    draws: empty.draws,
    stats: empty.stats,
    warmupDraws: empty.draws,
    warmupStats: empty.stats,
    stepSize: config.stepSize,
    metric: config.metric,
    inverseMetric: new Float64Array(config.metric === 'diag' ? dimension : dimension * dimension).fill(1),
    gradientEvaluations: { warmup: 0, sampling: 0 },
    seconds: { warmup: 0, sampling: 0 },
    incomplete: true,
  };
}

/** Resolves `ms` after `start` resolves; cancel() clears the timer so a finished run does not wait on it. */
function afterGrace(start: Promise<void>, ms: number): { done: Promise<'stuck'>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const done = new Promise<'stuck'>((resolve) => {
    start.then(() => {
      if (!cancelled) timer = setTimeout(() => resolve('stuck'), ms);
    });
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/**
 * One worker (a worker thread on Node, a Web Worker in a browser: see platform/); its death rejects
 * whatever chain it is running.
 */
class ChainWorker {
  private readonly handle: ChainWorkerHandle;
  private readonly api: Remote<WorkerApi>;
  private readonly death: Promise<never>;
  /** The model's dimension, known once loaded. */
  dimension = 0;
  /** Ended because a chain ignored a stop; takes no more chains. */
  abandoned = false;

  constructor(source: ModelSource) {
    this.handle = startChainWorker(source);
    this.api = wrap<WorkerApi>(this.handle.endpoint);
    this.death = this.handle.death;
    // Nobody may be waiting when the worker dies (between chains, or while shutting down).
    this.death.catch(() => {});
  }

  /** Resolves once the worker is up and has built the model. */
  async load(source: ModelSource): Promise<void> {
    this.dimension = await Promise.race([this.api.load(source) as Promise<number>, this.death]);
  }

  async run(plan: RunPlan, chain: number, hooks: PoolHooks, stopRequested: Promise<void>): Promise<ChainResult> {
    const onProgress = proxy((iteration: number, total: number, phase: Phase) =>
      hooks.onProgress(chain, iteration, total, phase),
    );
    const { onDraws: receive } = hooks;
    const onDraws = receive && proxy((batch: DrawBatch) => receive(batch));
    const grace = afterGrace(stopRequested, STOP_GRACE_MS);
    try {
      const result = await Promise.race([
        this.api.runChain(plan.config, chain, plan.inits[chain], hooks.stopFlag, onProgress, onDraws) as Promise<ChainResult>,
        this.death,
        grace.done,
      ]);
      if (result !== 'stuck') return result;
      this.abandoned = true;
      await this.terminate();
      return abandonedChain(chain, this.dimension, plan.config);
    } catch (error) {
      throw new ChainError(chain, error);
    } finally {
      grace.cancel();
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
  const stopRequested = new Promise<void>((resolve) => hooks.onStop(resolve));
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
  const runLane = async (lane: ChainLane, worker?: ChainWorker): Promise<void> => {
    for (let chain = take(); chain !== null && !worker?.abandoned; chain = take()) results[chain] = await lane(chain);
  };
  const workerLane = async (worker: ChainWorker): Promise<void> => {
    const loading = worker.load(portable).then(() => true);
    loading.catch(() => {}); // may fail after every chain is taken: nobody needs it then
    const ready = await Promise.race([loading, everyChainTaken.then(() => false)]).catch((error: unknown) => {
      const chain = take();
      if (chain !== null) throw new ChainError(chain, error);
      return false;
    });
    if (ready) await runLane((chain) => worker.run(plan, chain, hooks, stopRequested), worker);
  };
  try {
    await Promise.all([...(local ? [runLane(local)] : []), ...workers.map(workerLane)]);
    // Chains no lane took because every worker lane was ended after a stop: they hold nothing.
    const dimension = results.find((r) => r !== undefined)?.dimension ?? Math.max(...workers.map((w) => w.dimension));
    for (let chain = 0; chain < plan.chains; chain++) results[chain] ??= abandonedChain(chain, dimension, plan.config);
    return results;
  } catch (error) {
    // Let the other lanes' chains stop quickly; workers are terminated below anyway.
    Atomics.store(hooks.stopFlag, 0, 1);
    throw error;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
