/** Arguments as passed to library functions: the generated code hands over a reused Float64Array. */
export type NlArgs = Float64Array | readonly number[];

/**
 * A function of the nonlinear expression language with a hand-derived gradient.
 * `gradient` writes d value / d args[j] into out[j] for every argument and returns the value; it must
 * not allocate or throw (non-finite inputs give NaN / +-Inf, which the model treats as -Inf density).
 */
export interface NlFunction {
  readonly name: string;
  readonly arity: number;
  /** Argument names in call order, as in R's documentation (used in messages and docs). */
  readonly argNames: readonly string[];
  value(args: NlArgs): number;
  gradient(args: NlArgs, out: Float64Array): number;
  /**
   * Hot-path form used by generated code: gradient into out[0..arity-1] and the value into
   * out[arity] (so out has length arity + 1), returning nothing so no number is boxed per call.
   */
  fill(args: NlArgs, out: Float64Array): void;
  /**
   * The same function as an expression of its argNames, where that is numerically as good: the model
   * compiler then inlines it (expr/inline.ts), so its terms are differentiated, simplified and hoisted
   * with the rest of the formula instead of calling `fill` per observation.
   */
  readonly expansion?: string;
}
