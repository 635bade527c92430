import { availableCores } from '#platform';
import type { Algorithm, DrawsCallback, MetricKind, ProgressCallback } from './types.js';

/** Options of runChains; every one has a Stan-like default. */
export interface RunOptions {
  /** Number of chains (default 4). */
  chains?: number;
  /** Warmup iterations per chain (default 1000). */
  warmup?: number;
  /** Sampling iterations per chain (default 1000), before thinning. */
  draws?: number;
  /** Integer in [0, 2^32 - 1]; default: a random one, reported in the result. */
  seed?: number;
  /** NUTS maximum tree depth (default 10). */
  maxTreeDepth?: number;
  /** Target mean acceptance statistic of step-size adaptation (default 0.8). */
  adaptDelta?: number;
  /** Adapted metric: 'diag' (default) or 'dense'. */
  metric?: MetricKind;
  /** Random inits are uniform(-initRadius, initRadius) on the unconstrained scale (default 2; 0 = zeros). */
  initRadius?: number;
  /** User inits on the unconstrained scale: one shared by all chains, or one per chain. */
  inits?: Float64Array | readonly Float64Array[];
  /** Initial step size (default 1); with warmup 0 it is used as is. */
  stepSize?: number;
  /** Keep every thin-th iteration (default 1). */
  thin?: number;
  /** 'nuts' (default) or static 'hmc' with numSteps leapfrog steps per transition. */
  algorithm?: 'nuts' | 'hmc';
  numSteps?: number;
  /** Also return the warmup draws and their stats (default false). */
  saveWarmup?: boolean;
  /** Worker threads (default: the number of cores, capped at chains); 1 runs in-process. */
  parallel?: number;
  /** Progress of each chain, called on the calling thread. */
  onProgress?: ProgressCallback;
  /**
   * Kept sampling draws of each chain in batches as they are drawn (DrawBatch), on the calling
   * thread, also for chains on workers; a chain's batches end with one marked last. A throw stops
   * the run, which then rejects.
   */
  onDraws?: DrawsCallback;
  /** Bars on stderr: default when stderr is a TTY and CI is not set. */
  progressBar?: boolean;
  /** Abort: the run resolves with the draws so far, marked incomplete. */
  signal?: AbortSignal;
  /** Parameter names for error messages (default theta[i]). */
  parameterNames?: readonly string[];
}

/** Everything a chain needs, validated; plain data, so it can be posted to a worker. */
export interface ChainConfig {
  warmup: number;
  draws: number;
  thin: number;
  seed: number;
  algorithm: Algorithm;
  adaptDelta: number;
  metric: MetricKind;
  initRadius: number;
  stepSize: number;
  saveWarmup: boolean;
  parameterNames?: string[];
}

export interface RunPlan {
  chains: number;
  parallel: number;
  config: ChainConfig;
  /** The init of each chain, or undefined for random inits. */
  inits: (Float64Array | undefined)[];
}

const UINT32_MAX = 0xffffffff;

/** A random seed in [0, 2^32 - 1] (Web Crypto: the same call in Node and browsers). */
function randomSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
}

function fail(message: string): never {
  throw new RangeError(`runChains: ${message}`);
}

