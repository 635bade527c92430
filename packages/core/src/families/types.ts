/** Public types of the response families (likelihoods). */

export type FamilyName =
  | 'gaussian'
  | 'student'
  | 'lognormal'
  | 'bernoulli'
  | 'binomial'
  | 'poisson'
  | 'negbinomial'
  | 'gamma'
  | 'weibull'
  | 'exponential'
  | 'beta'
  | 'zero_inflated_poisson'
  | 'zero_inflated_negbinomial'
  | 'hurdle_poisson'
  | 'hurdle_negbinomial'
  | 'hurdle_lognormal'
  | 'cumulative';

export type LinkName = 'identity' | 'log' | 'logit' | 'probit' | 'cloglog';

/** An estimated auxiliary (distributional) parameter; `lower` (and `upper`, default Infinity) bound it on the constrained scale. */
export interface AuxParam {
  /**
   * The prior class, and the parameter's name unless `parameter` says otherwise (ar's `ar[1]`);
   * with `class` given (ordinal thresholds: class b, coef Intercept[k]) the name is the parameter's only.
   */
  name: 'sigma' | 'nu' | 'shape' | 'sigma_prop' | 'ar' | 'car1' | 'phi' | 'zi' | 'hu' | `b_Intercept[${number}]`;
  lower: number;
  upper?: number;
  /** The parameter's name when not its class (ar's `ar[1]`). */
  parameter?: string;
  /** Prior class and coef when the name is not the class. */
  class?: 'b';
  coef?: string;
}

/** Source of randomness for posterior prediction: uniform() in [0, 1), normal() standard normal. */
export interface RandomSource {
  uniform(): number;
  normal(): number;
}

/** Column names used in error messages, and the per-observation extras a family may need. */
export interface ResponseExtras {
  /** Name of the trials column (or the text `trials(10)` for a constant) for DataError messages. */
  trialsColumn?: string;
  /** Known measurement standard deviations (gaussian with `y | se(s)`). */
  se?: Float64Array | null;
  seColumn?: string;
}

/** Data a likelihood is bound to. `column`, `trialsColumn`, `seColumn` only name things in errors. */
export interface ResponseData {
  y: Float64Array;
  trials?: Float64Array;
  se?: Float64Array;
  column?: string;
  trialsColumn?: string;
  seColumn?: string;
}

export interface Likelihood {
  /** Number of observations. eta, dEta and out must have at least this length. */
  readonly n: number;
  /**
   * sum_i log p(y_i | eta_i, aux), fully normalised. OVERWRITES dEta[i] = d/d eta_i and
   * dAux[k] = d/d aux[k] (constrained scale). Returns -Infinity (never NaN) when aux is outside its
   * domain or eta is not finite. Allocates nothing.
   */
  logLik(eta: Float64Array, aux: Float64Array, dEta: Float64Array, dAux: Float64Array): number;
  /** out[i] = log p(y_i | eta_i, aux) (for LOO / WAIC). Allocates nothing. */
  pointwise(eta: Float64Array, aux: Float64Array, out: Float64Array): void;
  /** The same log density as code for the fused data loop, when it has a closed per-observation form. */
  readonly fused?: FusedLikelihoodCode;
}

/**
 * A likelihood whose distributional parameters may vary by observation (dpars formulas): `dpars[d]`
 * holds the link-scale linear predictor of the d-th modelled parameter per observation, `aux` the
 * family's other (scalar) parameters in family.aux order without the modelled ones.
 */
export interface DistributionalLikelihood {
  readonly n: number;
  /** The same log density as code for the fused dpars loop (model/dpars-kernel.ts), where the family has it. */
  readonly fusedDpars?: FusedDparsCode;
  /** As Likelihood.logLik; also OVERWRITES dDpars[d][i] = d/d dpars[d][i] (link scale). */
  logLikDpars(eta: Float64Array, aux: Float64Array, dpars: readonly Float64Array[], dEta: Float64Array, dAux: Float64Array, dDpars: readonly Float64Array[]): number;
  pointwiseDpars(eta: Float64Array, aux: Float64Array, dpars: readonly Float64Array[], out: Float64Array): void;
}

