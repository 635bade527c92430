import { yieldToEventLoop } from '#platform';
import { WarmupAdapter } from './adaptation/warmup.js';
import { windowSchedule } from './adaptation/window-schedule.js';
import { DensityEvaluator } from './density.js';
import { hmcKernel } from './hmc.js';
import { initialize } from './init.js';
import type { Kernel } from './kernel.js';
import { DenseMetric } from './metric/dense.js';
import { DiagonalMetric } from './metric/diag.js';
import type { Metric } from './metric/metric.js';
import { nutsKernel } from './nuts/transition.js';
import type { ChainConfig } from './options.js';
import { SharedPoint } from './nuts/point-pool.js';
import { DrawStreamer } from './draw-stream.js';
import { DrawRecorder } from './recorder.js';
import { chainRng } from './rng.js';
import { initialStepSize } from './stepsize-heuristic.js';
import type { ChainState, DrawsCallback, LogDensity, MetricKind, Phase, SamplerStats } from './types.js';

/** The outcome of one chain. Draws are kept iterations x dimension, row-major, unconstrained. */
export interface ChainResult {
  chain: number;
  dimension: number;
  draws: Float64Array;
  stats: SamplerStats;
  /** Kept warmup iterations (only with saveWarmup; otherwise empty). */
  warmupDraws: Float64Array;
  warmupStats: SamplerStats;
  /** The step size used for sampling (or the current one if stopped during warmup). */
  stepSize: number;
  metric: MetricKind;
  /** Diagonal (length d) or dense (d x d, row-major) M^-1. */
  inverseMetric: Float64Array;
  /** Gradient evaluations: warmup includes initialisation and the step-size heuristic. */
  gradientEvaluations: { warmup: number; sampling: number };
  seconds: { warmup: number; sampling: number };
  /** True when the run was cancelled before this chain finished. */
  incomplete: boolean;
}

export interface ChainHooks {
  /** iteration counts completed iterations over warmup + draws (1-based), total = warmup + draws. */
  onProgress?: (iteration: number, total: number, phase: Phase) => void;
  /** Polled after every iteration; true stops the chain, which returns what it has. */
  shouldStop?: () => boolean;
  /** Kept sampling draws in batches as they are drawn (see DrawBatch); called in this thread. */
  onDraws?: DrawsCallback;
}

/** How long a chain computes before giving the event loop a turn (abort events, messages). */
const YIELD_EVERY_MS = 20;

function makeKernel(density: DensityEvaluator, config: ChainConfig): Kernel {
  const { algorithm } = config;
  return algorithm.kind === 'nuts'
    ? nutsKernel(density, { maxTreeDepth: algorithm.maxTreeDepth })
    : hmcKernel(density, { numSteps: algorithm.numSteps });
}

function identityMetric(kind: MetricKind, dimension: number): Metric {
  return kind === 'diag' ? DiagonalMetric.identity(dimension) : DenseMetric.identity(dimension);
}

function keptCount(iterations: number, thin: number): number {
  return Math.ceil(iterations / thin);
}

/**
 * One chain: initialise, warm up (step size and metric adaptation), sample. The draws depend only
 * on (model, config, chain id, init): not on timing, threads or other chains.
 */
