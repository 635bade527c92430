/**
 * compile(spec, data): the model as a log density over an unconstrained vector, with everything a
 * sampler and a results layer need (names, constrain, pointwise log-likelihood, JSON form).
 */
import type { RawTable, TableInput } from '../data/index.js';
import { SpecError } from '../errors.js';
import type { Family } from '../families/index.js';
import type { ResolvedPrior } from '../priors/index.js';
import { ModelDensity } from './density.js';
import { buildLayout, type Layout } from './layout.js';
import { writeConstrained } from './constrained.js';
import { newDataPredictor, type NewDataOptions, type NewDataPredictor } from './new-data.js';
import { validateSpec, type ModelSpec } from './spec.js';
import { buildStructure, type ModelStructure } from './structure.js';

export const MODEL_JSON_KIND = 'strata.model';
export const MODEL_JSON_VERSION = 1;

/** Plain-data form of a compiled model: the spec and the used data columns (rows already filtered). */
export interface ModelJSON {
  kind: typeof MODEL_JSON_KIND;
  version: typeof MODEL_JSON_VERSION;
  spec: ModelSpec;
  data: Record<string, (number | string)[]>;
  /** Present (true) for a model of the priors alone. */
  priorOnly?: true;
}

export interface CompileOptions {
  /**
   * The priors alone, as brms's sample_prior = "only": the density leaves the likelihood out, so a
   * fit draws from the prior (prior predictive checks: posteriorPredict on such a fit). The data
   * still define the design, the levels and the data-scaled default priors.
   */
  priorOnly?: boolean;
}

export interface CompiledModel {
  readonly spec: ModelSpec;
  readonly family: Family;
  /** Number of unconstrained parameters. */
  readonly dimension: number;
  /** Names of the unconstrained coordinates (log(sigma), z_Subject[308,Days], ...). */
  readonly parameterNames: string[];
  /** Names of what constrain() returns, as brms names them (b_Days, sd_Subject__Days, cor_..., sigma, r_...). */
  readonly constrainedNames: string[];
  /** Observations used (after dropping rows with missing values when na = "drop"). */
  readonly nobs: number;
  /** Rows dropped because of missing values, with their 1-based source row numbers. */
  readonly dropped: { count: number; rows: number[] };
  /** Every prior the model uses and where it came from. */
  readonly priors: ResolvedPrior[];
  /** Internal structure of the density (parsed formulas, table, designs). Results read `layout`, `response` and `newData` instead. */
  readonly structure: ModelStructure;
  /** Where every parameter lives: unconstrained blocks, and (layout.constrained) the constrained vector. */
  readonly layout: Layout;
  /** The training response and its per-row extras. */
  readonly response: TrainingResponse;
  /** True for a nonlinear (stage-1 expression) model. */
  readonly nonlinear: boolean;
  /** True when the density is the priors alone (CompileOptions.priorOnly). */
  readonly priorOnly: boolean;
  /** True when the residuals are autocorrelated within series (spec.autocor). */
  readonly autocorrelated: boolean;
  /**
   * The linear predictors on new data (default: the training data), draw by draw (new-data.ts).
   * Throws the core's DataError for missing columns, unseen factor levels or unseen group levels
   * (with groups 'observed').
   */
  newData(newdata: TableInput | RawTable | undefined, options: NewDataOptions): NewDataPredictor;
  logDensity(theta: Float64Array): number;
  /** Writes the gradient into `grad` (caller-owned) and returns the log density; allocates nothing. */
  logDensityGradient(theta: Float64Array, grad: Float64Array): number;
  /**
   * The same, with the log density written to out[0] rather than returned (samplers use it: a
   * double returned from a call V8 does not inline is boxed, one allocation per gradient).
   */
  logDensityGradientInto(theta: Float64Array, grad: Float64Array, out: Float64Array): void;
  /** Constrained values in constrainedNames order (into `out` when given). */
  constrain(theta: Float64Array, out?: Float64Array): Float64Array;
  constrainNamed(theta: Float64Array): Record<string, number>;
  /** Pointwise log-likelihood (length nobs) for LOO. */
  pointwiseLogLik(theta: Float64Array, out?: Float64Array): Float64Array;
  /** Linear predictor per observation (the stage-1 mean for nonlinear models, link scale). */
  linearPredictor(theta: Float64Array, out?: Float64Array): Float64Array;
  toJSON(): ModelJSON;
}