/**
 * Optional per-observation code for the model compiler's fused loop (linear predictor, likelihood and
 * its derivative in one pass over the data). Fixed text written by the family, never user input.
 * Variables available: aux values a0, a1, ...; inside the loop the response `y`, the linear predictor
 * `m` and the index `i`; `N` is the number of observations (substituted as a literal); and the
 * per-observation arrays in `arrays` under their names (which must be `V` followed by digits).
 */
export interface FusedLikelihoodCode {
  /** Statements before the loop: declare accumulators; may `return;` for invalid aux (the result is then -Infinity). */
  before: string;
  /** Statements per observation that declare `d` = d log p(y | m) / d m and accumulate. */
  perObservation: string;
  /** Statements after the loop that set `lp` (the summed log-likelihood) and write dAux[k]. */
  after: string;
  /** Data-derived arrays the code reads (e.g. V0 = 1 / se^2). */
  arrays?: Record<string, Float64Array>;
  /** What `y` holds in the loop when not the response itself (log y for the lognormal). */
  response?: Float64Array;
  /** Library-style objects the code calls as `LG.fill(args, out)` (names LG followed by digits or none); arrays only cross the call. */
  functions?: Record<string, { fill(args: ArrayLike<number>, out: Float64Array): void }>;
  /**
   * Called with the aux values before each run of the loop: fills `arrays` with what depends on the
   * family parameters only (negbinomial's count table, gamma's lgamma and digamma of its shape), so
   * the generated code needs no special functions. Writes into the arrays; returns nothing.
   */
  prepare?: (aux: Float64Array) => void;
}

/**
 * Per-observation code for the fused loop of a model with dpars formulas (model/dpars-kernel.ts): with
 * `y`, the mean `m` and the family's parameters p0, p1, ... (family.aux order) of the observation, it
 * declares `l` = log p(y | m, p), `d` = dl/dm and e0, e1, ... = dl/dp_k. Fixed text written by the family;
 * its own temporaries start with `f`.
 */
export interface FusedDparsCode {
  perObservation: string;
  /** What `y` holds when not the response itself (log y for the lognormal). */
  response?: Float64Array;
  /** Arrays the code reads (names V followed by digits), filled by prepare. */
  arrays?: Record<string, Float64Array>;
  /** Called with the scalar aux values (layout order) before each loop, as FusedLikelihoodCode.prepare. */
  prepare?: (aux: Float64Array) => void;
}

export interface Family {
  name: FamilyName;
  link: LinkName;
  /** Estimated auxiliary parameters, in the order of the `aux` array (gaussian with se(): none). */
  aux: readonly AuxParam[];
  /** True for binomial: `y | trials(n)` is required. */
  needsTrials: boolean;
  /** True for the gaussian family with known per-observation sd (`y | se(s)`). */
  knownSe: boolean;
  /** Throws DataError naming the column and 1-based row of the first invalid value. */
  checkResponse(y: Float64Array, trials: Float64Array | null, column: string, extras?: ResponseExtras): void;
  /** Validates (as checkResponse) and precomputes data-only constants. */
  bind(obs: ResponseData): Likelihood;
  /** Mean of the linear predictor's distribution parameter: mu = g^-1(eta). */
  inverseLink(eta: number): number;
  /** E[y | eta, aux]; `extra` is the number of trials for binomial, ignored otherwise. */
  mean(eta: number, aux: ArrayLike<number>, extra: number): number;
  /**
   * Posterior prediction: out[i] ~ p(y | eta[i], aux). `extra` holds the trials (binomial) or the
   * known se (gaussian with se()); null otherwise.
   */
  simulate(
    eta: Float64Array,
    aux: ArrayLike<number>,
    extra: Float64Array | null,
    rng: RandomSource,
    out: Float64Array,
  ): void;
  /**
   * Posterior prediction with per-row parameters (dpars formulas): `params` is n x aux.length, row-major,
   * family.aux order. Only families whose rows depend on each other (autocorrelated residuals) need it;
   * the others are simulated one row at a time with `simulate`.
   */
  simulateRows?(eta: Float64Array, params: Float64Array, extra: Float64Array | null, rng: RandomSource, out: Float64Array): void;
}