export async function runChain(
  model: LogDensity,
  config: ChainConfig,
  chain: number,
  init: Float64Array | undefined,
  hooks: ChainHooks = {},
): Promise<ChainResult> {
  const started = performance.now();
  const density = new DensityEvaluator(model);
  const d = density.dimension;
  const rng = chainRng(config.seed, chain);
  const kernel = makeKernel(density, config);
  const { warmup, draws, thin } = config;
  const total = warmup + draws;
  const progressEvery = Math.max(1, Math.floor(total / 100));

  let state = initialize(density, rng, {
    radius: config.initRadius,
    ...(init ? { init } : {}),
    ...(config.parameterNames ? { parameterNames: config.parameterNames } : {}),
  });

  let metric = identityMetric(config.metric, d);
  let stepSize = config.stepSize;
  let adapter: WarmupAdapter | null = null;
  // A SharedPoint like the trajectory's points: one shape of point at every call site (a plain
  // PhasePoint here made V8 deoptimise the density call with "wrong map" in the first chain).
  const scratch = new SharedPoint(d);
  if (warmup > 0) {
    stepSize = initialStepSize(state, stepSize, metric, density, rng, scratch);
    adapter = new WarmupAdapter(windowSchedule(warmup), config.metric, d, config.adaptDelta, config.stepSize, stepSize, metric);
  }

  const warmupRecorder = new DrawRecorder(config.saveWarmup ? keptCount(warmup, thin) : 0, d);
  const samplingRecorder = new DrawRecorder(keptCount(draws, thin), d);
  let stopped = hooks.shouldStop?.() ?? false;
  let completed = 0;
  let lastYield = performance.now();

  // Reports progress, polls for cancellation and yields now and then; true = stop. Synchronous
  // except when a yield is due, so an iteration costs no promise.
  const afterIteration = (done: number, phase: Phase): boolean | Promise<boolean> => {
    completed = done;
    if (hooks.onProgress && (done % progressEvery === 0 || done === warmup || done === total)) {
      hooks.onProgress(done, total, phase);
    }
    if (performance.now() - lastYield > YIELD_EVERY_MS) return yieldThenPoll();
    return hooks.shouldStop?.() ?? false;
  };
  const yieldThenPoll = async (): Promise<boolean> => {
    await yieldToEventLoop();
    lastYield = performance.now();
    return hooks.shouldStop?.() ?? false;
  };
  // Two state buffers, alternated, so that transitions write into storage this chain owns.
  const buffers: ChainState[] = [0, 1].map(() => ({ position: new Float64Array(d), logDensity: 0, gradient: new Float64Array(d) }));
  const nextBuffer = (current: ChainState): ChainState => (current === buffers[0] ? buffers[1] : buffers[0]);

  for (let i = 0; i < warmup && !stopped; i++) {
    const { state: next, info } = kernel(rng, state, { stepSize, metric }, nextBuffer(state));
    state = next;
    if (config.saveWarmup && i % thin === 0) warmupRecorder.record(state, info, stepSize);
    if (adapter) {
      const metricChanged = adapter.update(i, info.acceptStat, state.position);
      if (metricChanged) {
        metric = adapter.metric;
        adapter.restartStepSize(initialStepSize(state, adapter.stepSize, metric, density, rng, scratch));
      }
      stepSize = adapter.stepSize;
    }
    const warmupPoll = afterIteration(i + 1, 'warmup');
    stopped = warmupPoll === true || warmupPoll === false ? warmupPoll : await warmupPoll;
  }
  if (adapter && !stopped) stepSize = adapter.finish();
  const warmupEvaluations = density.evaluations;
  const samplingStarted = performance.now();
  // Streams only from a sampling phase that began: a chain stopped in warmup sends nothing.
  const streamer = hooks.onDraws && !stopped ? new DrawStreamer(samplingRecorder, chain, hooks.onDraws) : null;
  streamer?.begin(stepSize, config.metric, metric.inverse);

  for (let i = 0; i < draws && !stopped; i++) {
    const { state: next, info } = kernel(rng, state, { stepSize, metric }, nextBuffer(state));
    state = next;
    if (i % thin === 0) {
      samplingRecorder.record(state, info, stepSize);
      streamer?.recorded();
    }
    const samplingPoll = afterIteration(warmup + i + 1, 'sampling');
    stopped = samplingPoll === true || samplingPoll === false ? samplingPoll : await samplingPoll;
  }
  const finished = performance.now();
  streamer?.end();

  const warmupPart = warmupRecorder.result();
  const samplingPart = samplingRecorder.result();
  return {
    chain,
    dimension: d,
    draws: samplingPart.draws,
    stats: samplingPart.stats,
    warmupDraws: warmupPart.draws,
    warmupStats: warmupPart.stats,
    stepSize,
    metric: config.metric,
    inverseMetric: Float64Array.from(metric.inverse),
    gradientEvaluations: { warmup: warmupEvaluations, sampling: density.evaluations - warmupEvaluations },
    seconds: { warmup: (samplingStarted - started) / 1000, sampling: (finished - samplingStarted) / 1000 },
    incomplete: completed < total,
  };
}