function integerOption(name: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${name} must be an integer, got ${String(value)}`);
  if (value < min || value > max) fail(`${name} must be in [${min}, ${max}], got ${value}`);
  return value;
}

const KNOWN_OPTIONS = new Set<string>([
  'chains', 'warmup', 'draws', 'seed', 'maxTreeDepth', 'adaptDelta', 'metric', 'initRadius', 'inits', 'stepSize',
  'thin', 'algorithm', 'numSteps', 'saveWarmup', 'parallel', 'onProgress', 'onDraws', 'progressBar', 'signal', 'parameterNames',
]);

/** Validates the options with messages that name the option; fills in the defaults. */
export function planRun(options: RunOptions, inProcessOnly: boolean): RunPlan {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  // A misspelt option would otherwise be silently ignored (e.g. `iter` for `draws`).
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) fail(`unknown option '${key}'`);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') fail('onProgress must be a function');
  if (options.onDraws !== undefined && typeof options.onDraws !== 'function') fail('onDraws must be a function');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) fail('signal must be an AbortSignal');
  const chains = integerOption('chains', options.chains, 4, 1, 1024);
  const warmup = integerOption('warmup', options.warmup, 1000, 0);
  const draws = integerOption('draws', options.draws, 1000, 0);
  const thin = integerOption('thin', options.thin, 1, 1);
  const seed = integerOption('seed', options.seed, randomSeed(), 0, UINT32_MAX);
  const maxTreeDepth = integerOption('maxTreeDepth', options.maxTreeDepth, 10, 1, 30);

  const adaptDelta = options.adaptDelta ?? 0.8;
  if (typeof adaptDelta !== 'number' || !(adaptDelta > 0 && adaptDelta < 1)) {
    fail(`adaptDelta must be in (0, 1), got ${String(adaptDelta)}`);
  }
  const metric = options.metric ?? 'diag';
  if (metric !== 'diag' && metric !== 'dense') fail(`metric must be 'diag' or 'dense', got ${String(metric)}`);
  const initRadius = options.initRadius ?? 2;
  if (typeof initRadius !== 'number' || !(initRadius >= 0 && initRadius < Infinity)) {
    fail(`initRadius must be a finite number >= 0, got ${String(initRadius)}`);
  }
  const stepSize = options.stepSize ?? 1;
  if (typeof stepSize !== 'number' || !(stepSize > 0 && stepSize < Infinity)) {
    fail(`stepSize must be a finite number > 0, got ${String(stepSize)}`);
  }

  const kind = options.algorithm ?? 'nuts';
  let algorithm: Algorithm;
  if (kind === 'nuts') {
    if (options.numSteps !== undefined) fail(`numSteps applies to algorithm 'hmc' only`);
    algorithm = { kind: 'nuts', maxTreeDepth };
  } else if (kind === 'hmc') {
    if (options.numSteps === undefined) fail(`algorithm 'hmc' needs numSteps (leapfrog steps per transition)`);
    algorithm = { kind: 'hmc', numSteps: integerOption('numSteps', options.numSteps, 1, 1) };
  } else {
    fail(`algorithm must be 'nuts' or 'hmc', got ${String(kind)}`);
  }

  const cores = availableCores();
  const parallel = integerOption('parallel', options.parallel, inProcessOnly ? 1 : Math.min(cores, chains), 1, 1024);
  if (inProcessOnly && parallel > 1) {
    fail(
      `parallel: ${parallel} needs a ModelSource ({ module, exportName, payload }) that workers can load; an in-memory LogDensity runs with parallel: 1`,
    );
  }

  const inits = planInits(options.inits, chains);
  const parameterNames = options.parameterNames === undefined ? undefined : [...options.parameterNames];
  return {
    chains,
    parallel: Math.min(parallel, chains),
    inits,
    config: {
      warmup,
      draws,
      thin,
      seed,
      algorithm,
      adaptDelta,
      metric,
      initRadius,
      stepSize,
      saveWarmup: options.saveWarmup ?? false,
      ...(parameterNames ? { parameterNames } : {}),
    },
  };
}

function planInits(inits: RunOptions['inits'], chains: number): (Float64Array | undefined)[] {
  if (inits === undefined) return new Array<undefined>(chains).fill(undefined);
  const check = (init: unknown, label: string): Float64Array => {
    if (!(init instanceof Float64Array)) fail(`${label} must be a Float64Array`);
    for (let i = 0; i < init.length; i++) {
      if (!Number.isFinite(init[i])) fail(`${label}[${i}] is ${init[i]}; inits must be finite`);
    }
    return init;
  };
  if (inits instanceof Float64Array) {
    const shared = check(inits, 'inits');
    return Array.from({ length: chains }, () => shared);
  }
  if (!Array.isArray(inits)) fail('inits must be a Float64Array or an array of one Float64Array per chain');
  if (inits.length !== chains) fail(`inits has ${inits.length} entries but there are ${chains} chains`);
  return inits.map((init, c) => check(init, `inits[${c}]`));
}
