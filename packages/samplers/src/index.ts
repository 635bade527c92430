export type {
  Algorithm,
  ChainState,
  DrawBatch,
  DrawsCallback,
  LogDensity,
  MetricKind,
  ModelSource,
  Phase,
  ProgressCallback,
  SamplerStats,
  TransitionInfo,
} from './types.js';
export { runChains, type RunResult } from './run.js';
export type { RunOptions, ChainConfig, RunPlan } from './options.js';
/** The validated settings (and defaults) a run of these options will use, before it runs. */
export { planRun } from './options.js';
export { runChain, type ChainHooks, type ChainResult } from './chain.js';
export { ChainError, InitializationError } from './errors.js';
export { WORKER_BUNDLE_FILE, RUNNING_FROM_BUNDLE } from './parallel/worker-file.js';

// The parts, for composing other samplers and for tests.
export { chainRng, type Rng } from './rng.js';
export { DensityEvaluator } from './density.js';
export { PhasePoint, kineticEnergy, energyOf, hamiltonian } from './phase-point.js';
export { leapfrog } from './integrator.js';
export { setStepSizes, type Metric, type StepSizes } from './metric/metric.js';
export { DiagonalMetric } from './metric/diag.js';
export { DenseMetric } from './metric/dense.js';
export { choleskyLower } from './metric/cholesky.js';
export type { Kernel, KernelParams, Transition } from './kernel.js';
export { nutsKernel, type NutsOptions } from './nuts/transition.js';
export { noUTurn, noUTurnSum, joinNoUTurn } from './nuts/uturn.js';
export { MAX_ENERGY_ERROR } from './nuts/tree.js';
export { hmcKernel, type HmcOptions } from './hmc.js';
export { initialStepSize } from './stepsize-heuristic.js';
export { initialize, MAX_INIT_TRIES, type InitOptions } from './init.js';
export { windowSchedule, type WindowSchedule, type MetricWindow, type WindowOptions } from './adaptation/window-schedule.js';
export { DualAveraging } from './adaptation/dual-averaging.js';
export { DiagonalWelford, DenseWelford } from './adaptation/welford.js';
export { WarmupAdapter, regularize } from './adaptation/warmup.js';
