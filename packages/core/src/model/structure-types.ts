/**
 * The types of a model's structure (structure.ts builds it), apart so that modules the builder calls
 * (unsupported.ts) can name them without importing the builder.
 */
import type { Table } from '../data/index.js';
import type { ExprNode, NonlinearModel } from '../expr/index.js';
import type { DistributionalLikelihood, Family, Likelihood } from '../families/index.js';
import type { ContractLink, DparInfo, FamilyInfo } from '../families/catalog.js';
import type { Design, Response, Rhs } from '../formula/index.js';
import type { AutocorStructure } from './autocor-data.js';
import type { GroupIdBlock } from './group-ids.js';
import type { ResponseExtrasData } from './response-extras.js';
import type { ModelSpec } from './spec.js';

/**
 * One linear predictor: the model's own (nlpar null), one nonlinear parameter's stage-2 formula, or
 * a distributional parameter's formula (dpar set; nlpar then holds the dpar's name, the prefix of
 * its parameters' names: b_sigma_x, sd_g__sigma_Intercept). Dpar predictors come last.
 */
export interface PredictorStructure {
  nlpar: string | null;
  /** For a dpars formula: its parameter, its link, and its place in the family's aux order. */
  dpar?: { name: DparInfo['name']; link: DparInfo['link']; auxIndex: number };
  rhs: Rhs;
  /** design.offset holds the summed offset(...) terms, when the formula has any. */
  design: Design;
}

/** A distributional parameter's own formula ("dpars"), on its link's scale. */
export interface DparStructure {
  dpar: DparInfo['name'];
  link: DparInfo['link'];
  rhs: Rhs;
  design: Design;
}

export interface ModelStructure {
  spec: ModelSpec;
  family: Family;
  response: Response;
  table: Table;
  dropped: number;
  droppedRows: number[];
  /** The used columns as plain data (for the JSON form a worker rebuilds from). */
  usedData: Record<string, (number | string)[]>;
  n: number;
  y: Float64Array;
  trials: Float64Array | null;
  se: Float64Array | null;
  likelihood: Likelihood;
  /** With dpars: the likelihood with per-observation distributional parameters (the density uses it instead). */
  distributional?: DistributionalLikelihood;
  predictors: PredictorStructure[];
  /** Present for nonlinear models: stage 1 maps the predictors (in `predictors` order) to the mean. */
  nonlinear: { expression: ExprNode; model: NonlinearModel; covariates: Float64Array[]; paramOrder: number[] } | null;
  // The contract's extensions, parsed and checked; unsupported.ts refuses those the kernels lack.
  /** The family as the spec names it (the contract's table) and the mean's link. */
  contract?: { family: FamilyInfo; link: ContractLink };
  /** cens(), trunc() and weights() as per-observation arrays; absent without them. */
  responseExtras?: ResponseExtrasData;
  /** One per "dpars" entry, in the spec's order; absent without dpars. */
  dpars?: DparStructure[];
  /** Residual autocorrelation: series, times and the sort order; absent without autocor. */
  autocor?: AutocorStructure;
  /** "combined" when the spec asks for additive + proportional error. */
  error?: 'combined';
  /** Group-term IDs across all formulas (the predictors' and the dpars'); absent without IDs. */
  groupIds?: GroupIdBlock[];
}

