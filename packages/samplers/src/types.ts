/**
 * The records that flow between the sampler's modules. Everything numeric is a typed array;
 * matrices are row-major.
 */

/** The only thing the samplers know about a model. */
export interface LogDensity {
  dimension: number;
  /** Writes the gradient of the log density into grad (caller-owned), returns the log density. May return NaN/-Infinity or throw: treated as a divergence during sampling, as a failed try during init. */
  logDensityGradient(theta: Float64Array, grad: Float64Array): number;
  /**
   * Optional: the same computation with the log density written to out[0] instead of returned.
   * The sampler uses it when present: a double returned from a call V8 does not inline is boxed,
   * one allocation per gradient.
   */
  logDensityGradientInto?(theta: Float64Array, grad: Float64Array, out: Float64Array): void;
}

/**
 * Where a worker thread finds the model: it imports `module` (an absolute file URL of an ES
 * module) and calls `module[exportName](payload)` to get a LogDensity. The payload must survive
 * structured cloning (plain JSON is the contract).
 */
export interface ModelSource {
  module: string;
  exportName: string;
  payload: unknown;
  /**
   * The same model, already built in this thread (optional). With it, this thread is one of the
   * `parallel` lanes: it runs chains itself while p - 1 workers start and run the others, so no lane
   * waits for a worker to start and a fit never pays more than p - 1 worker start-ups. Never sent to
   * a worker. It must compute exactly what the rebuilt model computes (draws stay bit-identical).
   */
  local?: LogDensity;
}

/** A point of the chain: the position with its log density and gradient (computed once, reused). */
export interface ChainState {
  position: Float64Array;
  logDensity: number;
  gradient: Float64Array;
}

/** What one transition reports besides the new state (Stan's sampler diagnostics). */
export interface TransitionInfo {
  acceptStat: number;
  /** Completed doublings (NUTS); 0 for static HMC. */
  treeDepth: number;
  nLeapfrog: number;
  divergent: boolean;
  /** Hamiltonian at the selected state. */
  energy: number;
}

/** The per-draw stats, one typed array per Stan column, one entry per kept iteration. */
export interface SamplerStats {
  lp__: Float64Array;
  accept_stat__: Float64Array;
  stepsize__: Float64Array;
  treedepth__: Int32Array;
  n_leapfrog__: Int32Array;
  divergent__: Uint8Array;
  energy__: Float64Array;
}

export type MetricKind = 'diag' | 'dense';

export type Phase = 'warmup' | 'sampling';

/** Called as iterations complete (throttled to about 1% steps, always including each phase's last). */
export type ProgressCallback = (chain: number, iteration: number, total: number, phase: Phase) => void;

/**
 * Kept sampling draws of one chain as they are drawn (RunOptions.onDraws): a first batch of 0 rows
 * with the adaptation when warmup ends, then about every 100 rows or 0.5 s, and a last batch when
 * the chain's sampling ends (finished or stopped). Concatenated in order, a chain's batches are its
 * ChainResult draws and stats. Warmup draws are not streamed.
 */
export interface DrawBatch {
  /** 0-based chain index. */
  chain: number;
  /** Index of the batch's first row among the chain's kept sampling draws. */
  start: number;
  rows: number;
  /** rows x dimension, row-major, unconstrained (as ChainResult.draws); the receiver's own copy. */
  draws: Float64Array;
  /** The rows' sampler stats; the receiver's own copies. */
  stats: SamplerStats;
  /** On a chain's first batch (0 rows, sent when warmup ends) only: the adapted step size and inverse metric sampling uses. */
  adaptation?: { stepSize: number; metric: MetricKind; inverseMetric: Float64Array };
  /** True on the chain's last batch (which may have 0 rows). */
  last: boolean;
}

/** Receives a chain's draws as they are drawn, on the calling thread. */
export type DrawsCallback = (batch: DrawBatch) => void;

export type Algorithm = { kind: 'nuts'; maxTreeDepth: number } | { kind: 'hmc'; numSteps: number };
