/** Public types of priors and prior resolution. */

export type ScalarPriorFamily = 'normal' | 'student_t' | 'cauchy' | 'exponential' | 'gamma' | 'lognormal' | 'uniform' | 'beta';
export type PriorFamily = ScalarPriorFamily | 'lkj';

export interface Support {
  lower: number;
  upper: number;
}

/** A prior on one real parameter. All functions are fully normalised and allocate nothing. */
export interface PriorDist {
  family: ScalarPriorFamily;
  args: number[];
  /** Canonical text, printPrior(this); parsePrior(text) rebuilds an equal object. */
  text: string;
  support: Support;
  /** log density at x (-Infinity outside the support). */
  lpdf(x: number): number;
  /** d lpdf / dx (0 outside the support). */
  grad(x: number): number;
  /** P(X <= x) and P(X > x), each computed directly (accurate in its own tail). */
  cdf(x: number): number;
  ccdf(x: number): number;
  /**
   * lpdf and grad as JavaScript for generated parameter code: the same operations as the methods,
   * in the same order. `x` names the value; constants come from `constant(v)`; each part's prelude
   * declares temporaries (names starting with `p`) its value uses.
   */
  code(x: string, constant: (value: number) => string): { lpdf: PriorCodePart; grad: PriorCodePart };
}

export interface PriorCodePart {
  prelude: string[];
  value: string;
}

/** LKJ(eta) prior on a correlation matrix (used through its Cholesky factor). */
export interface LkjPrior {
  family: 'lkj';
  eta: number;
  args: number[];
  text: string;
}

export type Prior = PriorDist | LkjPrior;

export type PriorClass = 'b' | 'sd' | 'cor' | 'sigma' | 'nu' | 'shape' | 'sigma_prop' | 'ar' | 'car1' | 'phi' | 'zi' | 'hu';

/** A prior as the user writes it in a model spec. Empty strings count as "not given" (as in brms). */
export interface PriorSpec {
  prior: string;
  class: string;
  coef?: string;
  group?: string;
  nlpar?: string;
  /** The distributional parameter (brms set_prior(dpar = )); absent: the mean's. */
  dpar?: string;
}

/**
 * One parameter (or, for cor, one correlation matrix) that needs a prior, as the model layer lays
 * them out. `lower` / `upper` override the class's natural range (e.g. from a family's AuxParam).
 */
export interface PriorSlot {
  class: PriorClass;
  coef?: string;
  group?: string;
  nlpar?: string;
  /** Set for the coefficients, sds and correlations of a distributional parameter's formula (dpars). */
  dpar?: string;
  parameter: string;
  lower?: number;
  upper?: number;
}

export interface ResolvedPrior {
  slot: PriorSlot;
  prior: Prior;
  /** Where the prior came from: 'user (class=b, coef=Days)' or 'default: ...'. */
  source: string;
  /**
   * The range the parameter must be sampled on (build its transform from this): the class's natural
   * range, narrowed to the prior's support when that lies inside it (e.g. uniform(0, 10) on sigma).
   */
  bounds: Support;
  /**
   * -log P(prior mass inside bounds): add once to the log density for a fully normalised truncated
   * prior (log 2 for a half-normal on a scale). 0 when nothing is cut off; 0 for lkj.
   */
  logTruncation: number;
}

/**
 * Data-derived scales for the default priors. The model layer computes it (see computeDataScale);
 * values that are missing, zero or not finite fall back to location 0 / scale 1.
 */
export interface DataScale {
  /** Location of the response on the link scale (median for identity links). */
  yLocation: number;
  /** Spread of the response on the link scale (> 0; 1 for logit and log links). */
  yScale: number;
  /** Standard deviation of each fixed-effect design column, by coefficient name ('Days', 'SexFemale'). */
  predictorSds?: Record<string, number>;
  /** A typical magnitude for each nonlinear parameter; default max(|yLocation|, yScale). */
  nlparScales?: Record<string, number>;
}
