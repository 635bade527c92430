/**
 * compile(spec, data): the model as a log density over an unconstrained vector, with everything a
 * sampler and a results layer need (names, constrain, pointwise log-likelihood, JSON form).
 */
import type { RawTable, TableInput } from '../data/index.js';
import { SpecError } from '../errors.js';
import type { Family } from '../families/index.js';
import type { ResolvedPrior } from '../priors/index.js';
import { correlationFromCholesky } from '../transforms/index.js';
import { ModelDensity } from './density.js';
import { buildLayout, type Layout } from './layout.js';
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
  /** Internal structure for the results layer (designs, levels, response). */
  readonly structure: ModelStructure;
  readonly layout: Layout;
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

export function compile(spec: unknown, data: TableInput | RawTable): CompiledModel {
  const valid = validateSpec(spec);
  const structure = buildStructure(valid, data);
  const layout = buildLayout(structure);
  const density = new ModelDensity(structure, layout);
  const nConstrained = layout.constrainedNames.length;
  const checkTheta = (theta: Float64Array): void => {
    if (theta.length !== layout.dimension) {
      throw new SpecError(`parameter vector has length ${theta.length}, the model has ${layout.dimension} parameters`, 'theta');
    }
  };
  const corScratch = layout.groups.map((g) => (g.corOffset >= 0 ? new Float64Array(g.q * g.q) : null));

  const constrain = (theta: Float64Array, out = new Float64Array(nConstrained)): Float64Array => {
    checkTheta(theta);
    density.visitConstrained(theta, ({ betas, aux, groups }) => {
      let c = 0;
      for (const b of betas) for (let k = 0; k < b.length; k++) out[c++] = b[k];
      for (const g of groups) for (let k = 0; k < g.tau.length; k++) out[c++] = g.tau[k];
      groups.forEach((g, idx) => {
        const omega = corScratch[idx];
        if (!omega || !g.L) return;
        const q = g.tau.length;
        correlationFromCholesky(g.L, q, omega);
        for (let a = 0; a < q; a++) for (let b = a + 1; b < q; b++) out[c++] = omega[a * q + b];
      });
      for (let a = 0; a < aux.length; a++) out[c++] = aux[a];
      for (const g of groups) for (let k = 0; k < g.r.length; k++) out[c++] = g.r[k];
    });
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
    toJSON: () => ({ kind: MODEL_JSON_KIND, version: MODEL_JSON_VERSION, spec: valid, data: structure.usedData }),
  };
}

/** Rebuilds a model from toJSON() output (e.g. in a worker thread). */
export function compileFromJSON(json: unknown): CompiledModel {
  const j = json as Partial<ModelJSON> | null;
  if (typeof j !== 'object' || j === null || j.kind !== MODEL_JSON_KIND || j.version !== MODEL_JSON_VERSION || typeof j.data !== 'object' || j.data === null) {
    throw new SpecError(`not a serialised Strata model (expected kind "${MODEL_JSON_KIND}", version ${MODEL_JSON_VERSION}, spec and data)`);
  }
  return compile(j.spec, j.data as Record<string, (number | string)[]>);
}