export interface TrainingResponse {
  /** The response per used observation. */
  y: Float64Array;
  /** Binomial trials per observation, or null. */
  trials: Float64Array | null;
  /** Known measurement sds (gaussian with se()), or null. */
  se: Float64Array | null;
  /** 1-based row of the source data behind each observation (rows with missing values dropped). */
  sourceRows: Int32Array | undefined;
  /** trunc() bounds per observation (-Infinity / Infinity where not given), or null without trunc(). */
  lb: Float64Array | null;
  ub: Float64Array | null;
}

export function compile(spec: unknown, data: TableInput | RawTable, options: CompileOptions = {}): CompiledModel {
  if (typeof options !== 'object' || options === null || Object.keys(options).some((k) => k !== 'priorOnly') || (options.priorOnly !== undefined && typeof options.priorOnly !== 'boolean')) {
    throw new SpecError('compile options are { priorOnly?: boolean }', 'options');
  }
  const priorOnly = options.priorOnly === true;
  const valid = validateSpec(spec);
  const structure = buildStructure(valid, data);
  const layout = buildLayout(structure);
  const density = new ModelDensity(structure, layout, { priorOnly });
  const nConstrained = layout.constrainedNames.length;
  const checkTheta = (theta: Float64Array): void => {
    if (theta.length !== layout.dimension) {
      throw new SpecError(`parameter vector has length ${theta.length}, the model has ${layout.dimension} parameters`, 'theta');
    }
  };
  const corScratch = layout.groups.map((g) => (g.corOffset >= 0 ? new Float64Array(g.q * g.q) : null));
  const jointScratch = layout.joint.map((b) => new Float64Array(b.Q * b.Q));

  const constrain = (theta: Float64Array, out = new Float64Array(nConstrained)): Float64Array => {
    checkTheta(theta);
    density.visitConstrained(theta, (parts) => writeConstrained(layout.constrained, parts, corScratch, out, jointScratch));
    return out;
  };

  return {
    spec: valid,
    family: structure.family,
    dimension: layout.dimension,
    parameterNames: layout.parameterNames,
    constrainedNames: layout.constrainedNames,
    nobs: structure.n,
    dropped: { count: structure.dropped, rows: structure.droppedRows },
    priors: layout.priors,
    structure,
    layout,
    response: { y: structure.y, trials: structure.trials, se: structure.se, sourceRows: structure.table.sourceRows, lb: structure.responseExtras?.lb ?? null, ub: structure.responseExtras?.ub ?? null },
    nonlinear: structure.nonlinear !== null,
    newData: (newdata, options) => newDataPredictor(structure, layout, newdata, options),
    logDensity: (theta) => {
      checkTheta(theta);
      return density.logDensity(theta);
    },
    logDensityGradient: (theta, grad) => density.logDensityGradient(theta, grad),
    logDensityGradientInto: (theta, grad, out) => density.logDensityGradientInto(theta, grad, out),
    constrain,
    constrainNamed: (theta) => {
      const values = constrain(theta);
      return Object.fromEntries(layout.constrainedNames.map((name, k) => [name, values[k]]));
    },
    pointwiseLogLik: (theta, out = new Float64Array(structure.n)) => {
      checkTheta(theta);
      density.pointwiseLogLik(theta, out);
      return out;
    },
    linearPredictor: (theta, out = new Float64Array(structure.n)) => {
      checkTheta(theta);
      density.linearPredictor(theta, out);
      return out;
    },
    priorOnly,
    autocorrelated: structure.autocor !== undefined,
    toJSON: () => ({ kind: MODEL_JSON_KIND, version: MODEL_JSON_VERSION, spec: valid, data: structure.usedData, ...(priorOnly && { priorOnly: true as const }) }),
  };
}

/** Rebuilds a model from toJSON() output (e.g. in a worker thread). */
export function compileFromJSON(json: unknown): CompiledModel {
  const j = json as Partial<ModelJSON> | null;
  if (typeof j !== 'object' || j === null || j.kind !== MODEL_JSON_KIND || j.version !== MODEL_JSON_VERSION || typeof j.data !== 'object' || j.data === null) {
    throw new SpecError(`not a serialised Strata model (expected kind "${MODEL_JSON_KIND}", version ${MODEL_JSON_VERSION}, spec and data)`);
  }
  return compile(j.spec, j.data as Record<string, (number | string)[]>, { priorOnly: j.priorOnly === true });
}
