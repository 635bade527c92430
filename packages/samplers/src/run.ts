import { runChain, type ChainHooks, type ChainResult } from './chain.js';
import { ChainError, describeError } from './errors.js';
import { planRun, type ChainConfig, type RunOptions, type RunPlan } from './options.js';
import { isModelSource, loadModel } from './parallel/load-model.js';
import { runInWorkers } from './parallel/pool.js';
import { barsWanted, createProgressReporter, type ProgressReporter } from './progress.js';
import type { DrawsCallback, LogDensity, ModelSource } from './types.js';

export interface RunResult {
  /** One entry per chain, in chain order. */
  chains: ChainResult[];
  /** The seed used (the one given, or the random one drawn). */
  seed: number;
  /** True when cancelled before every chain finished. */
  incomplete: boolean;
  /** The validated settings every chain ran with. */
  config: ChainConfig;
}

/**
 * Runs MCMC chains on a model. An in-memory LogDensity runs in this thread, chain after chain. A
 * ModelSource runs on `parallel` worker threads (or in this thread with parallel: 1); for the
 * same seed every mode gives bit-identical draws.
 */
export async function runChains(target: LogDensity | ModelSource, options: RunOptions = {}): Promise<RunResult> {
  const source = isModelSource(target) ? target : null;
  if (!source) assertLogDensity(target);
  else if (source.local !== undefined) assertLogDensity(source.local, 'ModelSource.local');
  const plan = planRun(options, source === null);
  const total = plan.config.warmup + plan.config.draws;

  // A shared flag rather than messages: a worker busy in a chain sees it without yielding.
  // (A page without cross-origin isolation has no SharedArrayBuffer: workers are then told by message.)
  const stopFlag = new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  const stopListeners: (() => void)[] = [];
  const stop = () => {
    if (Atomics.exchange(stopFlag, 0, 1) === 0) stopListeners.forEach((listener) => listener());
  };
  const { signal } = options;
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop);

  // A throwing progress callback fails the run (after the chains stop), whichever thread asked.
  let callbackError: unknown = null;
  const userCallback = options.onProgress;
  const reporter = createProgressReporter(
    plan.chains,
    total,
    userCallback &&
      ((chain, iteration, totalIterations, phase) => {
        if (callbackError !== null) return;
        try {
          userCallback(chain, iteration, totalIterations, phase);
        } catch (error) {
          callbackError = error;
          stop();
        }
      }),
    barsWanted(options.progressBar),
  );
  // The same for onDraws: a throw stops the run, which then rejects naming the callback.
  let drawsError: unknown = null;
  const userDraws = options.onDraws;
  const onDraws: DrawsCallback | undefined =
    userDraws &&
    ((batch) => {
      if (drawsError !== null || callbackError !== null) return;
      try {
        userDraws(batch);
      } catch (error) {
        drawsError = error;
        stop();
      }
    });
  const hooks: LocalHooks = { stopFlag, reporter, ...(onDraws && { onDraws }) };

  try {
    const local = source?.local;
    const chains =
      plan.parallel > 1 && source
        ? await runInWorkers(
            source,
            plan,
            { stopFlag, onProgress: reporter.report, onStop: (listener) => stopListeners.push(listener), ...(onDraws && { onDraws }) },
            local ? (chain) => runLocalChain(local, plan, chain, hooks) : undefined,
          )
        : await runInProcess(local ?? source ?? (target as LogDensity), plan, hooks);
    if (callbackError !== null) {
      throw new Error(`onProgress threw: ${describeError(callbackError)}`, { cause: callbackError });
    }
    if (drawsError !== null) {
      throw new Error(`onDraws threw: ${describeError(drawsError)}`, { cause: drawsError });
    }
    return {
      chains,
      seed: plan.config.seed,
      incomplete: chains.some((c) => c.incomplete),
      config: plan.config,
    };
  } finally {
    signal?.removeEventListener('abort', stop);
    reporter.stop();
  }
}

/** What a chain run in this thread reports to. */
interface LocalHooks {
  stopFlag: Int32Array;
  reporter: ProgressReporter;
  onDraws?: DrawsCallback;
}

function chainHooks(chain: number, { stopFlag, reporter, onDraws }: LocalHooks): ChainHooks {
  return {
    shouldStop: () => Atomics.load(stopFlag, 0) !== 0,
    onProgress: (iteration, total, phase) => reporter.report(chain, iteration, total, phase),
    ...(onDraws && { onDraws }),
  };
}

/** One chain in this thread, with errors naming the chain. */
async function runLocalChain(model: LogDensity, plan: RunPlan, chain: number, hooks: LocalHooks): Promise<ChainResult> {
  try {
    return await runChain(model, plan.config, chain, plan.inits[chain], chainHooks(chain, hooks));
  } catch (error) {
    throw new ChainError(chain, error);
  }
}

async function runInProcess(target: LogDensity | ModelSource, plan: RunPlan, hooks: LocalHooks): Promise<ChainResult[]> {
  const results: ChainResult[] = [];
  for (let chain = 0; chain < plan.chains; chain++) {
    try {
      const model = isModelSource(target) ? await loadModel(target) : target;
      results.push(await runChain(model, plan.config, chain, plan.inits[chain], chainHooks(chain, hooks)));
    } catch (error) {
      throw new ChainError(chain, error);
    }
  }
  return results;
}

function assertLogDensity(target: unknown, what?: string): asserts target is LogDensity {
  const t = target as Partial<LogDensity> | null;
  if (typeof t !== 'object' || t === null || typeof t.logDensityGradient !== 'function' || typeof t.dimension !== 'number') {
    throw new TypeError(
      what
        ? `runChains: ${what} must be a LogDensity ({ dimension, logDensityGradient }) built from the same model`
        : 'runChains: target must be a LogDensity ({ dimension, logDensityGradient }) or a ModelSource ({ module, exportName, payload })',
    );
  }
}
